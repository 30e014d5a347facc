/**
 * Appends a thread's records to its rollout file. Records are queued and written in order; a
 * `flush` (at each item completion) writes them, `sync` (at turn end) also makes them durable.
 * No write or fsync per streaming delta. The file is created with mode 0600.
 */
import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RolloutRecord } from './rollout-record.js';

export interface RolloutSink {
  append(record: RolloutRecord): void;
  /** Writes what is queued. */
  flush(): Promise<void>;
  /** Writes what is queued and asks the disk to keep it. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** For ephemeral threads: nothing is written. */
export const discardingSink: RolloutSink = {
  append: () => undefined,
  flush: async () => undefined,
  sync: async () => undefined,
  close: async () => undefined,
};

export class RolloutWriter implements RolloutSink {
  readonly path: string;
  #handle: Promise<FileHandle> | undefined;
  #queue: string[] = [];
  /** Writes happen one after another, in order. */
  #chain: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  append(record: RolloutRecord): void {
    this.#queue.push(JSON.stringify({ timestamp: new Date().toISOString(), ...record }));
  }

  flush(): Promise<void> {
    return this.#enqueue(false);
  }

  sync(): Promise<void> {
    return this.#enqueue(true);
  }

  async close(): Promise<void> {
    await this.#enqueue(true);
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle).close();
  }

  #enqueue(durable: boolean): Promise<void> {
    const next = this.#chain.then(() => this.#write(durable));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async #write(durable: boolean): Promise<void> {
    if (this.#queue.length === 0 && !durable) return;
    const text = this.#queue.length > 0 ? `${this.#queue.join('\n')}\n` : '';
    this.#queue = [];
    const handle = await (this.#handle ??= this.#open());
    if (text) await handle.appendFile(text, 'utf8');
    if (durable) await handle.datasync();
  }

  async #open(): Promise<FileHandle> {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a+', 0o600);
    // A line torn by a crash must not swallow the first line written now: end it first.
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.appendFile('\n', 'utf8');
    }
    return handle;
  }
}
