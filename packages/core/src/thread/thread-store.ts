/**
 * Stored threads on disk: the rollout files (active and archived) and the index over them. The
 * rollouts are the truth; the index is kept in step as threads change, and checked against the
 * rollouts before a daemon's first listing:
 * - a missing (or outdated) index is rebuilt from every rollout before the listing answers;
 * - otherwise a quick check runs first — rows of threads that a daemon which has since died had
 *   loaded are re-read, and directories whose listing changed (rollouts added, moved or removed by
 *   hand, by another daemon) are compared with the index — and a full check follows in the
 *   background, re-reading any rollout whose size differs from what its row was made from.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import { failedPrecondition, invalidArgument, notFound } from '../errors.js';
import type { Logger } from '../logging.js';
import { archivedPath, rolloutDirectories, rolloutDirs, rolloutNames, threadIdOfRollout, unarchivedPath } from './rollout-paths.js';
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

/** How long after the first listing the full check of the index starts. */
const FULL_CHECK_DELAY_MS = 200;

/** Rollouts summarised at once during a rebuild. */
const SUMMARY_CONCURRENCY = 16;

export class ThreadStore {
  readonly #options: ThreadStoreOptions;
  #index: ThreadIndex | undefined;
  #checked: Promise<void> | undefined;

  constructor(options: ThreadStoreOptions) {
    this.#options = options;
  }

  get indexFile(): string {
    return join(this.#options.home, 'state', 'threads.v1.sqlite');
  }

  /**
   * Finds a thread's rollout: through the index, else by walking the directories — also when the
   * index cannot be opened at all, so resuming never depends on it.
   */
  async find(threadId: string): Promise<StoredRollout | undefined> {
    if (!/^[0-9A-Za-z-]+$/.test(threadId)) throw invalidArgument(`not a thread id: ${threadId}`);
    const index = this.#openOrUndefined();
    const row = index?.get(threadId);
    if (row && existsSync(row.path)) return { path: row.path, archived: row.archived };
    for await (const { dir, names, archived } of rolloutDirectories(this.#options.home)) {
      const name = names.find((candidate) => threadIdOfRollout(candidate) === threadId);
      if (!name) continue;
      const path = join(dir, name);
      const summary = index ? await summarizeRolloutFile(path, archived) : undefined;
      if (summary?.id === threadId) index?.put(summary);
      return { path, archived };
    }
    if (row) index?.remove(threadId);
    return undefined;
  }

  /** Like `find`, but a missing thread is a NOT_FOUND error. */
  async require(threadId: string): Promise<StoredRollout> {
    const found = await this.find(threadId);
    if (!found) throw notFound(`no thread with id ${threadId} in ${this.#options.home}`);
    return found;
  }

  /** A page of stored threads. The first listing of a daemon checks the index (see the file comment). */
  async list(query: ThreadListQuery): Promise<ThreadListPage> {
    const index = this.#open();
    this.#checked ??= this.#check(index);
    await this.#checked;
    return index.list(query);
  }

  /** This daemon has the thread loaded (its row may lag the rollout until it is unloaded). */
  markLoaded(threadId: string): void {
    this.#open().markLoaded(threadId, process.pid);
  }

  markUnloaded(threadId: string): void {
    this.#open().markUnloaded(threadId);
  }

  async #check(index: ThreadIndex): Promise<void> {
    const log = this.#options.log;
    try {
      if (index.created) await this.reconcile();
      else await this.quickCheck();
    } catch (error) {
      log.error({ err: error }, 'could not check the thread index');
    }
    // Started once the listing has been answered: the full check reads every row first.
    if (!index.created) {
      setTimeout(() => void this.reconcile().catch((error: unknown) => log.error({ err: error }, 'could not repair the thread index')), FULL_CHECK_DELAY_MS).unref();
    }
  }

  /** The cheap part of the check: threads left loaded by dead daemons, and changed directories. */
  async quickCheck(): Promise<void> {
    const index = this.#open();
    for (const { id, pid } of index.loadedMarks()) {
      if (pid === process.pid || isAlive(pid)) continue;
      const row = index.get(id);
      const summary = row ? await summarizeRolloutFile(row.path, row.archived) : undefined;
      if (summary) index.put(summary);
      else if (row && !existsSync(row.path)) index.remove(id);
      index.markUnloaded(id);
    }
    const times = index.dirTimes();
    for await (const { dir, archived } of rolloutDirs(this.#options.home)) {
      // Hundreds of directories: a synchronous stat each is quicker than a round trip each.
      const mtimeMs = mtimeOf(dir);
      if (mtimeMs === undefined || times.get(dir) === mtimeMs) continue;
      const names = await rolloutNames(dir);
      const present = new Set<string>();
      for (const name of names) {
        const id = threadIdOfRollout(name) as string;
        const path = join(dir, name);
        present.add(path);
        if (index.get(id)?.path === path || this.#options.isLoaded(id)) continue;
        const summary = await summarizeRolloutFile(path, archived);
        if (summary?.id === id) index.put(summary);
      }
      for (const row of index.idsIn(dir)) if (!present.has(row.path) && !this.#options.isLoaded(row.id)) index.remove(row.id);
      index.setDirTime(dir, mtimeMs);
    }
  }

  /** The index row of a thread, if it has one. */
  get(threadId: string): ThreadSummary | undefined {
    return this.#open().get(threadId);
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
      if (stale.length === 0) return;
      const summaries = await Promise.all(stale.map(({ path, archived }) => summarizeRolloutFile(path, archived)));
      // A rollout whose metadata names another thread than its file name is not indexed.
      index.putAll(summaries.filter((summary, at): summary is ThreadSummary => summary?.id === threadIdOfRollout(basename(stale[at]?.path ?? ''))));
      stale = [];
    };
    for await (const { dir, archived } of rolloutDirs(this.#options.home)) {
      // The time is taken before the listing: a rollout added meanwhile changes it again.
      const mtimeMs = await stat(dir).then((stats) => stats.mtimeMs).catch(() => undefined);
      if (mtimeMs === undefined) continue;
      for (const name of await rolloutNames(dir)) {
        const id = threadIdOfRollout(name) as string;
        const path = join(dir, name);
        seen.add(id);
        const row = known.get(id);
        if (row?.path === path && row.rolloutSize === sizeOf(path)) continue;
        if (this.#options.isLoaded(id)) continue;
        stale.push({ path, archived });
        if (stale.length >= SUMMARY_CONCURRENCY) await summarizeStale();
      }
      await summarizeStale();
      index.setDirTime(dir, mtimeMs);
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

  /** Opens the index now rather than on the first request that needs it (loading SQLite takes ~20 ms). */
  openIndex(): void {
    this.#openOrUndefined();
  }

  #open(): ThreadIndex {
    try {
      this.#index ??= ThreadIndex.open(this.indexFile, this.#options.log);
    } catch (error) {
      throw failedPrecondition(`the thread index (${this.indexFile}) cannot be opened: ${(error as Error).message}`);
    }
    return this.#index;
  }

  #openOrUndefined(): ThreadIndex | undefined {
    try {
      return this.#open();
    } catch (error) {
      this.#options.log.warn({ err: error }, 'no thread index: finding threads by their files');
      return undefined;
    }
  }
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}
