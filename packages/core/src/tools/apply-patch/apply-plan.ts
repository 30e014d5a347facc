/**
 * Writes a planned patch, all or nothing. Before the first write, every touched path is
 * snapshotted (bytes and mode) and checked against the plan, so a file edited since planning is
 * not overwritten blindly. If a write then fails midway, every path already touched is restored
 * from its snapshot and the directories created for it are removed, leaving the workspace as it was.
 */
import * as fs from 'node:fs/promises';
import { dirname } from 'node:path';
import { PatchApplyError } from './errors.js';
import type { PatchPlan, PlannedChange } from './plan-patch.js';

/** The file operations `applyPlan` performs forward; tests swap them to make a write fail. */
export interface FileOps {
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Creates a directory and its parents; returns the first one created, if any. */
  mkdirs(path: string): Promise<string | undefined>;
  chmod(path: string, mode: number): Promise<void>;
}

export const nodeFileOps: FileOps = {
  writeFile: (path, data) => fs.writeFile(path, data),
  unlink: (path) => fs.unlink(path),
  mkdirs: (path) => fs.mkdir(path, { recursive: true }),
  chmod: (path, mode) => fs.chmod(path, mode),
};

export interface ApplyOptions {
  /** Write changes the policy refused too: the user approved writing outside the roots. */
  readonly allowOutsideRoots?: boolean;
  /** Internal: replaces the forward file operations (rollback always uses the real ones). */
  readonly fileOps?: FileOps;
}

/** A path as it was before the patch: its bytes and permission bits, or absent. */
type Snapshot = { readonly exists: true; readonly bytes: Buffer; readonly mode: number } | { readonly exists: false };

export async function applyPlan(plan: PatchPlan, options: ApplyOptions = {}): Promise<void> {
  const refused = plan.changes.filter((change) => !change.writable);
  if (refused.length > 0 && !options.allowOutsideRoots) {
    const reasons = refused.map((change) => change.refusal ?? `${change.path} is not writable`).join('; ');
    throw new PatchApplyError(`refused to write outside the allowed paths, nothing was written: ${reasons}`);
  }
  const transaction = new Transaction(options.fileOps ?? nodeFileOps);
  await transaction.snapshot(plan.changes);
  await transaction.run(plan.changes);
}

class Transaction {
  readonly #ops: FileOps;
  readonly #snapshots = new Map<string, Snapshot>();
  /** Paths written or removed so far, in order; restored in reverse on failure. */
  readonly #touched: string[] = [];
  /** Directory chains this patch created, from the deepest to the first one `mkdir` made. */
  readonly #createdDirs: Array<{ readonly deepest: string; readonly top: string }> = [];

  constructor(ops: FileOps) {
    this.#ops = ops;
  }

  async snapshot(changes: readonly PlannedChange[]): Promise<void> {
    for (const change of changes) {
      const before = await readSnapshot(change.path);
      this.#snapshots.set(change.path, before);
      const current = before.exists ? before.bytes.toString('utf8') : null;
      if (current !== change.oldContent) {
        throw new PatchApplyError(
          `${change.path} changed since the patch was checked, nothing was written. ` +
            'Re-read it and send the patch again.',
        );
      }
      if (change.movePath !== undefined) {
        const destination = await readSnapshot(change.movePath);
        if (destination.exists) {
          throw new PatchApplyError(`${change.movePath} appeared since the patch was checked, nothing was written.`);
        }
        this.#snapshots.set(change.movePath, destination);
      }
    }
  }

  /** Adds first, then in-place updates, moves and deletes, as a reader of the diff would expect. */
  async run(changes: readonly PlannedChange[]): Promise<void> {
    const ordered = [
      ...changes.filter((change) => change.kind === 'add'),
      ...changes.filter((change) => change.kind === 'update' && change.movePath === undefined),
      ...changes.filter((change) => change.kind === 'update' && change.movePath !== undefined),
      ...changes.filter((change) => change.kind === 'delete'),
    ];
    let current: PlannedChange | undefined;
    try {
      for (current of ordered) await this.#apply(current);
    } catch (error) {
      const unrestored = await this.#rollback();
      const detail = `${current ? describe(current) : 'writing'} failed (${(error as Error).message})`;
      if (unrestored.length === 0) {
        throw new PatchApplyError(`${detail}; the files already written were restored, so nothing changed.`, {
          cause: error,
        });
      }
      throw new PatchApplyError(
        `${detail}, and restoring the files written before it failed too; ` +
          `these may be left modified: ${unrestored.join('; ')}`,
        { cause: error },
      );
    }
  }

  async #apply(change: PlannedChange): Promise<void> {
    const content = change.newContent;
    if (change.kind === 'delete' || content === null) {
      this.#touched.push(change.path);
      await this.#ops.unlink(change.path);
      return;
    }
    if (change.movePath === undefined) {
      // Writing over the same content would only bump its modification time.
      if (content === change.oldContent) return;
      await this.#write(change.path, content);
      return;
    }
    await this.#write(change.movePath, content);
    const source = this.#snapshots.get(change.path);
    if (source?.exists) await this.#ops.chmod(change.movePath, source.mode);
    this.#touched.push(change.path);
    await this.#ops.unlink(change.path);
  }

  /** Writes in place, so an existing file keeps its inode, mode and links. */
  async #write(path: string, content: string): Promise<void> {
    const parent = dirname(path);
    const created = await this.#ops.mkdirs(parent);
    if (created !== undefined) this.#createdDirs.push({ deepest: parent, top: created });
    this.#touched.push(path);
    await this.#ops.writeFile(path, content);
  }

  /** Puts every touched path back; returns what could not be restored. */
  async #rollback(): Promise<string[]> {
    const unrestored: string[] = [];
    for (const path of this.#touched.toReversed()) {
      const before = this.#snapshots.get(path);
      try {
        if (before?.exists) {
          await fs.writeFile(path, before.bytes);
          await fs.chmod(path, before.mode);
        } else {
          await fs.rm(path, { force: true });
        }
      } catch (error) {
        unrestored.push(`${path}: ${(error as Error).message}`);
      }
    }
    for (const chain of this.#createdDirs.toReversed()) await removeEmptyChain(chain.deepest, chain.top);
    return unrestored;
  }
}

/**
 * Removes the directories from `deepest` up to `top`, each only if empty: they were created for
 * this patch, but something else may have been put in them meanwhile. Already gone is fine.
 */
async function removeEmptyChain(deepest: string, top: string): Promise<void> {
  for (let dir = deepest; ; dir = dirname(dir)) {
    try {
      await fs.rmdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
    if (dir === top || dirname(dir) === dir) return;
  }
}

function describe(change: PlannedChange): string {
  if (change.kind === 'add') return `creating ${change.path}`;
  if (change.kind === 'delete') return `deleting ${change.path}`;
  if (change.movePath !== undefined) return `moving ${change.path} to ${change.movePath}`;
  return `updating ${change.path}`;
}

async function readSnapshot(path: string): Promise<Snapshot> {
  try {
    const [bytes, stats] = await Promise.all([fs.readFile(path), fs.stat(path)]);
    return { exists: true, bytes, mode: stats.mode & 0o7777 };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { exists: false };
    throw new PatchApplyError(`cannot read ${path} before writing it: ${(error as Error).message}`, { cause: error });
  }
}
