/**
 * Writes one long line (a long thread's resume answer: megabytes) a slice at a time, each slice
 * encoded into one of a few buffers that are used again once the stream has written them.
 *
 * Why: handing the stream the whole line, or all of its slices at once, makes it encode all of it
 * into memory of its own before the client has read any (for UTF-8, three bytes reserved per
 * character). That memory is fresh, and fresh memory is slow to touch on a VM (about 4 ms per MB
 * here): 5 MB cost ~50 ms that way. The pool's few buffers stay warm.
 */
import type { Writable } from 'node:stream';

/** Characters per slice. */
const SLICE_CHARS = 64 * 1024;
/** Slices handed to the stream and not yet written: enough to keep the pipe to the client full. */
const SLICES_IN_FLIGHT = 4;
/** UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair: four for two). */
const SLICE_BYTES = SLICE_CHARS * 3;

const encoder = new TextEncoder();

export interface LargeLineWrite {
  /** Characters of the line not yet handed to the stream. */
  readonly remainingChars: number;
  /** Settles once the whole line, newline included, has been written (or the stream failed). */
  readonly done: Promise<void>;
}

/**
 * Writes `line` and a newline to `output`; nothing else may be written to it until `done`, which
 * settles when the stream has taken the line or has failed or closed.
 */
export function writeLargeLine(output: Writable, line: string): LargeLineWrite {
  const free = Array.from({ length: SLICES_IN_FLIGHT }, () => Buffer.allocUnsafe(SLICE_BYTES));
  let offset = 0;
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

  const pump = (): void => {
    while (!failed && offset <= line.length && free.length > 0) {
      let end = Math.min(offset + SLICE_CHARS, line.length);
      // Never between the two halves of a surrogate pair: each half alone would become U+FFFD.
      if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end -= 1;
      const buffer = free.pop() as (typeof free)[number];
      const last = end === line.length;
      let { written } = encoder.encodeInto(line.slice(offset, end), buffer);
      if (last) buffer[written++] = 0x0a;
      offset = last ? line.length + 1 : end;
      inFlight += 1;
      output.write(buffer.subarray(0, written), (error) => {
        inFlight -= 1;
        if (error) failed = true;
        free.push(buffer);
        pump();
      });
    }
    if (inFlight === 0 && (failed || offset > line.length)) finish();
  };
  pump();
  return {
    get remainingChars() {
      return Math.max(0, line.length - offset);
    },
    done,
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
