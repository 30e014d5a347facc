/**
 * Stored threads on disk: the rollout files (active and archived) and the index over them. The
 * rollouts are the truth; the index is kept in step as threads change, and repaired from the
 * rollouts once per daemon — in full when it was missing, otherwise in the background, re-reading
 * only rollouts whose size differs from what their row was made from (a daemon that died mid-turn,
 * another version that wrote them, files copied in or removed by hand).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import { failedPrecondition, invalidArgument, notFound } from '../errors.js';
import type { Logger } from '../logging.js';
import { archivedPath, rolloutDirectories, threadIdOfRollout, unarchivedPath } from './rollout-paths.js';
import { summarizeRolloutFile } from './rollout-summary.js';
import { ThreadIndex, type ThreadListPage, type ThreadListQuery, type ThreadSummary } from './thread-index.js';

export interface ThreadStoreOptions {
  readonly home: string;
  readonly log: Logger;
  /** Threads loaded in this daemon keep their rows up to date themselves. */
  readonly isLoaded: (threadId: string) => boolean;
}

/** Where a stored thread's rollout is. */
export interface StoredRollout {
  readonly path: string;
  readonly archived: boolean;
}

/** Rollouts summarised at once during a rebuild. */
const SUMMARY_CONCURRENCY = 16;

export class ThreadStore {
  readonly #options: ThreadStoreOptions;
  #index: ThreadIndex | undefined;
  #reconciled: Promise<void> | undefined;

  constructor(options: ThreadStoreOptions) {
    this.#options = options;
  }

  get indexFile(): string {
    return join(this.#options.home, 'state', 'threads.v1.sqlite');
  }

  /** Finds a thread's rollout: through the index, else by walking the directories. */
  async find(threadId: string): Promise<StoredRollout | undefined> {
    if (!/^[0-9A-Za-z-]+$/.test(threadId)) throw invalidArgument(`not a thread id: ${threadId}`);
    const row = this.#open().get(threadId);
    if (row && existsSync(row.path)) return { path: row.path, archived: row.archived };
    for await (const { dir, names, archived } of rolloutDirectories(this.#options.home)) {
      const name = names.find((candidate) => threadIdOfRollout(candidate) === threadId);
      if (!name) continue;
      const path = join(dir, name);
      const summary = await summarizeRolloutFile(path, archived);
      if (summary) this.#open().put(summary);
      return { path, archived };
    }
    if (row) this.#open().remove(threadId);
    return undefined;
  }

  /** Like `find`, but a missing thread is a NOT_FOUND error. */
  async require(threadId: string): Promise<StoredRollout> {
    const found = await this.find(threadId);
    if (!found) throw notFound(`no thread with id ${threadId} in ${this.#options.home}`);
    return found;
  }

  /** A page of stored threads. The first listing of a daemon repairs the index (see the file comment). */
  async list(query: ThreadListQuery): Promise<ThreadListPage> {
    const index = this.#open();
    this.#reconciled ??= this.reconcile().catch((error: unknown) => this.#options.log.error({ err: error }, 'could not repair the thread index'));
    if (index.created) await this.#reconciled;
    return index.list(query);
  }

  /** Records what a thread looks like now. */
  update(summary: ThreadSummary): void {
    this.#open().put(summary);
  }

  /** Moves a thread's rollout to the archive. */
  async archive(threadId: string): Promise<ThreadSummary> {
    return this.#move(threadId, true);
  }

  /** Moves an archived rollout back to its day directory. */
  async unarchive(threadId: string): Promise<ThreadSummary> {
    return this.#move(threadId, false);
  }

  /**
   * Brings the index in line with the rollouts: rows for new or changed files are made from the
   * files, rows whose file is gone are removed. Directory by directory, yielding in between, so a
   * daemon with a large history keeps answering while it runs.
   */
  async reconcile(): Promise<void> {
    const index = this.#open();
    const known = index.files();
    const seen = new Set<string>();
    let stale: { path: string; archived: boolean }[] = [];
    const summarizeStale = async () => {
      const summaries = await Promise.all(stale.map(({ path, archived }) => summarizeRolloutFile(path, archived)));
      index.putAll(summaries.filter((summary): summary is ThreadSummary => summary !== undefined));
      stale = [];
    };
    for await (const { dir, names, archived } of rolloutDirectories(this.#options.home)) {
      for (const name of names) {
        const id = threadIdOfRollout(name) as string;
        const path = join(dir, name);
        seen.add(id);
        const row = known.get(id);
        if (row?.path === path && row.rolloutSize === sizeOf(path)) continue;
        if (this.#options.isLoaded(id)) continue;
        stale.push({ path, archived });
        if (stale.length >= SUMMARY_CONCURRENCY) await summarizeStale();
      }
      await nextTick();
    }
    await summarizeStale();
    for (const [id] of known) {
      if (seen.has(id) || this.#options.isLoaded(id)) continue;
      const current = index.get(id);
      if (current && !existsSync(current.path)) index.remove(id);
    }
  }

  close(): void {
    this.#index?.close();
    this.#index = undefined;
  }

  async #move(threadId: string, toArchive: boolean): Promise<ThreadSummary> {
    const found = await this.require(threadId);
    if (found.archived === toArchive) throw failedPrecondition(`thread ${threadId} is ${toArchive ? 'already' : 'not'} archived`);
    const target = toArchive ? archivedPath(this.#options.home, found.path) : unarchivedPath(this.#options.home, found.path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    await rename(found.path, target);
    const summary = await summarizeRolloutFile(target, toArchive);
    if (!summary) throw failedPrecondition(`the rollout of thread ${threadId} has no metadata: ${target}`);
    this.#open().put(summary);
    return summary;
  }

  #open(): ThreadIndex {
    this.#index ??= ThreadIndex.open(this.indexFile, this.#options.log);
    return this.#index;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}
