/**
 * The `config` map of thread/start (and resume, fork): config.toml keys that apply to one thread.
 * Keys are top-level names (`"model"`), nested tables (`{"sandbox_workspace_write": {…}}`) or dotted
 * paths (`"sandbox_workspace_write.network_access"`). The keys below change the thread's settings;
 * a value they refuse is an error naming the key. `mcp_servers` gives the thread its own MCP servers,
 * merged over config.toml's (core checks the table and names a bad key). Every other key (`features`, `skills`,
 * `projects.<cwd>.trust_level`, …) is ignored with one log line, never an error, so a client written
 * for the Codex app-server can send its usual overrides.
 */
import { type Config, ConfigSchema, type Logger, policyForMode, setPath, type ThreadOverrides } from '@agentd/core';
import { invalidParams } from '../errors.js';

type SettingKey =
  | 'model'
  | 'model_provider'
  | 'model_reasoning_effort'
  | 'model_reasoning_summary'
  | 'approval_policy'
  | 'approvals_reviewer'
  | 'sandbox_mode'
  | 'sandbox_workspace_write'
  | 'developer_instructions'
  | 'base_instructions'
  | 'service_tier';

/** The keys that change a thread's settings, each checked by config.toml's own rule for it. */
const SETTING_KEYS: Readonly<Record<string, SettingKey>> = {
  model: 'model',
  model_provider: 'model_provider',
  model_reasoning_effort: 'model_reasoning_effort',
  model_reasoning_summary: 'model_reasoning_summary',
  approval_policy: 'approval_policy',
  approvals_reviewer: 'approvals_reviewer',
  sandbox_mode: 'sandbox_mode',
  sandbox_workspace_write: 'sandbox_workspace_write',
  developer_instructions: 'developer_instructions',
  base_instructions: 'base_instructions',
  // The reference's name for replacement base instructions.
  instructions: 'base_instructions',
  service_tier: 'service_tier',
};

/**
 * The thread overrides a `config` map asks for. `defaults` is the daemon's configuration: a
 * `sandbox_workspace_write` table given alone refines the configured workspace-write sandbox.
 */
export function threadConfigOverrides(config: Readonly<Record<string, unknown>>, defaults: Config, log: Logger): ThreadOverrides {
  const tables = expandDottedKeys(config);
  const values: Partial<Pick<Config, SettingKey>> = {};
  const ignored: string[] = [];
  let mcpServers: unknown;
  for (const [key, value] of Object.entries(tables)) {
    if (key === 'mcp_servers') {
      mcpServers = value;
      continue;
    }
    const setting = Object.hasOwn(SETTING_KEYS, key) ? SETTING_KEYS[key] : undefined;
    if (!setting) {
      ignored.push(key);
      continue;
    }
    if (value === null || value === undefined) continue;
    const parsed = ConfigSchema.shape[setting].safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      throw invalidParams(`config.${key}${where}: ${issue?.message ?? 'invalid value'}`, { key, issues: parsed.error.issues });
    }
    // A sandbox_workspace_write table keeps only what it sets, so the configured rest still applies.
    (values as Record<string, unknown>)[setting] = setting === 'sandbox_workspace_write' ? value : parsed.data;
  }
  if (ignored.length > 0) log.info({ keys: ignored.sort() }, 'ignored thread config overrides agentd does not use');

  const overrides: ThreadOverrides = {};
  if (mcpServers !== undefined && mcpServers !== null) overrides.mcpServers = mcpServers;
  if (values.model !== undefined) overrides.model = values.model;
  if (values.model_provider !== undefined) overrides.modelProvider = values.model_provider;
  if (values.model_reasoning_effort !== undefined) overrides.effort = values.model_reasoning_effort;
  if (values.model_reasoning_summary !== undefined) overrides.summary = values.model_reasoning_summary;
  if (values.approval_policy !== undefined) overrides.approvalPolicy = values.approval_policy;
  if (values.approvals_reviewer !== undefined) overrides.approvalsReviewer = values.approvals_reviewer === 'user' ? 'user' : 'auto_review';
  if (values.developer_instructions !== undefined) overrides.developerInstructions = values.developer_instructions;
  if (values.base_instructions !== undefined) overrides.baseInstructions = values.base_instructions;
  if (values.service_tier !== undefined) overrides.serviceTier = values.service_tier;
  const mode = values.sandbox_mode ?? (values.sandbox_workspace_write ? (defaults.sandbox_mode ?? 'workspace-write') : undefined);
  if (mode) overrides.sandboxPolicy = policyForMode(mode, { ...defaults.sandbox_workspace_write, ...values.sandbox_workspace_write });
  return overrides;
}

/** `{"a.b": 1}` → `{a: {b: 1}}`; nested tables are kept as they are. */
function expandDottedKeys(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const expanded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const path = key.split('.');
    if (path.length === 1 || path.some((part) => part.length === 0)) {
      expanded[key] = mergeTables(expanded[key], value);
      continue;
    }
    const [head] = path as [string];
    const table: Record<string, unknown> = {};
    setPath(table, path.slice(1), value);
    expanded[head] = mergeTables(expanded[head], table);
  }
  return expanded;
}

function mergeTables(existing: unknown, value: unknown): unknown {
  if (!isTable(existing) || !isTable(value)) return value;
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, inner] of Object.entries(value)) merged[key] = mergeTables(merged[key], inner);
  return merged;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
