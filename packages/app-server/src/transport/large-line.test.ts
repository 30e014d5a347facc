import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeLargeLine } from './large-line.js';

/** Keeps every chunk, and takes each one only when told to (a client that reads when it likes). */
class SlowClient extends Writable {
  readonly chunks: Buffer[] = [];
  readonly #pending: Array<() => void> = [];

  constructor() {
    super({ highWaterMark: 16 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    // Copied: the writer uses its buffers again once a write is done.
    this.chunks.push(Buffer.from(chunk));
    this.#pending.push(callback);
  }

  get waiting(): number {
    return this.#pending.length;
  }

  readOne(): void {
    this.#pending.shift()?.();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function readAll(client: SlowClient, done: Promise<void>): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    client.readOne();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('writeLargeLine', () => {
  it('writes the line and its newline exactly, characters of every width across slice boundaries', async () => {
    // 3-byte characters, surrogate pairs (4 bytes) and ASCII, placed so that slices end inside pairs.
    const unit = 'aé€😀'.repeat(5_000) + 'x';
    const line = unit.repeat(20);
    const client = new SlowClient();
    const write = writeLargeLine(client, line);
    await readAll(client, write.done);
    expect(client.text()).toBe(`${line}\n`);
    expect(write.remainingChars).toBe(0);
  });

  it('hands the stream only a few slices at a time, and counts what is left', async () => {
    const line = 'x'.repeat(5 * 1024 * 1024);
    const client = new SlowClient();
    const write = writeLargeLine(client, line);
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.waiting).toBeLessThanOrEqual(4);
    expect(write.remainingChars).toBe(line.length - 4 * 64 * 1024);
    await readAll(client, write.done);
    expect(client.text()).toBe(`${line}\n`);
  });

  it('settles when the stream fails halfway', async () => {
    const client = new SlowClient();
    const write = writeLargeLine(client, 'x'.repeat(2 * 1024 * 1024));
    client.readOne();
    client.on('error', () => undefined);
    client.destroy(new Error('the client went away'));
    await write.done;
  });
});
