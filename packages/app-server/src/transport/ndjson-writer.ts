/**
 * Writes JSON-RPC messages as newline-delimited JSON. Each message is serialised exactly once, in
 * the order written; lines produced in the same tick are flushed to the stream in one write, which
 * keeps a burst of thousands of streaming deltas cheap. The `jsonrpc` member is dropped (the
 * reference server never sends it) and notifications get the reference's `emittedAtMs`.
 *
 * The writer also measures its backlog (what the client has not read yet), so producers can wait
 * for a slow client instead of buffering without bound (`behind`), and the connection can refuse
 * new requests once even that is not enough (`overloaded`).
 */
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-jsonrpc/node';
import { holdsArrayInParts, jsonInParts } from './json-in-parts.js';
import { type LargeLineWrite, type LineSource, writeLargeLine } from './large-line.js';
import type { RequestIds } from './request-ids.js';

/** Backlog sizes, in bytes, at which the writer pushes back. */
export interface BacklogMarks {
  /** Above it, producers of streaming output wait for the client (`behind`, `whenWritable`). */
  readonly pace: number;
  /** Above it, new requests are refused (`overloaded`), except those that shed load. */
  readonly refuse: number;
}

export interface NdjsonWriterOptions {
  readonly backlog: BacklogMarks;
  /** Gives responses back the id the client used. */
  readonly requestIds: RequestIds;
  /** Told when producers start waiting for the client, and when it has caught up. */
  readonly onPressure?: (state: 'waiting' | 'caughtUp', backlogBytes: number) => void;
  /** Runs before each batch reaches the stream (the thread event logs are written first). */
  readonly beforeWrite?: () => void;
}

/** Lines from this long are written a slice at a time (see large-line.ts). */
const LARGE_LINE_CHARS = 1024 * 1024;

function lineBytes(line: LineSource): number {
  return typeof line === 'string' ? line.length + 1 : 0;
}

export class NdjsonMessageWriter extends AbstractMessageWriter implements MessageWriter {
  readonly #output: Writable;
  #batch: LineSource[] = [];
  #batchBytes = 0;
  /** A large line being written, and the lines handed over after it, which wait for it. */
  #large: LargeLineWrite | undefined;
  #held: LineSource[] = [];
  #heldBytes = 0;
  #flushScheduled = false;
  #closed = false;
  readonly #writableWaiters: Array<() => void> = [];
  readonly #marks: BacklogMarks;
  readonly #requestIds: RequestIds;
  readonly #onPressure: NonNullable<NdjsonWriterOptions['onPressure']>;
  readonly #beforeWrite: () => void;

  constructor(output: Writable, options: NdjsonWriterOptions) {
    super();
    this.#output = output;
    this.#marks = options.backlog;
    this.#requestIds = options.requestIds;
    this.#onPressure = options.onPressure ?? (() => undefined);
    this.#beforeWrite = options.beforeWrite ?? (() => undefined);
    output.on('drain', () => this.#releaseWriters());
    output.on('error', (error: Error) => {
      this.#closed = true;
      this.#releaseWriters();
      this.fireError(error);
    });
    output.on('close', () => {
      this.#closed = true;
      this.#releaseWriters();
      this.fireClose();
    });
  }

  write(message: Message): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.writeLine(this.#serialize(message));
    return Promise.resolve();
  }

  /**
   * Queues one already-serialised line (without its newline), or a line in parts, which is
   * serialised as it is written and counted in the backlog only then.
   */
  writeLine(line: LineSource): void {
    if (this.#closed) return;
    this.#batch.push(line);
    this.#batchBytes += lineBytes(line);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands everything queued to the stream now (or, while a large line is being written, right after it). */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#batch.length === 0 || this.#closed) return;
    this.#beforeWrite();
    const batch = this.#batch;
    this.#batch = [];
    this.#batchBytes = 0;
    if (this.#large) this.#hold(batch);
    else this.#writeLines(batch);
    // A stream that took it all at once (a file) never says 'drain': whoever waited on the batch
    // alone can go on now.
    this.#releaseWriters();
  }

  /** Bytes written but not yet taken by the client. */
  get backlogBytes(): number {
    return this.#batchBytes + this.#heldBytes + (this.#large?.remainingChars ?? 0) + this.#output.writableLength;
  }

  /** True while the client is far enough behind that producers of streaming output should wait. */
  get behind(): boolean {
    return this.backlogBytes > this.#marks.pace;
  }

  /** True while the client is so far behind that new requests are refused. */
  get overloaded(): boolean {
    return this.backlogBytes > this.#marks.refuse;
  }

  /** Resolves once the backlog is back under the pacing mark (at once if it is). */
  whenWritable(): Promise<void> {
    if (!this.behind || this.#closed) return Promise.resolve();
    if (this.#writableWaiters.length === 0) this.#onPressure('waiting', this.backlogBytes);
    return new Promise((resolve) => this.#writableWaiters.push(resolve));
  }

  /** Resolves once everything queued has been handed to the operating system. */
  async drain(): Promise<void> {
    this.flush();
    while (this.#large && !this.#closed) await this.#large.done;
    if (this.#closed || this.#output.writableLength === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#output.off('drain', done);
        this.#output.off('close', done);
        resolve();
      };
      this.#output.on('drain', done);
      this.#output.on('close', done);
    });
  }

  end(): void {
    this.flush();
  }

  /** Writes lines in order, small ones joined into one write, until a large one (the rest wait for it). */
  #writeLines(lines: LineSource[]): void {
    let small: string[] = [];
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as LineSource;
      if (typeof line === 'string' && line.length < LARGE_LINE_CHARS) {
        small.push(line);
        continue;
      }
      if (small.length > 0) this.#output.write(small.join('\n') + '\n');
      small = [];
      this.#hold(lines.slice(index + 1));
      const large = (this.#large = writeLargeLine(this.#output, line));
      void large.done.then(() => {
        this.#large = undefined;
        const held = this.#held;
        this.#held = [];
        this.#heldBytes = 0;
        if (!this.#closed) this.#writeLines(held);
        this.#releaseWriters();
      });
      return;
    }
    if (small.length > 0) this.#output.write(small.join('\n') + '\n');
  }

  #hold(lines: LineSource[]): void {
    for (const line of lines) {
      this.#held.push(line);
      this.#heldBytes += lineBytes(line);
    }
  }

  /** One line of the wire: no `jsonrpc`, the client's own id on responses, `emittedAtMs` on notifications. */
  #serialize(message: Message): LineSource {
    const { jsonrpc: _ignored, ...rest } = message as Message & Record<string, unknown>;
    if ('method' in rest && !('id' in rest)) return JSON.stringify({ ...rest, emittedAtMs: Date.now() });
    if ('id' in rest) rest.id = this.#requestIds.outbound(rest.id) ?? rest.id;
    // A long thread's turns: serialised a turn at a time, as the client reads.
    if (holdsArrayInParts(rest.result)) return jsonInParts(rest);
    return JSON.stringify(rest);
  }

  #releaseWriters(): void {
    if (this.#writableWaiters.length === 0 || (this.behind && !this.#closed)) return;
    this.#onPressure('caughtUp', this.backlogBytes);
    for (const resolve of this.#writableWaiters.splice(0)) resolve();
  }
}
