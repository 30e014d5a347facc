import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging.js';
import type { RolloutRecord } from './rollout-record.js';
import { rolloutPath } from './rollout-paths.js';
import { ThreadIndex } from './thread-index.js';
import { ThreadStore } from './thread-store.js';

const base = { archived: false, sortKey: 'created_at', direction: 'desc', limit: 10 } as const;

function writeRollout(home: string, id: string, createdAtMs: number, prompt: string): string {
  const path = rolloutPath(home, id, createdAtMs);
  mkdirSync(dirname(path), { recursive: true });
  const records: RolloutRecord[] = [
    { type: 'session_meta', payload: { id, createdAt: Math.floor(createdAtMs / 1000), cwd: '/w', modelProvider: 'p', model: 'm', forkedFromId: null, cliVersion: '0', originator: null, instructionSources: [] } },
    { type: 'turn_started', payload: { turnId: `${id}-t`, startedAt: 1 } },
    { type: 'item_completed', payload: { turnId: `${id}-t`, item: { type: 'userMessage', id: 'u', content: [{ type: 'text', text: prompt }], clientId: null, startedAtMs: 1, completedAtMs: 1 } } },
  ];
  writeFileSync(path, records.map((record) => JSON.stringify({ timestamp: new Date(createdAtMs).toISOString(), ...record })).join('\n') + '\n');
  return path;
}

const idOf = (n: number) => `0190000${n}-0000-7000-8000-000000000000`;
const previews = async (store: ThreadStore) => (await store.list(base)).threads.map((thread) => thread.preview);

describe('ThreadStore', () => {
  it('opens (creating) its index ahead of the first request when asked to', () => {
    const home = mkdtempSync(join(tmpdir(), 'agentd-store-'));
    const store = new ThreadStore({ home, log: silentLogger, isLoaded: () => false });
    expect(existsSync(store.indexFile)).toBe(false);
    store.openIndex();
    expect(existsSync(store.indexFile)).toBe(true);
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('builds a missing index from the rollouts before the first listing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'agentd-store-'));
    writeRollout(home, idOf(1), Date.UTC(2025, 0, 1), 'one');
    writeRollout(home, idOf(2), Date.UTC(2025, 5, 1), 'two');
    const store = new ThreadStore({ home, log: silentLogger, isLoaded: () => false });
    expect(await previews(store)).toEqual(['two', 'one']);
    expect((await store.find(idOf(1)))?.archived).toBe(false);
    expect(await store.find(idOf(9))).toBeUndefined();
  });

  it('catches up, before listing, with threads a dead daemon had loaded and with changed directories', async () => {
    const home = mkdtempSync(join(tmpdir(), 'agentd-store-'));
    const first = writeRollout(home, idOf(1), Date.UTC(2025, 0, 1), 'one');
    const second = writeRollout(home, idOf(2), Date.UTC(2025, 5, 1), 'two');
    const writer = new ThreadStore({ home, log: silentLogger, isLoaded: () => false });
    await writer.list(base);
    writer.close();
    // A daemon that has died since (no such pid) had thread 1 loaded and renamed it; thread 2 was
    // deleted by hand; thread 3 copied in.
    const raw = ThreadIndex.open(writer.indexFile, silentLogger);
    raw.markLoaded(idOf(1), 2 ** 22 + 12345);
    raw.close();
    appendFileSync(first, `${JSON.stringify({ timestamp: new Date().toISOString(), type: 'thread_name', payload: { name: 'Renamed' } })}\n`);
    rmSync(second);
    writeRollout(home, idOf(3), Date.UTC(2025, 8, 1), 'three');

    const store = new ThreadStore({ home, log: silentLogger, isLoaded: () => false });
    const page = await store.list(base);
    expect(page.threads.map((thread) => [thread.preview, thread.name])).toEqual([
      ['three', null],
      ['one', 'Renamed'],
    ]);
  });

  it('moves rollouts to the archive and back', async () => {
    const home = mkdtempSync(join(tmpdir(), 'agentd-store-'));
    const path = writeRollout(home, idOf(1), Date.UTC(2025, 0, 1), 'one');
    const store = new ThreadStore({ home, log: silentLogger, isLoaded: () => false });
    const archived = await store.archive(idOf(1));
    expect(archived).toMatchObject({ archived: true, path: join(home, 'archived_sessions', path.split('/').at(-1) as string) });
    expect(await previews(store)).toEqual([]);
    expect((await store.list({ ...base, archived: true })).threads).toHaveLength(1);
    await expect(store.archive(idOf(1))).rejects.toThrow(/already archived/);
    expect(await store.unarchive(idOf(1))).toMatchObject({ archived: false, path });
  });
});
