/**
 * The thread index: one SQLite row per stored thread (better-sqlite3), for listing and for finding
 * a thread's rollout by id without walking the sessions directory. It holds nothing the rollouts do
 * not: it can always be rebuilt from them, and is rebuilt when missing, unreadable or of another
 * schema version. Each row remembers the rollout size it was made from; a different size on disk
 * means the row is stale (see ThreadStore's reconcile).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { ReasoningEffort } from '../config/config-schema.js';
import { invalidArgument } from '../errors.js';
import type { Logger } from '../logging.js';

/** Bump when the table changes: an index of another version is dropped and rebuilt. */
const SCHEMA_VERSION = 1;

/** What a listing shows of a stored thread. */
export interface ThreadSummary {
  id: string;
  /** The rollout file (under `sessions/` or `archived_sessions/`). */
  path: string;
  archived: boolean;
  /** Epoch seconds. */
  createdAt: number;
  updatedAt: number;
  /** The last change in epoch milliseconds, to order threads changed within the same second. */
  updatedAtMs: number;
  cwd: string;
  modelProvider: string;
  model: string;
  effort: ReasoningEffort | null;
  /** The first user message. */
  preview: string;
  name: string | null;
  forkedFromId: string | null;
  cliVersion: string;
  originator: string | null;
  /** Bytes of the rollout this summary was made from. */
  rolloutSize: number;
}

export type ThreadSortKey = 'created_at' | 'updated_at';

export interface ThreadListQuery {
  archived: boolean;
  sortKey: ThreadSortKey;
  direction: 'asc' | 'desc';
  limit: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string | null;
  cwds?: readonly string[];
  modelProviders?: readonly string[];
  originators?: readonly string[];
  excludedIds?: readonly string[];
  /** Case-insensitive substring of the name or the preview. */
  searchTerm?: string | null;
}

export interface ThreadListPage {
  readonly threads: ThreadSummary[];
  readonly nextCursor: string | null;
}

interface Row {
  id: string;
  path: string;
  archived: number;
  created_at: number;
  updated_at: number;
  updated_ms: number;
  cwd: string;
  model_provider: string;
  model: string;
  effort: string | null;
  preview: string;
  name: string | null;
  forked_from_id: string | null;
  cli_version: string;
  originator: string | null;
  rollout_size: number;
}

const COLUMNS =
  'id, path, archived, created_at, updated_at, updated_ms, cwd, model_provider, model, effort, preview, name, forked_from_id, cli_version, originator, rollout_size';

export class ThreadIndex {
  /** True when the index was just created (missing, unreadable or outdated): it must be filled. */
  readonly created: boolean;
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  private constructor(db: BetterSqlite3.Database, created: boolean) {
    this.#db = db;
    this.created = created;
  }

  /** Opens the index at `file`, starting a new one if it is missing, unreadable or outdated. */
  static open(file: string, log: Logger): ThreadIndex {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      return ThreadIndex.#openFile(file);
    } catch (error) {
      log.warn({ err: error, file }, 'the thread index is unreadable; rebuilding it from the rollouts');
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      return ThreadIndex.#openFile(file);
    }
  }

  static #openFile(file: string): ThreadIndex {
    const Database = loadDriver();
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      const version = db.pragma('user_version', { simple: true }) as number;
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'threads'").get() !== undefined;
      const created = version !== SCHEMA_VERSION || !hasTable;
      if (created) {
        db.exec(`
          DROP TABLE IF EXISTS threads;
          CREATE TABLE threads (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            archived INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL,
            cwd TEXT NOT NULL,
            model_provider TEXT NOT NULL,
            model TEXT NOT NULL,
            effort TEXT,
            preview TEXT NOT NULL,
            name TEXT,
            forked_from_id TEXT,
            cli_version TEXT NOT NULL,
            originator TEXT,
            rollout_size INTEGER NOT NULL,
            search_text TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX threads_by_created ON threads (archived, created_at, id);
          CREATE INDEX threads_by_updated ON threads (archived, updated_ms, id);
          CREATE INDEX threads_by_path ON threads (path);
          DROP TABLE IF EXISTS loaded;
          CREATE TABLE loaded (id TEXT PRIMARY KEY, pid INTEGER NOT NULL) WITHOUT ROWID;
          DROP TABLE IF EXISTS dirs;
          CREATE TABLE dirs (path TEXT PRIMARY KEY, mtime_ms REAL NOT NULL) WITHOUT ROWID;
        `);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }
      return new ThreadIndex(db, created);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get(id: string): ThreadSummary | undefined {
    const row = this.#statement(`SELECT ${COLUMNS} FROM threads WHERE id = ?`).get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  put(summary: ThreadSummary): void {
    this.#statement(
      `INSERT OR REPLACE INTO threads (${COLUMNS}, search_text) VALUES
       (@id, @path, @archived, @createdAt, @updatedAt, @updatedAtMs, @cwd, @modelProvider, @model, @effort, @preview, @name, @forkedFromId, @cliVersion, @originator, @rolloutSize, @searchText)`,
    ).run({ ...summary, archived: summary.archived ? 1 : 0, searchText: searchText(summary) });
  }

  /** Writes many summaries in one transaction (a rebuild). */
  putAll(summaries: readonly ThreadSummary[]): void {
    this.#db.transaction(() => {
      for (const summary of summaries) this.put(summary);
    })();
  }

  remove(id: string): void {
    this.#statement('DELETE FROM threads WHERE id = ?').run(id);
  }

  /** Notes that a daemon (`pid`) has the thread loaded: until it unloads it, the row may lag its rollout. */
  markLoaded(id: string, pid: number): void {
    this.#statement('INSERT OR REPLACE INTO loaded (id, pid) VALUES (?, ?)').run(id, pid);
  }

  markUnloaded(id: string): void {
    this.#statement('DELETE FROM loaded WHERE id = ?').run(id);
  }

  /** Threads some daemon has (or had, when it died) loaded. */
  loadedMarks(): { id: string; pid: number }[] {
    return this.#statement('SELECT id, pid FROM loaded').all() as { id: string; pid: number }[];
  }

  /** The modification time each rollout directory had when its listing was last compared. */
  dirTimes(): Map<string, number> {
    const rows = this.#statement('SELECT path, mtime_ms FROM dirs').all() as { path: string; mtime_ms: number }[];
    return new Map(rows.map((row) => [row.path, row.mtime_ms]));
  }

  setDirTime(path: string, mtimeMs: number): void {
    this.#statement('INSERT OR REPLACE INTO dirs (path, mtime_ms) VALUES (?, ?)').run(path, mtimeMs);
  }

  /** The rows whose rollout is directly in `dir`. */
  idsIn(dir: string): { id: string; path: string }[] {
    const prefix = `${dir}/`;
    const rows = this.#statement('SELECT id, path FROM threads WHERE path >= ? AND path < ?').all(prefix, `${dir}0`) as { id: string; path: string }[];
    return rows.filter((row) => !row.path.slice(prefix.length).includes('/'));
  }

  /** Every thread's rollout path and the size its row was made from. */
  files(): Map<string, { path: string; rolloutSize: number }> {
    const files = new Map<string, { path: string; rolloutSize: number }>();
    for (const row of this.#statement('SELECT id, path, rollout_size FROM threads').iterate() as Iterable<Pick<Row, 'id' | 'path' | 'rollout_size'>>) {
      files.set(row.id, { path: row.path, rolloutSize: row.rollout_size });
    }
    return files;
  }

  /** One page of threads, filtered, in order; the cursor continues after the last one. */
  list(query: ThreadListQuery): ThreadListPage {
    const column = query.sortKey === 'updated_at' ? 'updated_ms' : 'created_at';
    const descending = query.direction === 'desc';
    const where: string[] = ['archived = @archived'];
    const params: Record<string, unknown> = { archived: query.archived ? 1 : 0, limit: query.limit + 1 };
    addIn(where, params, 'cwd', 'cwd', query.cwds);
    addIn(where, params, 'model_provider', 'provider', query.modelProviders);
    addIn(where, params, 'originator', 'originator', query.originators);
    if (query.excludedIds && query.excludedIds.length > 0) {
      const names = query.excludedIds.map((id, index) => {
        params[`excluded${index}`] = id;
        return `@excluded${index}`;
      });
      where.push(`id NOT IN (${names.join(', ')})`);
    }
    if (query.searchTerm) {
      where.push('instr(search_text, @term) > 0');
      params.term = query.searchTerm.toLowerCase();
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, column);
      where.push(`(${column}, id) ${descending ? '<' : '>'} (@afterValue, @afterId)`);
      params.afterValue = after.value;
      params.afterId = after.id;
    }
    const order = descending ? 'DESC' : 'ASC';
    const sql = `SELECT ${COLUMNS} FROM threads WHERE ${where.join(' AND ')} ORDER BY ${column} ${order}, id ${order} LIMIT @limit`;
    const rows = this.#statement(sql).all(params) as Row[];
    const more = rows.length > query.limit;
    const threads = rows.slice(0, query.limit).map(fromRow);
    const last = threads.at(-1);
    const nextCursor = more && last ? encodeCursor(column, column === 'updated_ms' ? last.updatedAtMs : last.createdAt, last.id) : null;
    return { threads, nextCursor };
  }

  close(): void {
    this.#db.close();
  }

  #statement(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      // Filters make many shapes of query; keep the cache from growing without bound.
      if (this.#statements.size > 200) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

/** better-sqlite3 is loaded on first use, so a daemon that never lists or resumes does not pay for it. */
function loadDriver(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  return require('better-sqlite3') as typeof BetterSqlite3;
}

function addIn(where: string[], params: Record<string, unknown>, column: string, name: string, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  const names = values.map((value, index) => {
    params[`${name}${index}`] = value;
    return `@${name}${index}`;
  });
  where.push(`${column} IN (${names.join(', ')})`);
}

function searchText(summary: ThreadSummary): string {
  return `${summary.name ?? ''}\n${summary.preview}`.toLowerCase();
}

function fromRow(row: Row): ThreadSummary {
  return {
    id: row.id,
    path: row.path,
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedAtMs: row.updated_ms,
    cwd: row.cwd,
    modelProvider: row.model_provider,
    model: row.model,
    effort: row.effort as ReasoningEffort | null,
    preview: row.preview,
    name: row.name,
    forkedFromId: row.forked_from_id,
    cliVersion: row.cli_version,
    originator: row.originator,
    rolloutSize: row.rollout_size,
  };
}

/** Cursors are opaque to clients: the sort column, the last value and id, base64url-encoded. */
function encodeCursor(column: string, value: number, id: string): string {
  return Buffer.from(JSON.stringify([column, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, column: string): { value: number; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed[0] === column && typeof parsed[1] === 'number' && typeof parsed[2] === 'string') {
      return { value: parsed[1], id: parsed[2] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw invalidArgument(`not a cursor of this listing (sorted by ${column}): ${cursor}`);
}
