/**
 * An MCP server's tool as a tool of the thread. A call is an `mcpToolCall` item (started →
 * progress → completed or failed); the result or the failure goes back to the model, so a tool
 * that errs, times out or takes its server down never fails the turn.
 *
 * Approval: MCP tools run outside the sandbox, so under `untrusted` the user is asked before every
 * call — unless the tool declares itself read-only (`readOnlyHint`), or the user allowed that tool
 * for the session. Under `on-failure`, `on-request` and `never` calls run unasked: the user chose
 * the servers in their configuration, and there is no sandbox failure to react to.
 */
import type { McpServerConfig } from '../config/config-schema.js';
import type { McpToolCallItem } from '../items/thread-item.js';
import { type Tool, type ToolCall, type ToolContext, type ToolOutput, TurnCancelled } from '../tools/tool.js';
import { toolParameters } from './canonical-json.js';
import { McpCallError, type McpConnection, type McpToolDescriptor } from './mcp-connection.js';
import { resultText, toolOutputForModel } from './mcp-result.js';
import { toolTimeoutMs } from './mcp-server-config.js';

export interface McpToolBinding {
  /** The function name the model calls it by (`mcp__server__tool`). */
  readonly name: string;
  readonly server: string;
  readonly descriptor: McpToolDescriptor;
  readonly connection: McpConnection;
  /** The server's configuration as this thread sees it (timeouts). */
  readonly config: McpServerConfig;
}

/** Labels of the approval question; Codex asks with the same words. */
export const APPROVAL_ALLOW = 'Allow';
export const APPROVAL_ALLOW_FOR_SESSION = 'Allow for this session';
export const APPROVAL_DECLINE = 'Decline';
export const APPROVAL_CANCEL = 'Cancel';

export function mcpTool(binding: McpToolBinding): Tool {
  const { descriptor } = binding;
  return {
    spec: {
      type: 'function',
      name: binding.name,
      description: descriptor.description ?? descriptor.title ?? `The tool \`${descriptor.name}\` of the MCP server \`${binding.server}\`.`,
      strict: false,
      parameters: toolParameters(descriptor.inputSchema),
    },
    run: (call, ctx) => new McpToolCall(binding, call, ctx).run(),
  };
}

class McpToolCall {
  readonly #binding: McpToolBinding;
  readonly #call: ToolCall;
  readonly #ctx: ToolContext;
  readonly #item: McpToolCallItem;

  constructor(binding: McpToolBinding, call: ToolCall, ctx: ToolContext) {
    this.#binding = binding;
    this.#call = call;
    this.#ctx = ctx;
    this.#item = {
      type: 'mcpToolCall',
      id: call.callId,
      server: binding.server,
      tool: binding.descriptor.name,
      arguments: null,
      status: 'inProgress',
      result: null,
      error: null,
      durationMs: null,
      readOnlyHint: binding.descriptor.annotations?.readOnlyHint ?? null,
      startedAtMs: Date.now(),
      completedAtMs: null,
    };
  }

  async run(): Promise<ToolOutput> {
    const { server } = this.#binding;
    const tool = this.#item.tool;
    const args = parseArguments(this.#call.arguments);
    this.#item.arguments = args.ok ? (args.value ?? null) : this.#call.arguments;
    if (!args.ok) {
      this.#started();
      this.#fail(args.message);
      return `${this.#call.name}: ${args.message}`;
    }
    const mustAsk = this.#mustAsk();
    if (mustAsk) this.#ctx.approvals.beginWaiting('waitingOnUserInput');
    this.#started();
    if (mustAsk) {
      const answer = await this.#ask();
      if (answer === APPROVAL_CANCEL) {
        this.#fail('the user cancelled the turn');
        throw new TurnCancelled();
      }
      if (answer !== APPROVAL_ALLOW && answer !== APPROVAL_ALLOW_FOR_SESSION) {
        this.#fail('the user declined the call');
        return `The user declined to run the MCP tool \`${tool}\` of \`${server}\`. Do not retry it; ask the user or try another approach.`;
      }
      if (answer === APPROVAL_ALLOW_FOR_SESSION) this.#ctx.approvals.session.allowMcpTool(server, tool);
    }
    const callStarted = Date.now();
    try {
      const result = await this.#binding.connection.callTool(tool, args.value, {
        timeoutMs: toolTimeoutMs(this.#binding.config),
        signal: this.#ctx.signal,
        onProgress: (message) => this.#ctx.emit({ type: 'mcpToolCallProgress', turnId: this.#ctx.turnId, itemId: this.#item.id, message }),
      });
      const content = result.content as unknown[];
      this.#complete(
        {
          status: result.isError === true ? 'failed' : 'completed',
          result: result.structuredContent === undefined ? { content } : { content, structuredContent: result.structuredContent },
          error: result.isError === true ? { message: resultText(result) || 'the tool reported an error' } : null,
        },
        callStarted,
      );
      return toolOutputForModel(result);
    } catch (error) {
      if (this.#ctx.signal.aborted || error instanceof TurnCancelled) throw error;
      const message = error instanceof McpCallError ? error.message : `the call failed: ${(error as Error)?.message ?? String(error)}`;
      if (!(error instanceof McpCallError)) this.#ctx.log.error({ err: error, server, tool }, 'an MCP tool call failed unexpectedly');
      this.#fail(message, callStarted);
      return `The MCP tool \`${tool}\` of \`${server}\` failed: ${message}`;
    }
  }

  #mustAsk(): boolean {
    if (this.#ctx.settings.approvalPolicy !== 'untrusted') return false;
    if (this.#item.readOnlyHint === true) return false;
    return !this.#ctx.approvals.session.allowsMcpTool(this.#binding.server, this.#item.tool);
  }

  /** Asks through `item/tool/requestUserInput`, as Codex does for MCP tool approvals. */
  async #ask(): Promise<string | undefined> {
    const questionId = `mcp_tool_call_approval_${this.#item.id}`;
    const answers = await this.#ctx.approvals.userInput({
      turnId: this.#ctx.turnId,
      itemId: this.#item.id,
      questions: [
        {
          id: questionId,
          header: 'Approve MCP tool call?',
          question: `Allow the ${this.#binding.server} MCP server to run tool "${this.#item.tool}"?`,
          options: [
            { label: APPROVAL_ALLOW, description: 'Run the tool this time.' },
            { label: APPROVAL_ALLOW_FOR_SESSION, description: 'Run this tool without asking again in this thread.' },
            { label: APPROVAL_DECLINE, description: 'Do not run it; the agent is told and goes on.' },
            { label: APPROVAL_CANCEL, description: 'Do not run it and stop the turn.' },
          ],
          isOther: false,
          isSecret: false,
        },
      ],
    });
    return answers[questionId]?.answers[0];
  }

  #started(): void {
    this.#ctx.emit({ type: 'itemStarted', turnId: this.#ctx.turnId, item: { ...this.#item } });
  }

  #fail(message: string, callStarted?: number): void {
    this.#complete({ status: 'failed', error: { message } }, callStarted);
  }

  #complete(changes: Partial<McpToolCallItem>, callStarted?: number): void {
    const now = Date.now();
    Object.assign(this.#item, changes, { completedAtMs: now, durationMs: callStarted === undefined ? null : now - callStarted });
    this.#ctx.emit({ type: 'itemCompleted', turnId: this.#ctx.turnId, item: { ...this.#item } });
  }
}

type ParsedArguments = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string };

/** The model's arguments must be a JSON object (or nothing, for a tool that takes none). */
function parseArguments(raw: string): ParsedArguments {
  if (raw.trim() === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `the arguments are not valid JSON (${(error as Error).message}). Send a JSON object.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'the arguments must be a JSON object.' };
  return { ok: true, value: value as Record<string, unknown> };
}
