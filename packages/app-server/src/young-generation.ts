/**
 * Keeps V8's young generation at the size it has while the daemon reads a rollout into a thread's
 * state, instead of letting it double.
 *
 * Why: V8 grows the young generation (up to 16 MB per semi-space) when much of what it allocates
 * survives, which is what reading a long thread does: the state being built lasts. Growing maps
 * fresh pages, and a page touched for the first time costs ~10 µs on a VM. Resuming the 1,000-turn
 * thread of bench:threads in a fresh daemon faulted ~7,500 pages (~30 MB), most of its ~100 ms of
 * kernel time; with the young generation kept as it was, ~3,500, and ~15 MB less peak memory.
 *
 * Only while reading: kept small all the time, the young generation promotes too soon what a
 * streaming command or a large model request holds for a moment. A command's 100 MB of output then
 * left up to ~35 MB more garbage in the old generation at its peak, and the 300th turn of a thread
 * with 1.25 MB requests took ~33 ms of daemon CPU instead of ~25.
 *
 * The growth factor is read by V8 each time it grows the space, so changing it at run time works
 * (the semi-spaces' limits themselves are fixed when the process starts).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's own growth factor, put back once no read is going on. */
const DEFAULT_GROWTH_FACTOR = 2;

/**
 * How long the young generation stays kept after a read: long enough for the thread's answer to
 * be written (a long thread's: ~100 ms), whose first scavenges would otherwise grow it for what the
 * read left to survive.
 */
const KEPT_AFTER_MS = 1_000;

let reading = 0;
let release: NodeJS.Timeout | undefined;

/** Runs `read` (a rollout read) with the young generation kept, and a moment after it. */
export async function whileYoungGenerationKept<T>(read: () => Promise<T>): Promise<T> {
  clearTimeout(release);
  if (reading++ === 0) setFlagsFromString('--semi-space-growth-factor=1');
  try {
    return await read();
  } finally {
    if (--reading === 0) {
      release = setTimeout(() => setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`), KEPT_AFTER_MS);
      release.unref();
    }
  }
}
