import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NdjsonMessageWriter } from './ndjson-writer.js';
import { RequestIds } from './request-ids.js';

/** A client that reads nothing until told to: every write waits for `readAll()`. */
class StuckClient extends Writable {
  readonly #pending: Array<() => void> = [];
  received = '';

  constructor() {
    super({ highWaterMark: 16 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.received += chunk.toString();
    this.#pending.push(callback);
  }

  readAll(): void {
    for (const callback of this.#pending.splice(0)) callback();
  }
}

/** An output that takes everything at once and never says 'drain' (stdout redirected to a file). */
class FileLike extends Writable {
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    callback();
  }
}

const line = (bytes: number) => 'x'.repeat(bytes - 1);
const settled = (promise: Promise<void>) => Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]);

describe('NdjsonMessageWriter backpressure', () => {
  it('is behind past the pacing mark and overloaded only past the refusal mark', () => {
    const writer = new NdjsonMessageWriter(new StuckClient(), { backlog: { pace: 100, refuse: 1000 }, requestIds: new RequestIds() });
    writer.writeLine(line(100));
    expect([writer.behind, writer.overloaded]).toEqual([false, false]);
    writer.writeLine(line(100));
    expect([writer.behind, writer.overloaded]).toEqual([true, false]);
    for (let index = 0; index < 9; index++) writer.writeLine(line(100));
    expect([writer.behind, writer.overloaded]).toEqual([true, true]);
  });

  it('lets producers go on once the client has read, and tells when they started and stopped waiting', async () => {
    const client = new StuckClient();
    const pressure: string[] = [];
    const writer = new NdjsonMessageWriter(client, { backlog: { pace: 100, refuse: 1000 }, requestIds: new RequestIds(), onPressure: (state) => pressure.push(state) });
    for (let index = 0; index < 5; index++) writer.writeLine(line(100));
    writer.flush();
    const writable = writer.whenWritable();
    const again = writer.whenWritable();
    expect(await settled(writable)).toBe(false);
    client.readAll();
    expect(await settled(writable)).toBe(true);
    expect(await settled(again)).toBe(true);
    expect(client.received).toBe(`${Array.from({ length: 5 }, () => line(100)).join('\n')}\n`);
    expect(pressure).toEqual(['waiting', 'caughtUp']);
  });

  it('does not leave a producer waiting on an output that never says drain', async () => {
    const writer = new NdjsonMessageWriter(new FileLike(), { backlog: { pace: 100, refuse: 1000 }, requestIds: new RequestIds() });
    for (let index = 0; index < 5; index++) writer.writeLine(line(100));
    const writable = writer.whenWritable();
    writer.flush();
    expect(await settled(writable)).toBe(true);
  });
});

describe('NdjsonMessageWriter large lines', () => {
  it('keeps lines in order around a large one, counts it in the backlog, and drains after it', async () => {
    const client = new StuckClient();
    const writer = new NdjsonMessageWriter(client, { backlog: { pace: 100, refuse: 1000 }, requestIds: new RequestIds() });
    const large = 'L'.repeat(3 * 1024 * 1024);
    writer.writeLine('before');
    writer.writeLine(large);
    writer.writeLine('right after');
    writer.flush();
    writer.writeLine('later');
    writer.flush();
    expect(writer.backlogBytes).toBeGreaterThan(2 * 1024 * 1024);
    let drained = false;
    const drain = writer.drain().then(() => (drained = true));
    while (!drained) {
      client.readAll();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await drain;
    expect(client.received).toBe(`before\n${large}\nright after\nlater\n`);
    expect(writer.backlogBytes).toBe(0);
  });
});
