/**
 * Turns a parsed patch into a plan: every file read, every hunk located and every new content
 * computed, before anything is written. A patch that does not fit the files fails here as a whole,
 * with one message listing every problem, so the model can fix them all in its next attempt.
 *
 * Policy refusals are not failures: each change says whether it is writable, and the caller (which
 * may ask the user to approve writing outside the sandbox) decides.
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { applyHunks } from './apply-hunks.js';
import { PatchApplyError } from './errors.js';
import type { ParsedPatch, PatchOperation } from './parse-patch.js';
import { unifiedDiff } from './unified-diff.js';
import { checkWritable, type WritePolicy } from './write-policy.js';

export interface PlannedChange {
  /** Absolute path of the file the operation names (the source of a move). */
  readonly path: string;
  readonly kind: 'add' | 'delete' | 'update';
  /** Absolute destination of an `*** Move to:`. */
  readonly movePath?: string;
  /** The file's content before the patch; null when it does not exist yet. */
  readonly oldContent: string | null;
  /** The content after the patch (at `movePath` for a move); null for a delete. */
  readonly newContent: string | null;
  /** Diff from `oldContent` to `newContent`, paths relative to the cwd; '' when nothing changes. */
  readonly unifiedDiff: string;
  /** Whether the write policy allows this change (both ends of a move). */
  readonly writable: boolean;
  /** Why the policy refuses it, when it does. */
  readonly refusal?: string;
}

export interface PatchPlan {
  readonly changes: readonly PlannedChange[];
}

export interface PlanOptions {
  /** Directory the patch's relative paths are resolved against. */
  readonly cwd: string;
  readonly policy: WritePolicy;
}

export async function planPatch(patch: ParsedPatch, options: PlanOptions): Promise<PatchPlan> {
  const planner = new Planner(options);
  planner.checkDistinctPaths(patch.operations);
  const changes: PlannedChange[] = [];
  for (const operation of patch.operations) {
    const change = await planner.plan(operation);
    if (change) changes.push(change);
  }
  planner.throwProblems();
  return { changes };
}

type UpdateOperation = Extract<PatchOperation, { kind: 'update' }>;

class Planner {
  readonly #cwd: string;
  readonly #policy: WritePolicy;
  readonly #problems: string[] = [];

  constructor({ cwd, policy }: PlanOptions) {
    this.#cwd = cwd;
    this.#policy = policy;
  }

  /** One file, one section: two sections on the same file would depend on each other's result. */
  checkDistinctPaths(operations: readonly PatchOperation[]): void {
    const seen = new Map<string, string>();
    for (const operation of operations) {
      const targets = [operation.path];
      const moved = operation.kind === 'update' && this.#moveTarget(operation) !== undefined;
      if (moved && operation.movePath !== undefined) targets.push(operation.movePath);
      for (const target of targets) {
        const absolute = this.#absolute(target);
        const earlier = seen.get(absolute);
        if (earlier !== undefined) {
          this.#problems.push(
            `${target} appears more than once in the patch (also as ${earlier}). ` +
              'Give each file a single section: put all its hunks under one "*** Update File".',
          );
        }
        seen.set(absolute, target);
      }
    }
    this.throwProblems();
  }

  /** The change for one operation, or undefined when it has a problem (recorded for the report). */
  async plan(operation: PatchOperation): Promise<PlannedChange | undefined> {
    try {
      switch (operation.kind) {
        case 'add':
          return await this.#planAdd(operation.path, operation.contents);
        case 'delete':
          return await this.#planDelete(operation.path);
        case 'update':
          return await this.#planUpdate(operation);
      }
    } catch (error) {
      if (error instanceof PatchApplyError) this.#problems.push(error.message);
      else if (isErrnoException(error)) this.#problems.push(`cannot read ${operation.path}: ${error.message}`);
      else throw error;
      return undefined;
    }
  }

  throwProblems(): void {
    if (this.#problems.length === 0) return;
    if (this.#problems.length === 1) throw new PatchApplyError(this.#problems[0] ?? '');
    const listed = this.#problems.map((problem, i) => `${i + 1}. ${problem}`).join('\n');
    throw new PatchApplyError(`the patch does not fit the files (${this.#problems.length} problems):\n${listed}`);
  }

  async #planAdd(path: string, contents: string): Promise<PlannedChange> {
    const absolute = this.#absolute(path);
    const existing = await statOrUndefined(absolute);
    let oldContent: string | null = null;
    if (existing !== undefined && !existing.isFile()) {
      throw new PatchApplyError(
        `cannot add ${path}: something that is not a regular file exists there. Choose another path.`,
      );
    }
    if (existing !== undefined) {
      oldContent = decodeText(await readFile(absolute), path, 'add');
      // Re-sending a patch whose Add already went through is harmless; overwriting other content is not.
      if (oldContent !== contents) {
        throw new PatchApplyError(
          `cannot add ${path}: the file already exists with different content. ` +
            'Use "*** Update File" to change it, or read it first if you did not expect it to exist.',
        );
      }
    }
    const label = this.#label(absolute);
    const diff = unifiedDiff(oldContent ?? '', contents, oldContent === null ? '/dev/null' : label, label);
    const permission = this.#permission([absolute]);
    return { path: absolute, kind: 'add', oldContent, newContent: contents, unifiedDiff: diff, ...permission };
  }

  async #planDelete(path: string): Promise<PlannedChange> {
    const absolute = this.#absolute(path);
    const oldContent = await this.#readExisting(path, absolute, 'delete');
    const diff = unifiedDiff(oldContent, '', this.#label(absolute), '/dev/null');
    const permission = this.#permission([absolute]);
    return { path: absolute, kind: 'delete', oldContent, newContent: null, unifiedDiff: diff, ...permission };
  }

  async #planUpdate(operation: UpdateOperation): Promise<PlannedChange> {
    const { path, movePath, hunks } = operation;
    const absolute = this.#absolute(path);
    const oldContent = await this.#readExisting(path, absolute, 'update');
    const newContent = applyHunks(oldContent, hunks, path);
    const label = this.#label(absolute);
    const moveAbsolute = this.#moveTarget(operation);
    if (moveAbsolute === undefined || movePath === undefined) {
      const diff = unifiedDiff(oldContent, newContent, label, label);
      const permission = this.#permission([absolute]);
      return { path: absolute, kind: 'update', oldContent, newContent, unifiedDiff: diff, ...permission };
    }
    if ((await statOrUndefined(moveAbsolute)) !== undefined) {
      throw new PatchApplyError(
        `cannot move ${path} to ${movePath}: ${movePath} already exists. ` +
          'Choose another destination, or delete it in an earlier, separate patch.',
      );
    }
    const diff = unifiedDiff(oldContent, newContent, label, this.#label(moveAbsolute));
    return {
      path: absolute,
      kind: 'update',
      movePath: moveAbsolute,
      oldContent,
      newContent,
      unifiedDiff: diff,
      ...this.#permission([absolute, moveAbsolute]),
    };
  }

  /** The text of a file that must exist and be a regular file. */
  async #readExisting(path: string, absolute: string, verb: 'update' | 'delete'): Promise<string> {
    const existing = await statOrUndefined(absolute);
    if (existing === undefined) {
      const hint = verb === 'update' ? ', or use "*** Add File" to create it' : '';
      throw new PatchApplyError(
        `cannot ${verb} ${path}: no such file (resolved against ${this.#cwd}). Check the path${hint}.`,
      );
    }
    if (!existing.isFile()) throw new PatchApplyError(`cannot ${verb} ${path}: it is not a regular file.`);
    const bytes = await readFile(absolute);
    // A deleted file's bytes are never rewritten, so its text is only for the diff.
    return verb === 'delete' ? bytes.toString('utf8') : decodeText(bytes, path, verb);
  }

  #permission(paths: readonly string[]): { writable: boolean; refusal?: string } {
    const refusals: string[] = [];
    for (const path of paths) {
      const check = checkWritable(path, this.#policy);
      if (!check.ok) refusals.push(check.reason);
    }
    return refusals.length === 0 ? { writable: true } : { writable: false, refusal: refusals.join('; ') };
  }

  /** The absolute destination of a move; undefined when there is none or it names the file itself. */
  #moveTarget({ path, movePath }: UpdateOperation): string | undefined {
    if (movePath === undefined) return undefined;
    const target = this.#absolute(movePath);
    return target === this.#absolute(path) ? undefined : target;
  }

  #absolute(path: string): string {
    return resolve(this.#cwd, path);
  }

  /** The path shown in diffs: relative to the cwd, as the model wrote it. */
  #label(absolute: string): string {
    return relative(this.#cwd, absolute) || absolute;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The file's text, refusing bytes that are not UTF-8: decoding them leniently would replace them,
 * and writing the file back would corrupt every line the patch did not touch.
 */
function decodeText(bytes: Uint8Array, path: string, verb: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new PatchApplyError(`cannot ${verb} ${path}: it is not UTF-8 text, and apply_patch only edits UTF-8 text.`);
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
