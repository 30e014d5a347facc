/** The durable objects: Thread, which holds Turns, which hold items, with their statuses and errors. */
import * as z from 'zod';
import { nullish } from '../define.js';
import { AbsolutePathBufSchema, ReasoningEffortSchema, ThreadIdSchema, ThreadSourceSchema } from './common.js';
import { ThreadItemSchema } from './items.js';

// ---- status -----------------------------------------------------------------------------------

export const ThreadActiveFlagSchema = z
  .enum(['waitingOnApproval', 'waitingOnUserInput'])
  .meta({ id: 'ThreadActiveFlag', description: 'Why an active thread is waiting for the client.' });
export type ThreadActiveFlag = z.infer<typeof ThreadActiveFlagSchema>;

export const ThreadStatusSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('notLoaded') }).describe('Stored on disk but not loaded in this server.'),
    z.object({ type: z.literal('idle') }).describe('Loaded, no turn running.'),
    z.object({ type: z.literal('systemError') }).describe('Loaded but unusable after an internal failure.'),
    z
      .object({
        type: z.literal('active'),
        activeFlags: z.array(ThreadActiveFlagSchema).describe('What the running turn waits for; empty if nothing.'),
      })
      .describe('A turn is running.'),
  ])
  .meta({ id: 'ThreadStatus', description: 'Runtime state of a thread in this server.' });
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;

export const TurnStatusSchema = z.enum(['completed', 'interrupted', 'failed', 'inProgress']).meta({
  id: 'TurnStatus',
  description: 'Whether a turn is running, finished normally, was interrupted, or failed.',
});
export type TurnStatus = z.infer<typeof TurnStatusSchema>;

export const TurnItemsViewSchema = z.enum(['notLoaded', 'summary', 'full']).meta({
  id: 'TurnItemsView',
  description: 'How many of a turn’s items `items` holds: none, a summary (e.g. the final answer), or all.',
});
export type TurnItemsView = z.infer<typeof TurnItemsViewSchema>;

// ---- errors -----------------------------------------------------------------------------------

export const NonSteerableTurnKindSchema = z
  .enum(['review', 'compact'])
  .meta({ id: 'NonSteerableTurnKind', description: 'A kind of turn that does not accept extra input while running.' });
export type NonSteerableTurnKind = z.infer<typeof NonSteerableTurnKindSchema>;

const httpStatus = z
  .object({ httpStatusCode: nullish(z.int().nonnegative()).describe('HTTP status of the upstream reply, if any.') })
  .describe('Upstream HTTP detail.');

export const CodexErrorInfoSchema = z
  .union([
    z.enum([
      'contextWindowExceeded',
      'sessionBudgetExceeded',
      'usageLimitExceeded',
      'rateLimitExceeded',
      'flexUnavailable',
      'serverOverloaded',
      'modelNotFound',
      'policyCapacityUnavailable',
      'cyberPolicy',
      'misalignmentPolicyViolation',
      'tooManyDenials',
      'internalServerError',
      'unauthorized',
      'badRequest',
      'threadRollbackFailed',
      'sandboxError',
      'other',
      'inferenceHookDenied',
    ]),
    z.object({ httpConnectionFailed: httpStatus }).describe('Could not reach the model provider.'),
    z.object({ responseStreamConnectionFailed: httpStatus }).describe('Could not open the response stream.'),
    z.object({ responseStreamDisconnected: httpStatus }).describe('The response stream broke mid-turn.'),
    z.object({ responseTooManyFailedAttempts: httpStatus }).describe('Gave up after repeated failures.'),
    z
      .object({ activeTurnNotSteerable: z.object({ turnKind: NonSteerableTurnKindSchema }) })
      .describe('The running turn does not accept extra input.'),
    z.string().describe('A category this schema does not know yet.'),
    z.record(z.string(), z.unknown()).describe('A structured category this schema does not know yet.'),
  ])
  .meta({
    id: 'CodexErrorInfo',
    description: 'Machine-readable category of a turn error, so clients can react (retry, re-login, compact).',
  });
export type CodexErrorInfo = z.infer<typeof CodexErrorInfoSchema>;

export const MisalignmentSteerSchema = z
  .object({ message: z.string().describe('Text to send as the next user input to continue.') })
  .meta({ id: 'MisalignmentSteer', description: 'How to continue after a policy block, if confirmed.' });
export type MisalignmentSteer = z.infer<typeof MisalignmentSteerSchema>;

export const MisalignmentErrorDetailsSchema = z
  .object({
    errorType: nullish(z.string()).describe('Open-ended category of the block.'),
    detailedExplanation: nullish(z.string()).describe('Explanation to show before offering to continue.'),
    reviewTarget: nullish(z.string()).describe('Opaque target of the block.'),
    steer: nullish(MisalignmentSteerSchema).describe('How to continue, if allowed.'),
  })
  .meta({ id: 'MisalignmentErrorDetails', description: 'Details of a provider policy block.' });
export type MisalignmentErrorDetails = z.infer<typeof MisalignmentErrorDetailsSchema>;

export const TurnErrorSchema = z
  .object({
    message: z.string().describe('What went wrong, for people.'),
    codexErrorInfo: nullish(CodexErrorInfoSchema).describe('What went wrong, for programs.'),
    additionalDetails: nullish(z.string()).describe('More detail, e.g. the upstream error body.'),
    misalignment: nullish(MisalignmentErrorDetailsSchema).describe('Details of a policy block, if that was it.'),
  })
  .meta({ id: 'TurnError', description: 'Why a turn failed or was cut short.' });
export type TurnError = z.infer<typeof TurnErrorSchema>;

// ---- turn -------------------------------------------------------------------------------------

export const TurnSchema = z
  .object({
    id: z.string().describe('Identifier of the turn, unique within its thread.'),
    items: z
      .array(ThreadItemSchema)
      .describe('The turn’s items, as far as `itemsView` says they are included; empty in `turn/start`.'),
    itemsView: TurnItemsViewSchema.optional().describe('How complete `items` is (default `full`).'),
    status: TurnStatusSchema,
    error: nullish(TurnErrorSchema).describe('Why the turn failed or was interrupted, if it did.'),
    startedAt: nullish(z.int()).describe('When the turn started, in epoch seconds.'),
    completedAt: nullish(z.int()).describe('When the turn ended, in epoch seconds.'),
    durationMs: nullish(z.int()).describe('How long the turn ran, in milliseconds.'),
    rootTurnId: nullish(z.string()).describe('The first turn of the chain of work this turn belongs to.'),
  })
  .meta({ id: 'Turn', description: 'One exchange: the user’s input and everything the agent did in response.' });
export type Turn = z.infer<typeof TurnSchema>;

// ---- thread -----------------------------------------------------------------------------------

export const GitInfoSchema = z
  .object({
    sha: nullish(z.string()).describe('Commit checked out.'),
    branch: nullish(z.string()).describe('Branch checked out.'),
    originUrl: nullish(z.string()).describe('URL of the `origin` remote.'),
  })
  .meta({ id: 'GitInfo', description: 'Git state of the working directory when the thread was created.' });
export type GitInfo = z.infer<typeof GitInfoSchema>;

export const AgentPathSchema = z
  .string()
  .meta({ id: 'AgentPath', description: 'Position of a sub-agent in its agent tree.' });
export type AgentPath = z.infer<typeof AgentPathSchema>;

export const SubAgentSourceSchema = z
  .union([
    z.enum(['review', 'compact', 'memory_consolidation']),
    z
      .object({
        thread_spawn: z.object({
          parent_thread_id: ThreadIdSchema.describe('The thread that spawned it.'),
          depth: z.int().describe('Nesting depth below the root thread.'),
          agent_path: nullish(AgentPathSchema).describe('Position in the agent tree.'),
          agent_nickname: nullish(z.string()).describe('Nickname of the sub-agent.'),
          agent_role: nullish(z.string()).describe('Role of the sub-agent.'),
        }),
      })
      .describe('Spawned by another thread’s agent.'),
    z.object({ other: z.string() }).describe('Another kind of sub-agent.'),
  ])
  .meta({ id: 'SubAgentSource', description: 'Why a sub-agent thread exists.' });
export type SubAgentSource = z.infer<typeof SubAgentSourceSchema>;

export const SessionSourceSchema = z
  .union([
    z.enum(['cli', 'vscode', 'exec', 'appServer', 'unknown']),
    z.object({ custom: z.string() }).describe('A client-defined origin.'),
    z.object({ subAgent: SubAgentSourceSchema }).describe('Created by an agent.'),
  ])
  .meta({ id: 'SessionSource', description: 'Which kind of client created a thread.' });
export type SessionSource = z.infer<typeof SessionSourceSchema>;

export const ThreadHistoryModeSchema = z.enum(['legacy', 'paginated']).meta({
  id: 'ThreadHistoryMode',
  description: 'How the thread’s history is stored and paged.',
});
export type ThreadHistoryMode = z.infer<typeof ThreadHistoryModeSchema>;

export const ThreadSectionAppearanceSchema = z
  .object({
    color: nullish(z.string()).describe('Color of the section.'),
    icon: nullish(z.string()).describe('Icon of the section.'),
  })
  .meta({ id: 'ThreadSectionAppearance', description: 'How a thread section looks.' });
export type ThreadSectionAppearance = z.infer<typeof ThreadSectionAppearanceSchema>;

export const ThreadSectionSchema = z
  .object({
    id: z.string().describe('Stable identifier of the section.'),
    name: z.string().describe('Display name.'),
    appearance: nullish(ThreadSectionAppearanceSchema).describe('Color and icon, if set.'),
  })
  .meta({ id: 'ThreadSection', description: 'A user-defined group of threads.' });
export type ThreadSection = z.infer<typeof ThreadSectionSchema>;

export const ThreadSchema = z
  .object({
    id: z.string().describe('Identifier of the thread.'),
    sessionId: z.string().describe('Shared by a thread and the sub-agent threads it spawned.'),
    preview: z.string().describe('Short text to list the thread by, usually its first user message.'),
    ephemeral: z.boolean().describe('True when the thread is kept in memory only, never written to disk.'),
    modelProvider: z.string().describe('The model provider the thread uses.'),
    model: nullish(z.string()).describe('The model the thread uses, if known.'),
    reasoningEffort: nullish(ReasoningEffortSchema).describe('The configured reasoning effort, if any.'),
    createdAt: z.int().describe('Creation time, in epoch seconds.'),
    updatedAt: z.int().describe('Time of the last change, in epoch seconds.'),
    recencyAt: nullish(z.int()).describe('Time used to sort threads by recency, in epoch seconds.'),
    status: ThreadStatusSchema,
    path: nullish(z.string()).describe('Where the thread file is stored; may change between versions.'),
    cwd: AbsolutePathBufSchema.describe('Working directory of the thread.'),
    cliVersion: z.string().describe('Version of the server that created the thread.'),
    source: SessionSourceSchema.describe('Which kind of client created the thread.'),
    threadSource: nullish(ThreadSourceSchema).describe('Analytics label given at creation, if any.'),
    originator: nullish(z.string()).describe('Name of the client that created the thread, if recorded.'),
    projectId: z.string().nullable().describe('Project the thread is assigned to; null when none.'),
    forkedFromId: nullish(z.string()).describe('The thread this one was forked from, if any.'),
    parentThreadId: nullish(z.string()).describe('For a sub-agent thread: the thread that spawned it.'),
    agentNickname: nullish(z.string()).describe('For a sub-agent thread: its nickname.'),
    agentRole: nullish(z.string()).describe('For a sub-agent thread: its role.'),
    gitInfo: nullish(GitInfoSchema).describe('Git state at creation, if the directory is a repository.'),
    name: nullish(z.string()).describe('Title the user gave the thread, if any.'),
    historyMode: ThreadHistoryModeSchema.optional().describe('How history is served (default `legacy`).'),
    section: nullish(ThreadSectionSchema).describe('Section the thread is filed under, if any.'),
    sectionEnteredAt: nullish(z.int()).describe('When it was filed there, in epoch seconds.'),
    turns: z
      .array(TurnSchema)
      .describe('The turns, filled only by `thread/resume`, `thread/fork` and `thread/read`; otherwise empty.'),
  })
  .meta({ id: 'Thread', description: 'A conversation with the agent, persisted across restarts.' });
export type Thread = z.infer<typeof ThreadSchema>;
