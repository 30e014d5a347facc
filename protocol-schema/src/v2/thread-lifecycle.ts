/** Opening a thread: `thread/start`, `thread/resume` and `thread/fork`, which share most settings. */
import * as z from 'zod';
import { experimental, nullish } from '../define.js';
import {
  AbsolutePathBufSchema,
  ApprovalsReviewerSchema,
  AskForApprovalSchema,
  LegacyAppPathStringSchema,
  PersonalitySchema,
  ReasoningEffortSchema,
  SandboxEnforcementSchema,
  SandboxPolicySchema,
  ThreadSourceSchema,
  threadSettingsOverrides,
} from './common.js';
import { ThreadSchema } from './thread.js';

export const ThreadStartSourceSchema = z.enum(['startup', 'clear']).meta({
  id: 'ThreadStartSource',
  description: 'Why a client starts a thread: at its own startup, or because the user cleared the previous one.',
});
export type ThreadStartSource = z.infer<typeof ThreadStartSourceSchema>;

export const ModeKindSchema = z
  .enum(['plan', 'default'])
  .meta({ id: 'ModeKind', description: 'A collaboration mode: plan first, or act directly.' });
export type ModeKind = z.infer<typeof ModeKindSchema>;

export const SettingsSchema = z
  .object({
    model: z.string().describe('Model used in this mode.'),
    reasoning_effort: nullish(ReasoningEffortSchema).describe('Reasoning effort used in this mode.'),
    developer_instructions: nullish(z.string()).describe('Extra developer instructions of this mode.'),
  })
  .meta({ id: 'Settings', description: 'The settings a collaboration mode applies.' });
export type Settings = z.infer<typeof SettingsSchema>;

export const CollaborationModeSchema = z
  .object({ mode: ModeKindSchema, settings: SettingsSchema })
  .meta({ id: 'CollaborationMode', description: 'The collaboration mode of a thread and its settings.' });
export type CollaborationMode = z.infer<typeof CollaborationModeSchema>;

// ---- params -----------------------------------------------------------------------------------

export const ThreadStartParamsSchema = z
  .object({
    ...threadSettingsOverrides,
    ephemeral: nullish(z.boolean()).describe('Keep the thread in memory only; it is never written to disk.'),
    personality: nullish(PersonalitySchema).describe('Legacy style setting; ignored.'),
    serviceName: nullish(z.string()).describe('Name of the calling service, for logs.'),
    sessionStartSource: nullish(ThreadStartSourceSchema).describe('Why the client starts this thread.'),
    threadSource: nullish(ThreadSourceSchema).describe('Analytics label stored with the thread.'),
  })
  .meta({ id: 'ThreadStartParams', description: 'Create a new thread; settings not given come from config.' });
export type ThreadStartParams = z.infer<typeof ThreadStartParamsSchema>;

export const ThreadResumeParamsSchema = z
  .object({
    threadId: z.string().describe('The thread to load.'),
    ...threadSettingsOverrides,
    personality: nullish(PersonalitySchema).describe('Legacy style setting; ignored.'),
    excludeTurns: z.boolean().optional().describe('Answer with an empty `turns` list to save bandwidth.'),
    afterSeq: experimental(
      z.int().nonnegative().optional(),
      'agentd extension: replay, after the response, every notification of this thread whose `seq` ' +
        'is greater than this value, so a reconnecting client misses nothing.',
    ),
  })
  .meta({
    id: 'ThreadResumeParams',
    description: 'Load a stored thread (or attach to a loaded one) and subscribe to its events.',
  });
export type ThreadResumeParams = z.infer<typeof ThreadResumeParamsSchema>;

export const ThreadForkParamsSchema = z
  .object({
    threadId: z.string().describe('The thread to copy.'),
    ...threadSettingsOverrides,
    ephemeral: z.boolean().optional().describe('Keep the copy in memory only.'),
    excludeTurns: z.boolean().optional().describe('Answer with an empty `turns` list to save bandwidth.'),
    lastTurnId: nullish(z.string()).describe('Copy history up to and including this turn only.'),
    threadSource: nullish(ThreadSourceSchema).describe('Analytics label stored with the copy.'),
  })
  .meta({ id: 'ThreadForkParams', description: 'Copy a thread’s history into a new thread with a new id.' });
export type ThreadForkParams = z.infer<typeof ThreadForkParamsSchema>;

// ---- responses --------------------------------------------------------------------------------

/** What the three responses report: the thread and the settings in force for its next turn. */
const openedThread = {
  thread: ThreadSchema,
  model: z.string().describe('Model the next turn uses.'),
  modelProvider: z.string().describe('Model provider the next turn uses.'),
  serviceTier: nullish(z.string()).describe('Service tier requested from the provider, if any.'),
  reasoningEffort: nullish(ReasoningEffortSchema).describe('Reasoning effort, if set.'),
  cwd: AbsolutePathBufSchema.describe('Working directory of the thread.'),
  approvalPolicy: AskForApprovalSchema.describe('Approval policy in force.'),
  approvalsReviewer: ApprovalsReviewerSchema.describe('Who reviews approval requests.'),
  sandbox: SandboxPolicySchema.describe('Sandbox policy in force.'),
  sandboxEnforcement: SandboxEnforcementSchema.optional().describe(
    'agentd extension: the sandbox actually enforced, which can be weaker than `sandbox` on this host.',
  ),
  instructionSources: z
    .array(LegacyAppPathStringSchema)
    .optional()
    .describe('The instruction files (AGENTS.md and friends) loaded into the prompt.'),
  disabledPluginIds: z.array(z.string()).optional().describe('Plugins turned off for this thread.'),
} as const;

export const ThreadStartResponseSchema = z
  .object(openedThread)
  .meta({ id: 'ThreadStartResponse', description: 'The new thread and its effective settings.' });
export type ThreadStartResponse = z.infer<typeof ThreadStartResponseSchema>;

export const ThreadResumeResponseSchema = z
  .object({
    ...openedThread,
    collaborationMode: nullish(CollaborationModeSchema).describe('Collaboration mode of the thread, if any.'),
    turnsBackwardsCursor: nullish(z.string()).describe('Cursor for paging older turns, where supported.'),
    itemsBackwardsCursor: nullish(z.string()).describe('Cursor for paging older items, where supported.'),
  })
  .meta({ id: 'ThreadResumeResponse', description: 'The loaded thread with its turns, and its effective settings.' });
export type ThreadResumeResponse = z.infer<typeof ThreadResumeResponseSchema>;

export const ThreadForkResponseSchema = z
  .object(openedThread)
  .meta({ id: 'ThreadForkResponse', description: 'The new copy and its effective settings.' });
export type ThreadForkResponse = z.infer<typeof ThreadForkResponseSchema>;
