/**
 * Writes JSON-RPC messages as newline-delimited JSON. Each message is serialised exactly once, in
 * the order written; lines produced in the same tick are flushed to the stream in one write, which
 * keeps a burst of thousands of streaming deltas cheap. The `jsonrpc` member is dropped (the
 * reference server never sends it) and notifications get the reference's `emittedAtMs`.
 *
 * The writer also measures its backlog (what the client has not read yet), so the connection can
 * slow producers down and refuse new work instead of buffering without bound.
 */
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-jsonrpc/node';
import type { RequestIds } from './request-ids.js';

export class NdjsonMessageWriter extends AbstractMessageWriter implements MessageWriter {
  readonly #output: Writable;
  #batch: string[] = [];
  #batchBytes = 0;
  #flushScheduled = false;
  #closed = false;
  readonly #drainWaiters: Array<() => void> = [];
  readonly #highWaterMark: number;
  readonly #requestIds: RequestIds;
  readonly #beforeWrite: () => void;

  /**
   * @param highWaterMark backlog, in bytes, above which `overloaded` is true.
   * @param requestIds gives responses back the id the client used.
   * @param beforeWrite runs before each batch reaches the stream (the thread event logs are written first).
   */
  constructor(output: Writable, highWaterMark: number, requestIds: RequestIds, beforeWrite: () => void = () => undefined) {
    super();
    this.#output = output;
    this.#highWaterMark = highWaterMark;
    this.#requestIds = requestIds;
    this.#beforeWrite = beforeWrite;
    output.on('drain', () => this.#onDrain());
    output.on('error', (error: Error) => {
      this.#closed = true;
      this.fireError(error);
    });
    output.on('close', () => {
      this.#closed = true;
      this.#onDrain();
      this.fireClose();
    });
  }

  write(message: Message): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.writeLine(this.#serialize(message));
    return Promise.resolve();
  }

  /** Queues one already-serialised line (without its newline). */
  writeLine(line: string): void {
    if (this.#closed) return;
    this.#batch.push(line);
    this.#batchBytes += line.length + 1;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands everything queued to the stream now. */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#batch.length === 0 || this.#closed) return;
    this.#beforeWrite();
    const text = this.#batch.join('\n') + '\n';
    this.#batch = [];
    this.#batchBytes = 0;
    this.#output.write(text);
  }

  /** Bytes written but not yet taken by the client. */
  get backlogBytes(): number {
    return this.#batchBytes + this.#output.writableLength;
  }

  /** True while the client is so far behind that new work should wait or be refused. */
  get overloaded(): boolean {
    return this.backlogBytes > this.#highWaterMark;
  }

  /** Resolves once the backlog is back under the high-water mark (at once if it is). */
  whenWritable(): Promise<void> {
    if (!this.overloaded || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  /** Resolves once everything queued has been handed to the operating system. */
  async drain(): Promise<void> {
    this.flush();
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

  /** One line of the wire: no `jsonrpc`, the client's own id on responses, `emittedAtMs` on notifications. */
  #serialize(message: Message): string {
    const { jsonrpc: _ignored, ...rest } = message as Message & Record<string, unknown>;
    if ('method' in rest && !('id' in rest)) return JSON.stringify({ ...rest, emittedAtMs: Date.now() });
    if ('id' in rest) rest.id = this.#requestIds.outbound(rest.id) ?? rest.id;
    return JSON.stringify(rest);
  }

  #onDrain(): void {
    if (this.overloaded && !this.#closed) return;
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }
}
