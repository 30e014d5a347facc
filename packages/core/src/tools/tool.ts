/**
 * A tool the model can call. Each tool declares its spec (what the model sees) and runs calls. A
 * tool's failure is data for the model — an output string saying what went wrong — never an
 * exception, unless the whole turn must stop (`TurnCancelled`).
 */
import type { ReviewDecision } from '../approvals/approval-gateway.js';
import type { Logger } from '../logging.js';
import type { FunctionToolSpec } from '../model/model-client.js';
import type { FunctionCallOutputContent } from '../model/response-item.js';
import type { ThreadEvent } from '../turn/events.js';
import type { ThreadSettings } from '../turn/settings.js';
import type { TurnApprovals } from './turn-approvals.js';
import type { TurnDiffTracker } from './turn-diff.js';
import type { CommandRunner } from './command-runner.js';

export interface ToolCall {
  readonly callId: string;
  readonly name: string;
  /** The raw JSON arguments the model sent. */
  readonly arguments: string;
}

export type ToolOutput = string | FunctionCallOutputContent[];

export interface ToolContext {
  readonly threadId: string;
  readonly turnId: string;
  readonly settings: ThreadSettings;
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly approvals: TurnApprovals;
  readonly commands: CommandRunner;
  readonly diff: TurnDiffTracker;
  /** The daemon's home: kept read-only for commands and patches. */
  readonly home: string;
  emit(event: ThreadEvent): void;
}

export interface Tool {
  readonly spec: FunctionToolSpec;
  run(call: ToolCall, ctx: ToolContext): Promise<ToolOutput>;
}

/** Thrown by a tool when the user answered `cancel`: the turn stops as interrupted. */
export class TurnCancelled extends Error {
  constructor(readonly decision: ReviewDecision = 'cancel') {
    super('the user cancelled the turn');
    this.name = 'TurnCancelled';
  }
}
