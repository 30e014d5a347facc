import { describe, expect, it } from 'vitest';
import { readSse, takeEvents } from './sse.js';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function all(parts: string[]) {
  const events = [];
  for await (const batch of readSse(chunks(...parts))) events.push(...batch);
  return events;
}

describe('readSse', () => {
  it('reads events with names, multi-line data and comments', async () => {
    const events = await all(['event: a\ndata: {"x":1}\n\n', ': a comment\n\ndata: one\ndata: two\n\n']);
    expect(events).toEqual([
      { event: 'a', data: '{"x":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('joins events split across chunks, including inside a UTF-8 character and a CRLF', async () => {
    const text = 'data: é\r\n\r\ndata: 2\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    const split: Uint8Array[] = [bytes.slice(0, 7), bytes.slice(7, 9), bytes.slice(9)];
    const events = [];
    for await (const batch of readSse((async function* () { yield* split; })())) events.push(...batch);
    expect(events).toEqual([
      { event: 'message', data: 'é' },
      { event: 'message', data: '2' },
    ]);
  });

  it('hands over a final event that lacks its blank line', async () => {
    expect(await all(['data: last'])).toEqual([{ event: 'message', data: 'last' }]);
  });

  it('cuts many events out of one chunk in linear time', () => {
    const text = 'data: {"delta":"x"}\n\n'.repeat(50_000);
    const started = performance.now();
    const { events, rest } = takeEvents(text);
    const elapsed = performance.now() - started;
    expect(events).toHaveLength(50_000);
    expect(rest).toBe('');
    console.log(`takeEvents: 50,000 events in ${elapsed.toFixed(1)} ms`);
  });
});
