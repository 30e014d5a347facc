/**
 * Appends a thread's records to its rollout file. Records are queued and written in order; a
 * `flush` (at each item completion, before each model request) writes them, `sync` (at turn end)
 * also makes them durable. No write or fsync per streaming delta. The file is created with mode
 * 0600.
 *
 * Writes are synchronous: a flush is a few kilobytes into the page cache, and it sits on the
 * turn's critical path (a model request waits for it), where a round trip through the thread
 * pool costs more than the write itself. Only the fsync, which waits for the disk, is not.
 */
import { closeSync, fdatasync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
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
  #fd: number | undefined;
  #queue: string[] = [];
  /** The fsync in flight: the next one waits for it, and the file is not closed under it. */
  #syncing: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  append(record: RolloutRecord): void {
    this.#queue.push(JSON.stringify({ timestamp: new Date().toISOString(), ...record }));
  }

  flush(): Promise<void> {
    try {
      this.#write();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  sync(): Promise<void> {
    try {
      this.#write();
    } catch (error) {
      return Promise.reject(error);
    }
    const fd = this.#fd;
    if (fd === undefined) return Promise.resolve();
    const next = this.#syncing.then(() => datasync(fd));
    this.#syncing = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.sync();
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }

  #write(): void {
    if (this.#queue.length === 0) return;
    const text = `${this.#queue.join('\n')}\n`;
    this.#queue = [];
    writeSync((this.#fd ??= this.#open()), text);
  }

  #open(): number {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a+', 0o600);
    // A line torn by a crash must not swallow the first line written now: end it first.
    const { size } = fstatSync(fd);
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(fd, '\n');
    }
    return fd;
  }
}

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
