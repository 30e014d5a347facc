/**
 * Server-sent events from a fetch response body. Written for throughput: a model can stream tens
 * of thousands of small events, and a parser that re-scans or re-copies its buffer for every event
 * turns that into seconds. Here each chunk is decoded once, events are cut out with `indexOf`, and
 * all events of a chunk are handed over together.
 */

export interface SseEvent {
  /** The `event:` field, or `message` when absent. */
  readonly event: string;
  /** The `data:` lines joined with newlines. */
  readonly data: string;
}

/** Yields the events of each chunk as they arrive. */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent[]> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    const events = takeEvents(buffer);
    buffer = events.rest;
    if (events.events.length > 0) yield events.events;
  }
  buffer += decoder.decode();
  const last = takeEvents(`${buffer}\n\n`);
  if (last.events.length > 0) yield last.events;
}

/** Cuts every complete event (ended by a blank line) off the front of `text`. */
export function takeEvents(text: string): { events: SseEvent[]; rest: string } {
  // A lone CR at the very end may be the first half of a CRLF: keep it for the next chunk.
  const heldBack = text.endsWith('\r') ? '\r' : '';
  let normalized = heldBack ? text.slice(0, -1) : text;
  if (normalized.includes('\r')) normalized = normalized.replace(/\r\n?/g, '\n');
  const events: SseEvent[] = [];
  let start = 0;
  for (;;) {
    const end = normalized.indexOf('\n\n', start);
    if (end === -1) break;
    const event = parseBlock(normalized, start, end);
    if (event) events.push(event);
    start = end + 2;
  }
  return { events, rest: normalized.slice(start) + heldBack };
}

function parseBlock(text: string, start: number, end: number): SseEvent | undefined {
  let event = 'message';
  let data: string | undefined;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const colon = text.indexOf(':', lineStart);
    const hasColon = colon !== -1 && colon < lineEnd;
    const field = hasColon ? text.slice(lineStart, colon) : text.slice(lineStart, lineEnd);
    if (field.length > 0) {
      let valueStart = hasColon ? colon + 1 : lineEnd;
      if (text.charCodeAt(valueStart) === 32) valueStart++;
      const value = text.slice(valueStart, lineEnd);
      if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
      else if (field === 'event') event = value;
    }
    lineStart = lineEnd + 1;
  }
  return data === undefined ? undefined : { event, data };
}
