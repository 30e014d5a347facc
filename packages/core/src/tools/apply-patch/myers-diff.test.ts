import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from './myers-diff.js';

/** Length of a longest common subsequence, by the textbook table: the reference for minimality. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    b.forEach((y, j) => row.push(x === y ? (previous[j] ?? 0) + 1 : Math.max(previous[j + 1] ?? 0, row[j] ?? 0)));
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The lines both sides keep, which must be the same sequence for the script to be valid. */
function kept(lines: readonly string[], changed: Uint8Array): string[] {
  return lines.filter((_, i) => !changed[i]);
}

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x', 'y'), { maxLength: 40 });

describe('diffLines', () => {
  it('finds a valid and minimal edit script', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const { deleted, inserted } = diffLines(a, b);
        const common = kept(a, deleted);
        expect(kept(b, inserted)).toEqual(common);
        expect(common.length).toBe(lcsLength(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['a'])).toEqual({ deleted: new Uint8Array(0), inserted: Uint8Array.of(1) });
    expect(diffLines(['a'], [])).toEqual({ deleted: Uint8Array.of(1), inserted: new Uint8Array(0) });
  });

  it('is fast on large files that differ everywhere', () => {
    const a = Array.from({ length: 10_000 }, (_, i) => `line ${i % 50} of a`);
    const b = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? `line ${i % 50} of a` : `changed ${i}`));
    const started = performance.now();
    const { deleted, inserted } = diffLines(a, b);
    const elapsed = performance.now() - started;
    console.log(`diffLines: 10,000 vs 10,000 lines, heavily changed, in ${elapsed.toFixed(0)} ms`);
    expect(kept(b, inserted)).toEqual(kept(a, deleted));
  });
});
