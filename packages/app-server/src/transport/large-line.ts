/**
 * Writes one long line (a long thread's resume answer: megabytes) a piece at a time, encoding it
 * into a few buffers that are used again once the stream has written them. The line comes whole,
 * or as parts made as they are needed (json-in-parts.ts): then it never exists as one string.
 *
 * Why: handing the stream the whole line, or all of its slices at once, makes it encode all of it
 * into memory of its own before the client has read any (for UTF-8, three bytes reserved per
 * character). That memory is fresh, and fresh memory is slow to touch on a VM (about 4 ms per MB
 * here): 5 MB cost ~50 ms that way. The pool's few buffers stay warm.
 */
import type { Writable } from 'node:stream';

/** Bytes per write. */
const BUFFER_BYTES = 64 * 1024;
/** Writes handed to the stream and not yet done: enough to keep the pipe to the client full. */
const BUFFERS_IN_FLIGHT = 4;
/** A buffer with less room than this goes out: the next character may need up to four bytes. */
const FULL_WITHIN = 4;

const encoder = new TextEncoder();

/** A line (without its newline) given whole, or as its parts in order. */
export type LineSource = string | Iterator<string>;

export interface LargeLineWrite {
  /** Characters known to be left to hand to the stream (of a line in parts: of the current part). */
  readonly remainingChars: number;
  /** Settles once the whole line, newline included, has been written, or the stream failed or closed. */
  readonly done: Promise<void>;
}

/** Writes `source` and a newline to `output`; nothing else may be written to it until `done`. */
export function writeLargeLine(output: Writable, source: LineSource): LargeLineWrite {
  const parts = typeof source === 'string' ? [source][Symbol.iterator]() : source;
  const free: Buffer[] = [];
  let allocated = 0;
  let part = '';
  let offset = 0;
  let ended = false;
  let inFlight = 0;
  let failed = false;
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((settle) => (resolve = settle));
  // A stream torn down mid-line may never call back the write it was taking.
  const closed = () => {
    failed = true;
    finish();
  };
  const finish = () => {
    output.off('close', closed);
    resolve();
  };
  output.once('close', closed);

  /** Fills `buffer` from the parts until it is full or they end. */
  const fill = (buffer: Buffer): number => {
    let filled = 0;
    while (buffer.length - filled >= FULL_WITHIN) {
      if (offset === part.length) {
        const next = parts.next();
        if (next.done) {
          ended = true;
          buffer[filled++] = 0x0a;
          return filled;
        }
        part = next.value;
        offset = 0;
        continue;
      }
      // No more characters than there are bytes of room (a long line would be read to its end
      // otherwise), nor half of a surrogate pair (it would become U+FFFD).
      const room = buffer.length - filled;
      let end = Math.min(part.length, offset + room);
      if (end < part.length && isHighSurrogate(part.charCodeAt(end - 1))) end -= 1;
      const { read, written } = encoder.encodeInto(offset === 0 && end === part.length ? part : part.slice(offset, end), buffer.subarray(filled));
      offset += read;
      filled += written;
      if (read === 0) break;
    }
    return filled;
  };

  const pump = (): void => {
    while (!failed && !ended && (free.length > 0 || allocated < BUFFERS_IN_FLIGHT)) {
      let buffer = free.pop();
      if (!buffer) {
        buffer = Buffer.allocUnsafe(BUFFER_BYTES);
        allocated += 1;
      }
      const chunk = buffer;
      const bytes = fill(chunk);
      inFlight += 1;
      output.write(chunk.subarray(0, bytes), (error) => {
        inFlight -= 1;
        if (error) failed = true;
        free.push(chunk);
        pump();
      });
    }
    if (inFlight === 0 && (failed || ended)) finish();
  };
  pump();
  return {
    get remainingChars() {
      return ended ? 0 : part.length - offset;
    },
    done,
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
