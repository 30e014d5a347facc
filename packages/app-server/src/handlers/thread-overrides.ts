/**
 * The settings thread/start, thread/resume and thread/fork share, from their params to core's
 * overrides. Unknown `config` keys are ignored with a log line, never an error. `config` keys are
 * config.toml keys, whole tables (`mcp_servers`) or dotted paths into them
 * (`mcp_servers.docs.enabled`), as with `-c`.
 */
import { type Logger, setPath, type ThreadOverrides } from '@agentd/core';

interface ThreadSettingsParams {
  model?: string | null;
  modelProvider?: string | null;
  cwd?: string | null;
  approvalPolicy?: unknown;
  approvalsReviewer?: string | null;
  sandbox?: 'read-only' | 'workspace-write' | 'danger-full-access' | null;
  baseInstructions?: string | null;
  developerInstructions?: string | null;
  serviceTier?: string | null;
  config?: Record<string, unknown> | null;
}

export function threadOverrides(params: ThreadSettingsParams, log: Logger): ThreadOverrides {
  const overrides: ThreadOverrides = {
    model: params.model ?? null,
    modelProvider: params.modelProvider ?? null,
    cwd: params.cwd ?? null,
    approvalPolicy: approvalPolicyOf(params.approvalPolicy),
    approvalsReviewer: params.approvalsReviewer === 'auto_review' ? 'auto_review' : params.approvalsReviewer === 'user' ? 'user' : null,
    sandbox: params.sandbox ?? null,
    baseInstructions: params.baseInstructions ?? null,
    developerInstructions: params.developerInstructions ?? null,
    serviceTier: params.serviceTier ?? null,
  };
  const config = params.config ?? {};
  let mcpServers: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(config)) {
    if (key === 'model_reasoning_effort' && typeof value === 'string') overrides.effort = value as ThreadOverrides['effort'];
    else if (key === 'mcp_servers' || key.startsWith('mcp_servers.')) mcpServers = withMcpServers(mcpServers, key, value);
    else log.info({ key }, 'ignored an unknown thread config override');
  }
  if (mcpServers) overrides.mcpServers = mcpServers.mcp_servers;
  return overrides;
}

/** Adds one `mcp_servers` key to the table built so far; a whole table merges server by server. */
function withMcpServers(table: Record<string, unknown> | undefined, key: string, value: unknown): Record<string, unknown> {
  const result = table ?? {};
  if (key === 'mcp_servers' && isTable(value)) {
    for (const [name, server] of Object.entries(value)) setPath(result, ['mcp_servers', name], server);
  } else {
    // A value that is not a table is passed on as it is, for core to refuse with a clear message.
    setPath(result, key.split('.'), value);
  }
  return result;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A protocol approval policy as core's; the granular form counts as on-request. */
export function approvalPolicyOf(value: unknown): ThreadOverrides['approvalPolicy'] {
  if (value === 'untrusted' || value === 'on-request' || value === 'never' || value === 'on-failure') return value;
  if (typeof value === 'object' && value !== null) return 'on-request';
  return null;
}
