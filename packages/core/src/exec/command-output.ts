/**
 * Collects a command's stdout and stderr as they arrive: decoded as UTF-8 (a character split between
 * two reads is held back until it is whole), handed to the listener at once, and kept only within
 * the byte budget. The streams are always read as fast as they come, so the command never blocks on
 * a full pipe and the daemon's memory does not grow with the command's output.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { HeadTailText } from './head-tail-text.js';

export type OutputStreamName = 'stdout' | 'stderr';

export type OutputListener = (text: string, stream: OutputStreamName) => void;

export class CommandOutput {
  readonly #kept: Record<OutputStreamName, HeadTailText>;
  /** Both streams in arrival order: what a terminal would have shown. */
  readonly #aggregated: HeadTailText;
  readonly #listener: OutputListener | undefined;

  constructor(maxBytesPerStream: number, listener?: OutputListener) {
    this.#kept = { stdout: new HeadTailText(maxBytesPerStream), stderr: new HeadTailText(maxBytesPerStream) };
    this.#aggregated = new HeadTailText(maxBytesPerStream);
    this.#listener = listener;
  }

  /** Reads `stream` until it ends, fails or is destroyed. */
  attach(stream: Readable | null | undefined, name: OutputStreamName): void {
    if (!stream) return;
    const decoder = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer | string) => {
      this.#take(typeof chunk === 'string' ? chunk : decoder.write(chunk), name);
    });
    // An incomplete character at the very end becomes U+FFFD rather than vanishing.
    stream.once('end', () => this.#take(decoder.end(), name));
    // A read error only ends the stream early; the exit status tells the rest of the story.
    stream.on('error', () => {});
  }

  #take(text: string, name: OutputStreamName): void {
    if (text.length === 0) return;
    this.#kept[name].push(text);
    this.#aggregated.push(text);
    try {
      this.#listener?.(text, name);
    } catch {
      // The listener feeds the UI; a fault there must not take down the command or the daemon
      // (this runs inside a stream event, where a throw would be uncaught).
    }
  }

  get stdout(): string {
    return this.#kept.stdout.toString();
  }

  get stderr(): string {
    return this.#kept.stderr.toString();
  }

  get aggregated(): string {
    return this.#aggregated.toString();
  }

  /** Bytes missing from `aggregated` (each stream's own marker says what it lost). */
  get truncatedBytes(): number {
    return this.#aggregated.droppedBytes;
  }
}
