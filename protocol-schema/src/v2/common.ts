/**
 * Primitives shared by many v2 messages: paths, the approval and sandbox settings, reasoning knobs,
 * and the sandbox agentd actually enforces (an agentd extension).
 */
import * as z from 'zod';
import { nullish } from '../define.js';

export { RequestIdSchema, type RequestId } from '../jsonrpc.js';

export const AbsolutePathBufSchema = z
  .string()
  .meta({ id: 'AbsolutePathBuf', description: 'An absolute, normalized filesystem path on the server host.' });
export type AbsolutePathBuf = z.infer<typeof AbsolutePathBufSchema>;

export const LegacyAppPathStringSchema = z.string().meta({
  id: 'LegacyAppPathString',
  description: 'A filesystem path as the server reports it, not guaranteed to be normalized.',
});
export type LegacyAppPathString = z.infer<typeof LegacyAppPathStringSchema>;

export const ThreadIdSchema = z
  .string()
  .meta({ id: 'ThreadId', description: 'The opaque identifier of a thread (a UUID in practice).' });
export type ThreadId = z.infer<typeof ThreadIdSchema>;

export const GranularAskForApprovalSchema = z
  .object({
    sandbox_approval: z.boolean().describe('Ask before a command leaves the sandbox.'),
    rules: z.boolean().describe('Ask when a command-policy rule says to prompt.'),
    mcp_elicitations: z.boolean().describe('Forward MCP servers’ elicitation requests to the user.'),
    request_permissions: z.boolean().optional().describe('Ask when the model requests extra permissions.'),
    skill_approval: z.boolean().optional().describe('Ask before a skill runs.'),
  })
  .describe('Per-category switches: `true` means the user is asked, `false` means it is refused.');

export const AskForApprovalSchema = z
  .union([
    z.enum(['untrusted', 'on-request', 'never']),
    z.object({ granular: GranularAskForApprovalSchema }),
  ])
  .meta({
    id: 'AskForApproval',
    description:
      'When the user is asked before the agent acts: `untrusted` asks for everything except ' +
      'known-safe reads, `on-request` lets the model ask to leave the sandbox, `never` never asks ' +
      '(failures go back to the model). The object form sets each category separately.',
  });
export type AskForApproval = z.infer<typeof AskForApprovalSchema>;

export const ApprovalsReviewerSchema = z.enum(['user', 'auto_review', 'guardian_subagent']).meta({
  id: 'ApprovalsReviewer',
  description:
    'Who decides approval requests. agentd routes every request to the user (`user`); the other ' +
    'values are accepted for compatibility.',
});
export type ApprovalsReviewer = z.infer<typeof ApprovalsReviewerSchema>;

export const SandboxModeSchema = z.enum(['read-only', 'workspace-write', 'danger-full-access']).meta({
  id: 'SandboxMode',
  description:
    'The coarse sandbox setting, as in `sandbox_mode` of config.toml: read everything and write ' +
    'nothing, write inside the workspace, or no sandbox at all.',
});
export type SandboxMode = z.infer<typeof SandboxModeSchema>;

export const NetworkAccessSchema = z.enum(['restricted', 'enabled']).meta({
  id: 'NetworkAccess',
  description: 'Whether commands in an externally provided sandbox may use the network.',
});
export type NetworkAccess = z.infer<typeof NetworkAccessSchema>;

export const SandboxPolicySchema = z
  .discriminatedUnion('type', [
    z
      .object({ type: z.literal('dangerFullAccess') })
      .describe('No sandbox: commands run with the full rights of the server user.'),
    z
      .object({
        type: z.literal('readOnly'),
        networkAccess: z.boolean().optional().describe('Allow network access (default false).'),
      })
      .describe('Commands may read the whole filesystem but write nothing.'),
    z
      .object({
        type: z.literal('externalSandbox'),
        networkAccess: NetworkAccessSchema.optional().describe('Network access (default `restricted`).'),
      })
      .describe('The server already runs inside a sandbox someone else set up; add none.'),
    z
      .object({
        type: z.literal('workspaceWrite'),
        writableRoots: z
          .array(AbsolutePathBufSchema)
          .optional()
          .describe('Extra writable directories besides the working directory (default none).'),
        networkAccess: z.boolean().optional().describe('Allow network access (default false).'),
        excludeTmpdirEnvVar: z.boolean().optional().describe('Do not make `$TMPDIR` writable (default false).'),
        excludeSlashTmp: z.boolean().optional().describe('Do not make `/tmp` writable (default false).'),
      })
      .describe('Commands may write inside the working directory and the writable roots only.'),
  ])
  .meta({ id: 'SandboxPolicy', description: 'The detailed sandbox a command or turn runs under.' });
export type SandboxPolicy = z.infer<typeof SandboxPolicySchema>;

export const SandboxEnforcementSchema = z
  .object({
    mechanism: z
      .enum(['bubblewrap', 'none'])
      .describe('What enforces the sandbox: `bubblewrap` on Linux, `none` when nothing does.'),
    writableRoots: z.array(z.string()).describe('Directories commands can write to, as enforced.'),
    readOnlyPaths: z
      .array(z.string())
      .describe('Paths kept read-only even inside a writable root (for example `.git`).'),
    networkAccess: z.boolean().describe('Whether commands can reach the network.'),
  })
  .meta({
    id: 'SandboxEnforcement',
    description:
      'agentd extension: the sandbox the server actually enforces for this thread, which may be ' +
      'weaker than the requested policy when the host cannot provide it.',
  });
export type SandboxEnforcement = z.infer<typeof SandboxEnforcementSchema>;

export const ReasoningEffortSchema = z.string().min(1).meta({
  id: 'ReasoningEffort',
  description: 'How hard the model should think, as a model-defined name such as `low`, `medium` or `high`.',
});
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

export const ReasoningSummarySchema = z.enum(['auto', 'concise', 'detailed', 'none']).meta({
  id: 'ReasoningSummary',
  description: 'How much of its reasoning the model summarizes for the user; `none` turns summaries off.',
});
export type ReasoningSummary = z.infer<typeof ReasoningSummarySchema>;

export const PersonalitySchema = z.enum(['none', 'friendly', 'pragmatic']).meta({
  id: 'Personality',
  description: 'A legacy response-style setting; accepted for compatibility, it has no effect.',
});
export type Personality = z.infer<typeof PersonalitySchema>;

export const VerbositySchema = z.enum(['low', 'medium', 'high']).meta({
  id: 'Verbosity',
  description: 'How long and detailed the model’s answers should be, for models that support it.',
});
export type Verbosity = z.infer<typeof VerbositySchema>;

export const SortDirectionSchema = z
  .enum(['asc', 'desc'])
  .meta({ id: 'SortDirection', description: 'Ascending or descending order.' });
export type SortDirection = z.infer<typeof SortDirectionSchema>;

export const ThreadSourceSchema = z.string().meta({
  id: 'ThreadSource',
  description: 'A free-form label saying which product surface created a thread, for analytics.',
});
export type ThreadSource = z.infer<typeof ThreadSourceSchema>;

/** The fields `thread/start`, `thread/resume` and `thread/fork` share for overriding thread settings. */
export const threadSettingsOverrides = {
  model: nullish(z.string()).describe('Use this model instead of the configured one.'),
  modelProvider: nullish(z.string()).describe('Use this model provider (a key of `model_providers`).'),
  serviceTier: nullish(z.string()).describe('Ask the provider for this service tier.'),
  cwd: nullish(z.string()).describe('Working directory of the thread; defaults to the server’s.'),
  approvalPolicy: nullish(AskForApprovalSchema).describe('When to ask the user before acting.'),
  approvalsReviewer: nullish(ApprovalsReviewerSchema).describe('Who reviews approval requests.'),
  sandbox: nullish(SandboxModeSchema).describe('The sandbox commands of this thread run in.'),
  config: nullish(z.record(z.string(), z.unknown())).describe(
    'Config overrides as dotted keys of config.toml, e.g. `{"model_reasoning_effort": "high"}`.',
  ),
  baseInstructions: nullish(z.string()).describe('Replace the built-in base instructions.'),
  developerInstructions: nullish(z.string()).describe('Extra instructions sent as a developer message.'),
} as const;

/** Paging parameters every list method accepts. */
export const pageParams = {
  cursor: nullish(z.string()).describe('Continue after the page that returned this cursor.'),
  limit: nullish(z.int().nonnegative()).describe('Largest number of entries to return.'),
} as const;

/** When an item started and completed; every ThreadItem variant carries these beside its own fields. */
export const itemTimes = {
  startedAtMs: nullish(z.int()).describe('When the item started, in epoch milliseconds, if known.'),
  completedAtMs: nullish(z.int()).describe('When the item completed, in epoch milliseconds; null while running.'),
} as const;
