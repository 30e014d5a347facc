/**
 * `apply_patch`: edits files with a `*** Begin Patch` patch. The whole patch is checked before
 * anything is written; writes outside the writable roots are refused unless the user approves
 * them; the user is asked first when the approval policy says so.
 */
import { dirname, sep } from 'node:path';
import * as z from 'zod';
import {
  applyPlan,
  type PatchPlan,
  PatchApplyError,
  PatchParseError,
  parsePatch,
  planPatch,
  summarizePatchResult,
  type WritePolicy,
} from './apply-patch/index.js';
import type { FileChange, FileChangeItem } from '../items/thread-item.js';
import { writableRootsOf } from '../sandbox/sandbox-policy.js';
import { type Tool, type ToolCall, type ToolContext, TurnCancelled } from './tool.js';
import { parseToolArgs } from './tool-args.js';

const ArgsSchema = z.object({ input: z.string().min(1) });

export const applyPatchTool: Tool = {
  spec: {
    type: 'function',
    name: 'apply_patch',
    description: 'Edits files. `input` is a patch in the *** Begin Patch format described in the instructions.',
    strict: false,
    parameters: {
      type: 'object',
      properties: { input: { type: 'string', description: 'The whole patch, from *** Begin Patch to *** End Patch.' } },
      required: ['input'],
      additionalProperties: false,
    },
  },

  async run(call: ToolCall, ctx: ToolContext) {
    const parsed = parseToolArgs('apply_patch', ArgsSchema, call.arguments);
    if (!parsed.ok) return parsed.message;
    let plan: PatchPlan;
    try {
      plan = await planPatch(parsePatch(parsed.value.input), { cwd: ctx.settings.cwd, policy: writePolicy(ctx) });
    } catch (error) {
      if (error instanceof PatchParseError || error instanceof PatchApplyError) return `apply_patch: ${error.message}`;
      throw error;
    }
    return new PatchApplication(call, plan, ctx).run();
  },
};

/** Which paths a patch may write under the turn's sandbox policy. */
export function writePolicy(ctx: ToolContext): WritePolicy {
  const roots = writableRootsOf(ctx.settings.sandboxPolicy, ctx.settings.cwd);
  if (roots === undefined) return { writableRoots: 'unrestricted', readOnlyPaths: [] };
  return { writableRoots: roots, readOnlyPaths: [...roots.map((root) => `${root}${sep}.git`), ctx.home] };
}

class PatchApplication {
  readonly #ctx: ToolContext;
  readonly #plan: PatchPlan;
  readonly #item: FileChangeItem;

  constructor(call: ToolCall, plan: PatchPlan, ctx: ToolContext) {
    this.#ctx = ctx;
    this.#plan = plan;
    this.#item = {
      type: 'fileChange',
      id: call.callId,
      changes: plan.changes.map(toFileChange),
      status: 'inProgress',
      startedAtMs: Date.now(),
      completedAtMs: null,
    };
  }

  async run(): Promise<string> {
    const { approvalPolicy } = this.#ctx.settings;
    const refused = this.#plan.changes.filter((change) => !change.writable);
    const paths = this.#plan.changes.flatMap((change) => (change.movePath ? [change.path, change.movePath] : [change.path]));
    if (refused.length > 0 && approvalPolicy === 'never') {
      this.#started();
      return this.#end('declined', `apply_patch: refused, nothing was changed: ${refused.map((change) => change.refusal).join('; ')}`);
    }
    const mustAsk =
      approvalPolicy !== 'never' &&
      !this.#ctx.approvals.session.allowsPaths(paths) &&
      (refused.length > 0 || approvalPolicy === 'untrusted');
    if (mustAsk) this.#ctx.approvals.beginWaiting();
    this.#started();
    if (mustAsk) {
      const outside = refused[0];
      const decision = await this.#ctx.approvals.fileChange(
        {
          turnId: this.#ctx.turnId,
          itemId: this.#item.id,
          reason: outside ? `This patch writes outside the writable roots: ${outside.refusal}` : null,
          grantRoot: outside ? dirname(outside.movePath ?? outside.path) : null,
          startedAtMs: Date.now(),
        },
        paths,
      );
      if (decision === 'cancel') {
        this.#end('declined', '');
        throw new TurnCancelled();
      }
      if (decision === 'decline') return this.#end('declined', 'apply_patch: the user declined this patch; nothing was changed.');
    }
    for (const change of this.#plan.changes) this.#ctx.diff.remember(change.path, change.oldContent);
    for (const change of this.#plan.changes) if (change.movePath) this.#ctx.diff.remember(change.movePath, null);
    try {
      // Reaching here with refused changes means the user approved them (now or for the session).
      await applyPlan(this.#plan, { allowOutsideRoots: refused.length > 0 });
    } catch (error) {
      return this.#end('failed', `apply_patch: ${(error as Error).message}`);
    }
    const output = summarizePatchResult(this.#plan);
    this.#end('completed', output);
    this.#ctx.emit({ type: 'diffUpdated', turnId: this.#ctx.turnId, diff: await this.#ctx.diff.diff() });
    return output;
  }

  #started(): void {
    this.#ctx.emit({ type: 'itemStarted', turnId: this.#ctx.turnId, item: { ...this.#item } });
  }

  #end(status: FileChangeItem['status'], output: string): string {
    Object.assign(this.#item, { status, completedAtMs: Date.now() });
    this.#ctx.emit({ type: 'itemCompleted', turnId: this.#ctx.turnId, item: { ...this.#item } });
    return output;
  }
}

function toFileChange(change: PatchPlan['changes'][number]): FileChange {
  const kind: FileChange['kind'] =
    change.kind === 'add' ? { type: 'add' } : change.kind === 'delete' ? { type: 'delete' } : { type: 'update', move_path: change.movePath ?? null };
  return { path: change.path, kind, diff: change.unifiedDiff };
}
