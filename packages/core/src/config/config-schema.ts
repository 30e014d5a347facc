/**
 * The shape of `AGENTD_HOME/config.toml`. Key names follow the Codex app-server's config wherever
 * the concept is shared, so a Codex user's file carries over; keys agentd does not know are kept
 * and ignored, never an error.
 */
import * as z from 'zod';

const positiveInt = z.number().int().positive();

export const ApprovalPolicySchema = z.enum(['untrusted', 'on-failure', 'on-request', 'never']);
export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;

export const SandboxModeSchema = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export type SandboxMode = z.infer<typeof SandboxModeSchema>;

export const ReasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

export const ReasoningSummarySchema = z.enum(['auto', 'concise', 'detailed', 'none']);
export type ReasoningSummary = z.infer<typeof ReasoningSummarySchema>;

export const ApprovalsReviewerSchema = z.enum(['user', 'auto_review', 'guardian_subagent']);
export type ApprovalsReviewer = z.infer<typeof ApprovalsReviewerSchema>;

export const WireApiSchema = z.enum(['responses', 'chat']);
export type WireApi = z.infer<typeof WireApiSchema>;

export const ModelProviderConfigSchema = z.looseObject({
  name: z.string().optional(),
  base_url: z.string().url().optional(),
  /** Name of the environment variable holding the API key. */
  env_key: z.string().optional(),
  wire_api: WireApiSchema.default('responses'),
  query_params: z.record(z.string(), z.string()).optional(),
  http_headers: z.record(z.string(), z.string()).optional(),
  request_max_retries: z.number().int().min(0).max(20).optional(),
  stream_max_retries: z.number().int().min(0).max(20).optional(),
  stream_idle_timeout_ms: positiveInt.optional(),
  /** agentd: the models this provider serves, listed by `model/list` (local servers have no catalog). */
  models: z.array(z.string().min(1)).optional(),
});
export type ModelProviderConfig = z.infer<typeof ModelProviderConfigSchema>;

export const McpServerConfigSchema = z
  .looseObject({
    command: z.string().optional(),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    url: z.string().url().optional(),
    bearer_token_env_var: z.string().optional(),
    enabled: z.boolean().default(true),
    startup_timeout_sec: z.number().positive().optional(),
    tool_timeout_sec: z.number().positive().optional(),
    enabled_tools: z.array(z.string()).optional(),
    disabled_tools: z.array(z.string()).optional(),
  })
  .refine((server) => (server.command === undefined) !== (server.url === undefined), {
    message: 'an MCP server needs exactly one of `command` (stdio) or `url` (streamable HTTP)',
  });
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;

export const ShellEnvironmentPolicySchema = z.looseObject({
  /** Which of the daemon's variables commands start from. */
  inherit: z.enum(['all', 'core', 'none']).default('core'),
  /** Keep variables whose names look like secrets (KEY, SECRET, TOKEN)? Off unless asked. */
  ignore_default_excludes: z.boolean().default(false),
  exclude: z.array(z.string()).default([]),
  include_only: z.array(z.string()).default([]),
  set: z.record(z.string(), z.string()).default({}),
});
export type ShellEnvironmentPolicy = z.infer<typeof ShellEnvironmentPolicySchema>;

export const SandboxWorkspaceWriteSchema = z.looseObject({
  writable_roots: z.array(z.string()).default([]),
  network_access: z.boolean().default(false),
  exclude_tmpdir_env_var: z.boolean().default(false),
  exclude_slash_tmp: z.boolean().default(false),
});

export const ConfigSchema = z.looseObject({
  model: z.string().min(1).optional(),
  model_provider: z.string().min(1).optional(),
  model_reasoning_effort: ReasoningEffortSchema.optional(),
  model_reasoning_summary: ReasoningSummarySchema.optional(),
  model_context_window: positiveInt.optional(),
  model_auto_compact_token_limit: positiveInt.optional(),
  approval_policy: ApprovalPolicySchema.optional(),
  /** Who answers approval requests. agentd has no automatic reviewer yet: `auto_review` asks the user too. */
  approvals_reviewer: ApprovalsReviewerSchema.optional(),
  service_tier: z.string().min(1).optional(),
  sandbox_mode: SandboxModeSchema.optional(),
  sandbox_workspace_write: SandboxWorkspaceWriteSchema.optional(),
  /** agentd: run commands without a sandbox when bubblewrap is unavailable (off: refuse loudly). */
  allow_unsandboxed: z.boolean().default(false),
  base_instructions: z.string().optional(),
  developer_instructions: z.string().optional(),
  project_doc_max_bytes: z.number().int().min(0).default(32 * 1024),
  project_doc_fallback_filenames: z.array(z.string()).default([]),
  model_providers: z.record(z.string(), ModelProviderConfigSchema).default({}),
  mcp_servers: z.record(z.string(), McpServerConfigSchema).default({}),
  shell_environment_policy: ShellEnvironmentPolicySchema.optional(),
  /** agentd limits; every one has a sensible default. */
  limits: z
    .looseObject({
      max_message_bytes: positiveInt.optional(),
      stdout_backlog_bytes: positiveInt.optional(),
      idle_thread_unload_sec: z.number().min(0).optional(),
    })
    .optional(),
});
export type Config = z.infer<typeof ConfigSchema>;
