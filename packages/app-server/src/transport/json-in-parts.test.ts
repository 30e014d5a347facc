import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsArrayInParts, jsonInParts, withArrayInParts } from './json-in-parts.js';

describe('jsonInParts', () => {
  it('gives the same text as JSON.stringify, with the marked array in parts', () => {
    const turns = [{ id: 'a', items: [1, 2] }, { id: 'b', text: 'é😀\u2028"' }, { id: 'c', nothing: undefined }];
    const value = withArrayInParts({ id: 7, result: { thread: { id: 't', turns, after: [turns.length] } } }, turns);
    const parts = [...jsonInParts(value)];
    expect(parts.join('')).toBe(JSON.stringify(value));
    expect(parts.length).toBeGreaterThanOrEqual(turns.length + 2);
    expect(holdsArrayInParts(value)).toBe(true);
    expect(holdsArrayInParts({ id: 7 })).toBe(false);
  });

  it('serialises an element only when its part is asked for', () => {
    let serialised = 0;
    const elements = [0, 1, 2].map((n) => ({ toJSON: () => (serialised++, n) }));
    const parts = jsonInParts(withArrayInParts({ elements }, elements));
    parts.next();
    parts.next();
    expect(serialised).toBe(0);
    parts.next();
    expect(serialised).toBe(1);
  });

  it('matches JSON.stringify for any JSON value, an empty array and strings that look like the placeholder', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.jsonValue(), fc.string(), (array, other, text) => {
        const value = withArrayInParts({ before: other, array, text: `\u0000agentd-in-parts-${text}:0`, after: array.length }, array);
        expect([...jsonInParts(value)].join('')).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });
});
