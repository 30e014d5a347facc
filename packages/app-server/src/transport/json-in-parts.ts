/**
 * A response that holds one array too large to serialise as one string (a long thread's turns:
 * megabytes) can have it serialised an element at a time, as the client reads (large-line.ts).
 * Each element's text is a short-lived string; the answer as a whole never exists in memory.
 *
 * Marking changes nothing else: JSON.stringify of the value gives the same text.
 */
import { randomUUID } from 'node:crypto';

const arraysInParts = new WeakSet<readonly unknown[]>();
const HOLDS_PARTS = Symbol('agentd.holdsArrayInParts');
/** Stands in for a marked array in the rest of the text; the nonce keeps any real string from matching. */
const PLACEHOLDER = `\u0000agentd-in-parts-${randomUUID()}:`;

/** Marks `array`, which `value` holds, to be serialised an element at a time. Returns `value`. */
export function withArrayInParts<T extends object>(value: T, array: readonly unknown[]): T {
  arraysInParts.add(array);
  Object.defineProperty(value, HOLDS_PARTS, { value: true });
  return value;
}

/** True for a value given to `withArrayInParts` (a symbol: JSON.stringify does not see it). */
export function holdsArrayInParts(value: unknown): boolean {
  return typeof value === 'object' && value !== null && HOLDS_PARTS in value;
}

/** The JSON text of `value` in parts, in order; marked arrays are serialised an element at a time, when asked for. */
export function* jsonInParts(value: unknown): Generator<string, void, undefined> {
  const arrays: (readonly unknown[])[] = [];
  const text = JSON.stringify(value, (_key, member: unknown) => {
    if (!Array.isArray(member) || !arraysInParts.has(member)) return member;
    arrays.push(member);
    return `${PLACEHOLDER}${arrays.length - 1}`;
  });
  const quoted = JSON.stringify(PLACEHOLDER).slice(0, -1);
  let start = 0;
  for (const [index, array] of arrays.entries()) {
    const marker = `${quoted}${index}"`;
    const at = text.indexOf(marker, start);
    yield text.slice(start, at);
    start = at + marker.length;
    yield '[';
    for (let element = 0; element < array.length; element++) {
      // Separate parts: joined, each element's text would be copied once more.
      if (element > 0) yield ',';
      yield JSON.stringify(array[element]);
    }
    yield ']';
  }
  yield text.slice(start);
}
