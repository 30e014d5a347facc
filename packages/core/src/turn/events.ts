/**
 * What a thread tells the world while it works: a discriminated union of core events. The
 * app-server maps them to protocol notifications; the rollout recorder persists the ones that
 * matter for resume. Core knows nothing about how they reach a client.
 */
import type { ThreadItem } from '../items/thread-item.js';
import type { TokenUsage, Turn, TurnError } from '../items/turn.js';

export type ThreadStatus =
  | { type: 'notLoaded' }
  | { type: 'idle' }
  | { type: 'systemError' }
  | { type: 'active'; activeFlags: ActiveFlag[] };

export type ActiveFlag = 'waitingOnApproval' | 'waitingOnUserInput';

export interface PlanStep {
  step: string;
  status: 'pending' | 'inProgress' | 'completed';
}

export type ThreadEvent =
  | { type: 'statusChanged'; status: ThreadStatus }
  | { type: 'turnStarted'; turn: Turn }
  | { type: 'turnCompleted'; turn: Turn }
  | { type: 'itemStarted'; turnId: string; item: ThreadItem }
  | { type: 'itemCompleted'; turnId: string; item: ThreadItem }
  | { type: 'agentMessageDelta'; turnId: string; itemId: string; delta: string }
  | { type: 'reasoningSummaryPartAdded'; turnId: string; itemId: string; summaryIndex: number }
  | { type: 'reasoningSummaryDelta'; turnId: string; itemId: string; summaryIndex: number; delta: string }
  | { type: 'reasoningTextDelta'; turnId: string; itemId: string; contentIndex: number; delta: string }
  | { type: 'commandOutputDelta'; turnId: string; itemId: string; delta: string }
  | { type: 'fileChangeOutputDelta'; turnId: string; itemId: string; delta: string }
  | { type: 'mcpToolCallProgress'; turnId: string; itemId: string; message: string }
  | { type: 'planUpdated'; turnId: string; explanation: string | null; plan: PlanStep[] }
  | { type: 'diffUpdated'; turnId: string; diff: string }
  | { type: 'tokenUsageUpdated'; turnId: string; usage: TokenUsage }
  | { type: 'error'; turnId: string; error: TurnError; willRetry: boolean }
  | { type: 'warning'; message: string }
  /** An MCP server the thread uses is starting, ready, or failed to start (then the thread goes on without it). */
  | { type: 'mcpServerStartupUpdated'; name: string; status: McpServerStartupStatus; error: string | null }
  | { type: 'compacted'; turnId: string }
  | { type: 'nameUpdated'; name: string | null };

export type McpServerStartupStatus = 'starting' | 'ready' | 'failed' | 'cancelled';

/** What a thread's services (not its turn) may tell the thread's listeners. */
export type ThreadNotice = Extract<ThreadEvent, { type: 'warning' | 'mcpServerStartupUpdated' }>;

/** A thread event with the thread it is about. */
export type ThreadEventEnvelope = ThreadEvent & { threadId: string };

export type ThreadEventListener = (event: ThreadEventEnvelope) => void;
