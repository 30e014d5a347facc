/**
 * Server notifications about threads, turns and items. Every payload that names a thread may carry
 * `seq`, agentd's per-thread event counter: a client that reconnects passes the last `seq` it saw as
 * `afterSeq` to `thread/resume` and receives what it missed.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { RequestIdSchema } from '../jsonrpc.js';
import { ThreadItemSchema } from './items.js';
import { McpServerStartupFailureReasonSchema, McpServerStartupStateSchema } from './mcp.js';
import { ThreadSchema, ThreadStatusSchema, TurnErrorSchema, TurnSchema } from './thread.js';

const seq = z
  .int()
  .nonnegative()
  .optional()
  .describe(
    'agentd extension: position of this notification in its thread’s event stream, increasing by one; ' +
      'pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.',
  );
const threadId = z.string().describe('The thread concerned.');
const turnId = z.string().describe('The turn concerned.');
const itemId = z.string().describe('The item concerned.');

// ---- thread -----------------------------------------------------------------------------------

export const ErrorNotificationSchema = z
  .object({
    threadId,
    turnId,
    error: TurnErrorSchema,
    willRetry: z.boolean().describe('True when the server retries on its own; the turn goes on.'),
    seq,
  })
  .meta({ id: 'ErrorNotification', description: 'A turn hit an error (final unless `willRetry`).' });
export type ErrorNotification = z.infer<typeof ErrorNotificationSchema>;

export const ThreadStartedNotificationSchema = z
  .object({ thread: ThreadSchema })
  .meta({ id: 'ThreadStartedNotification', description: 'A thread was created (by start or fork) and loaded.' });
export type ThreadStartedNotification = z.infer<typeof ThreadStartedNotificationSchema>;

export const ThreadStatusChangedNotificationSchema = z
  .object({ threadId, status: ThreadStatusSchema, seq })
  .meta({ id: 'ThreadStatusChangedNotification', description: 'A thread became idle, active, or waiting.' });
export type ThreadStatusChangedNotification = z.infer<typeof ThreadStatusChangedNotificationSchema>;

export const ThreadArchivedNotificationSchema = z
  .object({ threadId, seq })
  .meta({ id: 'ThreadArchivedNotification', description: 'A thread was archived.' });
export type ThreadArchivedNotification = z.infer<typeof ThreadArchivedNotificationSchema>;

export const ThreadUnarchivedNotificationSchema = z
  .object({ threadId, seq })
  .meta({ id: 'ThreadUnarchivedNotification', description: 'A thread was brought back from the archive.' });
export type ThreadUnarchivedNotification = z.infer<typeof ThreadUnarchivedNotificationSchema>;

export const ThreadClosedNotificationSchema = z
  .object({ threadId, seq })
  .meta({ id: 'ThreadClosedNotification', description: 'A thread was unloaded from the server.' });
export type ThreadClosedNotification = z.infer<typeof ThreadClosedNotificationSchema>;

export const ThreadRevertedNotificationSchema = z
  .object({ threadId, seq })
  .meta({ id: 'ThreadRevertedNotification', description: 'Turns were dropped from a thread by `thread/revert`.' });
export type ThreadRevertedNotification = z.infer<typeof ThreadRevertedNotificationSchema>;

export const ThreadNameUpdatedNotificationSchema = z
  .object({ threadId, threadName: nullish(z.string()).describe('The new title; null when removed.'), seq })
  .meta({ id: 'ThreadNameUpdatedNotification', description: 'A thread’s title changed.' });
export type ThreadNameUpdatedNotification = z.infer<typeof ThreadNameUpdatedNotificationSchema>;

export const TokenUsageBreakdownSchema = z
  .object({
    totalTokens: z.int().describe('Input plus output tokens.'),
    inputTokens: z.int().describe('Prompt tokens, cached ones included.'),
    cachedInputTokens: z.int().describe('Prompt tokens served from the provider’s cache.'),
    cacheWriteInputTokens: z.int().optional().describe('Prompt tokens written to the cache (default 0).'),
    outputTokens: z.int().describe('Generated tokens, reasoning included.'),
    reasoningOutputTokens: z.int().describe('Generated reasoning tokens.'),
  })
  .meta({ id: 'TokenUsageBreakdown', description: 'Token counts of one or more model requests.' });
export type TokenUsageBreakdown = z.infer<typeof TokenUsageBreakdownSchema>;

export const ThreadTokenUsageSchema = z
  .object({
    total: TokenUsageBreakdownSchema.describe('Everything the thread used so far.'),
    last: TokenUsageBreakdownSchema.describe('The latest model request.'),
    modelContextWindow: nullish(z.int()).describe('Context window of the model, in tokens, if known.'),
  })
  .meta({ id: 'ThreadTokenUsage', description: 'Token usage of a thread.' });
export type ThreadTokenUsage = z.infer<typeof ThreadTokenUsageSchema>;

export const ThreadTokenUsageUpdatedNotificationSchema = z
  .object({ threadId, turnId, tokenUsage: ThreadTokenUsageSchema, seq })
  .meta({ id: 'ThreadTokenUsageUpdatedNotification', description: 'A model request finished; usage grew.' });
export type ThreadTokenUsageUpdatedNotification = z.infer<typeof ThreadTokenUsageUpdatedNotificationSchema>;

export const ContextCompactedNotificationSchema = z
  .object({ threadId, turnId, seq })
  .meta({ id: 'ContextCompactedNotification', description: 'The thread’s history was compacted.' });
export type ContextCompactedNotification = z.infer<typeof ContextCompactedNotificationSchema>;

export const WarningNotificationSchema = z
  .object({
    message: z.string().describe('What the user should know.'),
    threadId: nullish(z.string()).describe('The thread concerned, if any.'),
    seq,
  })
  .meta({ id: 'WarningNotification', description: 'Something went wrong that does not stop the work.' });
export type WarningNotification = z.infer<typeof WarningNotificationSchema>;

// ---- turn -------------------------------------------------------------------------------------

export const TurnStartedNotificationSchema = z
  .object({ threadId, turn: TurnSchema, seq })
  .meta({ id: 'TurnStartedNotification', description: 'A turn began running.' });
export type TurnStartedNotification = z.infer<typeof TurnStartedNotificationSchema>;

export const TurnCompletedNotificationSchema = z
  .object({ threadId, turn: TurnSchema.describe('The turn with its final status and error.'), seq })
  .meta({ id: 'TurnCompletedNotification', description: 'A turn ended: completed, interrupted or failed.' });
export type TurnCompletedNotification = z.infer<typeof TurnCompletedNotificationSchema>;

export const TurnDiffUpdatedNotificationSchema = z
  .object({ threadId, turnId, diff: z.string().describe('Unified diff of every file the turn changed.'), seq })
  .meta({ id: 'TurnDiffUpdatedNotification', description: 'The turn’s combined diff changed.' });
export type TurnDiffUpdatedNotification = z.infer<typeof TurnDiffUpdatedNotificationSchema>;

export const TurnPlanStepStatusSchema = z
  .enum(['pending', 'inProgress', 'completed'])
  .meta({ id: 'TurnPlanStepStatus', description: 'Progress of a plan step.' });
export type TurnPlanStepStatus = z.infer<typeof TurnPlanStepStatusSchema>;

export const TurnPlanStepSchema = z
  .object({ step: z.string().describe('What the step does.'), status: TurnPlanStepStatusSchema })
  .meta({ id: 'TurnPlanStep', description: 'One step of the agent’s to-do list.' });
export type TurnPlanStep = z.infer<typeof TurnPlanStepSchema>;

export const TurnPlanUpdatedNotificationSchema = z
  .object({
    threadId,
    turnId,
    plan: z.array(TurnPlanStepSchema).describe('The whole list, in order.'),
    explanation: nullish(z.string()).describe('Why the plan changed, if the model said.'),
    seq,
  })
  .meta({ id: 'TurnPlanUpdatedNotification', description: 'The agent updated its to-do list (`update_plan`).' });
export type TurnPlanUpdatedNotification = z.infer<typeof TurnPlanUpdatedNotificationSchema>;

// ---- items ------------------------------------------------------------------------------------

export const ItemStartedNotificationSchema = z
  .object({
    threadId,
    turnId,
    item: ThreadItemSchema.describe('The item as far as it is known when it starts.'),
    startedAtMs: z.int().describe('When it started, in epoch milliseconds.'),
    seq,
  })
  .meta({ id: 'ItemStartedNotification', description: 'An item began; deltas may follow.' });
export type ItemStartedNotification = z.infer<typeof ItemStartedNotificationSchema>;

export const ItemCompletedNotificationSchema = z
  .object({
    threadId,
    turnId,
    item: ThreadItemSchema.describe('The finished item; this version is authoritative.'),
    completedAtMs: z.int().describe('When it completed, in epoch milliseconds.'),
    contentTokenCount: nullish(z.int().nonnegative()).describe('Tokens of an assistant message, if known.'),
    seq,
  })
  .meta({ id: 'ItemCompletedNotification', description: 'An item finished.' });
export type ItemCompletedNotification = z.infer<typeof ItemCompletedNotificationSchema>;

const textDelta = { threadId, turnId, itemId, delta: z.string().describe('Text to append.'), seq } as const;

export const AgentMessageDeltaNotificationSchema = z
  .object(textDelta)
  .meta({ id: 'AgentMessageDeltaNotification', description: 'More text of an `agentMessage` item.' });
export type AgentMessageDeltaNotification = z.infer<typeof AgentMessageDeltaNotificationSchema>;

export const PlanDeltaNotificationSchema = z
  .object(textDelta)
  .meta({ id: 'PlanDeltaNotification', description: 'More text of a `plan` item.' });
export type PlanDeltaNotification = z.infer<typeof PlanDeltaNotificationSchema>;

export const CommandExecutionOutputDeltaNotificationSchema = z
  .object(textDelta)
  .meta({ id: 'CommandExecutionOutputDeltaNotification', description: 'More output of a running command.' });
export type CommandExecutionOutputDeltaNotification = z.infer<typeof CommandExecutionOutputDeltaNotificationSchema>;

export const FileChangeOutputDeltaNotificationSchema = z
  .object(textDelta)
  .meta({ id: 'FileChangeOutputDeltaNotification', description: 'More output of applying a patch.' });
export type FileChangeOutputDeltaNotification = z.infer<typeof FileChangeOutputDeltaNotificationSchema>;

const summaryIndex = z.int().describe('Which summary part, counted from 0.');

export const ReasoningSummaryTextDeltaNotificationSchema = z
  .object({ ...textDelta, summaryIndex })
  .meta({ id: 'ReasoningSummaryTextDeltaNotification', description: 'More text of a reasoning summary part.' });
export type ReasoningSummaryTextDeltaNotification = z.infer<typeof ReasoningSummaryTextDeltaNotificationSchema>;

export const ReasoningSummaryPartAddedNotificationSchema = z
  .object({ threadId, turnId, itemId, summaryIndex, seq })
  .meta({ id: 'ReasoningSummaryPartAddedNotification', description: 'A new reasoning summary part began.' });
export type ReasoningSummaryPartAddedNotification = z.infer<typeof ReasoningSummaryPartAddedNotificationSchema>;

export const ReasoningTextDeltaNotificationSchema = z
  .object({ ...textDelta, contentIndex: z.int().describe('Which raw reasoning part, counted from 0.') })
  .meta({ id: 'ReasoningTextDeltaNotification', description: 'More raw reasoning text.' });
export type ReasoningTextDeltaNotification = z.infer<typeof ReasoningTextDeltaNotificationSchema>;

export const McpToolCallProgressNotificationSchema = z
  .object({ threadId, turnId, itemId, message: z.string().describe('Progress message of the MCP server.'), seq })
  .meta({ id: 'McpToolCallProgressNotification', description: 'An MCP tool call reported progress.' });
export type McpToolCallProgressNotification = z.infer<typeof McpToolCallProgressNotificationSchema>;

export const ServerRequestResolvedNotificationSchema = z
  .object({
    threadId,
    requestId: RequestIdSchema.describe('The server request that no longer waits.'),
    seq,
  })
  .meta({
    id: 'ServerRequestResolvedNotification',
    description: 'A server request was answered or withdrawn; clients can dismiss its prompt.',
  });
export type ServerRequestResolvedNotification = z.infer<typeof ServerRequestResolvedNotificationSchema>;

export const McpServerStatusUpdatedNotificationSchema = z
  .object({
    name: z.string().describe('The MCP server.'),
    status: McpServerStartupStateSchema,
    error: nullish(z.string()).describe('Why it failed, if it did.'),
    failureReason: nullish(McpServerStartupFailureReasonSchema).describe('A failure the user can fix, if so.'),
    threadId: nullish(z.string()).describe('The thread that started it, if any.'),
    seq,
  })
  .meta({ id: 'McpServerStatusUpdatedNotification', description: 'An MCP server is starting, ready or failed.' });
export type McpServerStatusUpdatedNotification = z.infer<typeof McpServerStatusUpdatedNotificationSchema>;
