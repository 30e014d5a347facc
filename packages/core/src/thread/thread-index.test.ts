import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging.js';
import { ThreadIndex, type ThreadSummary } from './thread-index.js';

function summary(index: number, overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  const id = `0190000${index}-0000-7000-8000-000000000000`;
  return {
    id,
    path: `/home/sessions/2025/01/0${index}/rollout-2025-01-0${index}T00-00-00-${id}.jsonl`,
    archived: false,
    createdAt: 1_700_000_000 + index * 10,
    updatedAt: 1_700_000_100 - index,
    updatedAtMs: (1_700_000_100 - index) * 1000,
    cwd: index % 2 === 0 ? '/even' : '/odd',
    modelProvider: index === 3 ? 'ollama' : 'openai',
    model: 'gpt-test',
    effort: null,
    preview: `Thread number ${index}`,
    name: index === 4 ? 'Release Notes' : null,
    forkedFromId: null,
    cliVersion: '0.1.0',
    originator: 'test',
    rolloutSize: 100 + index,
    ...overrides,
  };
}

function indexFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'agentd-index-')), 'threads.sqlite');
}

const ids = (page: { threads: ThreadSummary[] }) => page.threads.map((thread) => thread.id);
const base = { archived: false, sortKey: 'created_at', direction: 'desc', limit: 10 } as const;

describe('ThreadIndex', () => {
  it('stores and returns summaries as given', () => {
    const index = ThreadIndex.open(indexFile(), silentLogger);
    expect(index.created).toBe(true);
    index.put(summary(1));
    expect(index.get(summary(1).id)).toEqual(summary(1));
    index.put({ ...summary(1), name: 'Renamed' });
    expect(index.get(summary(1).id)?.name).toBe('Renamed');
    index.remove(summary(1).id);
    expect(index.get(summary(1).id)).toBeUndefined();
  });

  it('pages in order by creation or last change, both ways, with a cursor that continues', () => {
    const index = ThreadIndex.open(indexFile(), silentLogger);
    index.putAll([1, 2, 3, 4, 5].map((n) => summary(n)));
    const all = [5, 4, 3, 2, 1].map((n) => summary(n).id);
    const first = index.list({ ...base, limit: 2 });
    expect(ids(first)).toEqual(all.slice(0, 2));
    const second = index.list({ ...base, limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual(all.slice(2, 4));
    const third = index.list({ ...base, limit: 2, cursor: second.nextCursor });
    expect(ids(third)).toEqual(all.slice(4));
    expect(third.nextCursor).toBeNull();
    expect(ids(index.list({ ...base, direction: 'asc' }))).toEqual([...all].reverse());
    const byUpdate = index.list({ ...base, sortKey: 'updated_at', limit: 3 });
    expect(ids(byUpdate)).toEqual([1, 2, 3].map((n) => summary(n).id));
    expect(ids(index.list({ ...base, sortKey: 'updated_at', cursor: byUpdate.nextCursor }))).toEqual([4, 5].map((n) => summary(n).id));
    expect(() => index.list({ ...base, sortKey: 'updated_at', cursor: first.nextCursor })).toThrow(/not a cursor/);
  });

  it('filters by archive, directory, provider, originator, exclusions and search term', () => {
    const index = ThreadIndex.open(indexFile(), silentLogger);
    index.putAll([1, 2, 3, 4, 5].map((n) => summary(n, n === 5 ? { archived: true } : {})));
    const of = (...numbers: number[]) => numbers.map((n) => summary(n).id);
    expect(ids(index.list({ ...base, archived: true }))).toEqual(of(5));
    expect(ids(index.list({ ...base, cwds: ['/even'] }))).toEqual(of(4, 2));
    expect(ids(index.list({ ...base, modelProviders: ['ollama'] }))).toEqual(of(3));
    expect(ids(index.list({ ...base, originators: ['someone else'] }))).toEqual([]);
    expect(ids(index.list({ ...base, excludedIds: of(4, 3) }))).toEqual(of(2, 1));
    expect(ids(index.list({ ...base, searchTerm: 'NUMBER 2' }))).toEqual(of(2));
    expect(ids(index.list({ ...base, searchTerm: 'release' }))).toEqual(of(4));
  });

  it('is rebuilt when the file is not a database', () => {
    const file = indexFile();
    writeFileSync(file, 'this is not sqlite, but it is long enough to look like a header '.repeat(20));
    const index = ThreadIndex.open(file, silentLogger);
    expect(index.created).toBe(true);
    index.put(summary(1));
    index.close();
    const reopened = ThreadIndex.open(file, silentLogger);
    expect(reopened.created).toBe(false);
    expect(reopened.get(summary(1).id)).toEqual(summary(1));
  });

  it('remembers which threads a daemon has loaded, and directory times', () => {
    const index = ThreadIndex.open(indexFile(), silentLogger);
    index.markLoaded('a', 42);
    index.markLoaded('b', 43);
    index.markUnloaded('a');
    expect(index.loadedMarks()).toEqual([{ id: 'b', pid: 43 }]);
    index.setDirTime('/home/sessions/2025/01/01', 123.5);
    expect(index.dirTimes()).toEqual(new Map([['/home/sessions/2025/01/01', 123.5]]));
    index.putAll([1, 2].map((n) => summary(n)));
    expect(index.idsIn('/home/sessions/2025/01/01').map((row) => row.id)).toEqual([summary(1).id]);
  });
});
