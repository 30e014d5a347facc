/**
 * `exec_command`: runs a shell command for the model, asking the user first when the approval
 * policy says so, streaming its output to the client, and returning the (shortened) output.
 */
import { resolve } from 'node:path';
import * as z from 'zod';
import type { ReviewDecision } from '../approvals/approval-gateway.js';
import { type CommandResult, describeCommand, formatOutputForModel, isKnownSafeCommand, looksLikeSandboxDenial, tokensToBytes } from '../exec/index.js';
import type { CommandExecutionItem } from '../items/thread-item.js';
import { type Tool, type ToolCall, type ToolContext, TurnCancelled } from './tool.js';
import { parseToolArgs } from './tool-args.js';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_TIMEOUT_MS = 60 * 60 * 1000;
/** What is kept of each output stream. */
const KEPT_OUTPUT_BYTES = 1024 * 1024;
/** What the model sees by default. */
const DEFAULT_MODEL_OUTPUT_TOKENS = 10_000;
/**
 * Output streamed to the client per command. A command may print 100 MB; past this the client
 * waits for the completed item, which holds the head and tail, instead of the daemon queueing
 * everything for it.
 */
export const MAX_STREAMED_OUTPUT_BYTES = 8 * 1024 * 1024;

const ArgsSchema = z.object({
  cmd: z.string().min(1),
  workdir: z.string().optional(),
  timeout_ms: z.number().int().positive().max(MAX_TIMEOUT_MS).optional(),
  max_output_tokens: z.number().int().positive().optional(),
  sandbox_permissions: z.enum(['use_default', 'require_escalated']).optional(),
  justification: z.string().optional(),
});
type Args = z.infer<typeof ArgsSchema>;

export const execCommandTool: Tool = {
  spec: {
    type: 'function',
    name: 'exec_command',
    description:
      'Runs a shell command with bash and returns its exit code and output. Output that is too long is shortened in the middle.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        cmd: { type: 'string', description: 'The shell command to run.' },
        workdir: { type: 'string', description: 'Directory to run it in, relative to the working directory. Defaults to the working directory.' },
        timeout_ms: { type: 'number', description: 'Kill the command after this many milliseconds (default 600000).' },
        max_output_tokens: { type: 'number', description: 'Longest output to return, in tokens (default 10000).' },
        sandbox_permissions: {
          type: 'string',
          enum: ['use_default', 'require_escalated'],
          description: 'require_escalated asks the user to run this command outside the sandbox.',
        },
        justification: { type: 'string', description: 'With require_escalated: one sentence telling the user why.' },
      },
      required: ['cmd'],
      additionalProperties: false,
    },
  },

  async run(call: ToolCall, ctx: ToolContext) {
    const parsed = parseToolArgs('exec_command', ArgsSchema, call.arguments);
    if (!parsed.ok) return parsed.message;
    return new CommandExecution(call, parsed.value, ctx).run();
  },
};

class CommandExecution {
  readonly #ctx: ToolContext;
  readonly #args: Args;
  readonly #item: CommandExecutionItem;

  constructor(call: ToolCall, args: Args, ctx: ToolContext) {
    this.#ctx = ctx;
    this.#args = args;
    this.#item = {
      type: 'commandExecution',
      id: call.callId,
      command: args.cmd,
      cwd: resolve(ctx.settings.cwd, args.workdir ?? '.'),
      status: 'inProgress',
      commandActions: describeCommand(args.cmd),
      aggregatedOutput: null,
      exitCode: null,
      durationMs: null,
      processId: null,
      source: 'agent',
      startedAtMs: Date.now(),
      completedAtMs: null,
    };
  }

  async run(): Promise<string> {
    const { approvalPolicy } = this.#ctx.settings;
    const wantsEscalation = this.#args.sandbox_permissions === 'require_escalated';
    if (wantsEscalation && approvalPolicy === 'never') {
      this.#started();
      return this.#declined('Running outside the sandbox was not requested: the approval policy is `never`, so nobody can approve it. Work within the sandbox.');
    }
    const mustAsk = this.#mustAsk(wantsEscalation);
    if (mustAsk) this.#ctx.approvals.beginWaiting();
    this.#started();
    let unsandboxed = false;
    if (mustAsk) {
      const reason = wantsEscalation ? (this.#args.justification ?? 'The agent asks to run this command outside the sandbox.') : null;
      const decision = await this.#ask(reason);
      if (decision === 'decline') return this.#declined('The user declined to run this command. Do not retry it; ask the user or try another approach.');
      unsandboxed = wantsEscalation;
    }
    let result = await this.#execute(unsandboxed);
    if (!unsandboxed && this.#offersRetryOutsideSandbox(result)) {
      this.#ctx.approvals.beginWaiting();
      const decision = await this.#ask('The command failed in the sandbox, apparently because of it. Run it again outside the sandbox?');
      if (decision !== 'decline') result = await this.#execute(true);
    }
    return this.#finish(result);
  }

  /** Whether the user must approve before anything runs. */
  #mustAsk(wantsEscalation: boolean): boolean {
    const { approvalPolicy } = this.#ctx.settings;
    if (approvalPolicy === 'never') return false;
    if (this.#ctx.approvals.session.allowsCommand(this.#args.cmd)) return false;
    if (wantsEscalation) return this.#ctx.settings.sandboxPolicy.type !== 'dangerFullAccess';
    return approvalPolicy === 'untrusted' && !isKnownSafeCommand(this.#args.cmd);
  }

  #offersRetryOutsideSandbox(result: CommandResult): boolean {
    const { approvalPolicy, sandboxPolicy } = this.#ctx.settings;
    if (sandboxPolicy.type === 'dangerFullAccess') return false;
    if (approvalPolicy !== 'on-request' && approvalPolicy !== 'on-failure') return false;
    if (result.timedOut || result.aborted) return false;
    return looksLikeSandboxDenial(result);
  }

  async #ask(reason: string | null): Promise<ReviewDecision> {
    const decision = await this.#ctx.approvals.command({
      turnId: this.#ctx.turnId,
      itemId: this.#item.id,
      command: this.#item.command,
      cwd: this.#item.cwd,
      reason,
      commandActions: this.#item.commandActions,
      availableDecisions: ['accept', 'acceptForSession', 'decline', 'cancel'],
      startedAtMs: Date.now(),
    });
    if (decision === 'cancel') {
      this.#complete({ status: 'declined' });
      throw new TurnCancelled();
    }
    return decision;
  }

  #execute(unsandboxed: boolean): Promise<CommandResult> {
    const ctx = this.#ctx;
    let streamed = 0;
    const stream = (delta: string): void => {
      if (streamed >= MAX_STREAMED_OUTPUT_BYTES) return;
      streamed += Buffer.byteLength(delta);
      if (streamed >= MAX_STREAMED_OUTPUT_BYTES) delta += '\n[… more output than can be streamed; the completed command shows its beginning and end …]\n';
      ctx.emit({ type: 'commandOutputDelta', turnId: ctx.turnId, itemId: this.#item.id, delta });
    };
    return ctx.commands.run({
      script: this.#args.cmd,
      cwd: this.#item.cwd,
      policy: ctx.settings.sandboxPolicy,
      unsandboxed,
      timeoutMs: this.#args.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      maxOutputBytes: KEPT_OUTPUT_BYTES,
      signal: ctx.signal,
      onOutput: stream,
    });
  }

  #started(): void {
    this.#ctx.emit({ type: 'itemStarted', turnId: this.#ctx.turnId, item: { ...this.#item } });
  }

  #declined(messageForModel: string): string {
    this.#complete({ status: 'declined' });
    return messageForModel;
  }

  #finish(result: CommandResult): string {
    this.#complete({
      status: result.exitCode === 0 ? 'completed' : 'failed',
      aggregatedOutput: result.aggregatedOutput,
      exitCode: result.exitCode,
      durationMs: Math.round(result.durationMs),
      processId: result.pid === undefined ? null : String(result.pid),
    });
    const maxBytes = tokensToBytes(this.#args.max_output_tokens ?? DEFAULT_MODEL_OUTPUT_TOKENS);
    return formatOutputForModel(result, { maxBytes });
  }

  #complete(changes: Partial<CommandExecutionItem>): void {
    Object.assign(this.#item, changes, { completedAtMs: Date.now() });
    this.#ctx.emit({ type: 'itemCompleted', turnId: this.#ctx.turnId, item: { ...this.#item } });
  }
}
