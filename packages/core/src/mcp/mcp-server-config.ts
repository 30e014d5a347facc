/**
 * Which MCP servers a thread uses: those of config.toml, with the thread's own `mcp_servers`
 * (from `thread/start`'s `config`) merged over them. A thread's entry that names a transport
 * (`command` or `url`) replaces config.toml's entry of that name; one that does not (say
 * `{ enabled = false }` or `{ tool_timeout_sec = 5 }`) changes only the keys it gives.
 */
import { type McpServerConfig, McpServerConfigSchema } from '../config/config-schema.js';
import { invalidArgument } from '../errors.js';
import { canonicalStringify } from './canonical-json.js';

/** Codex's defaults: ten seconds to start, a minute per tool call. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;

export type McpServers = Readonly<Record<string, McpServerConfig>>;

export function resolveMcpServers(base: McpServers, overrides: unknown): McpServers {
  if (overrides === undefined || overrides === null) return base;
  if (!isTable(overrides)) throw invalidArgument('config `mcp_servers` must be a table of servers by name');
  const servers: Record<string, McpServerConfig> = { ...base };
  for (const [name, entry] of Object.entries(overrides)) {
    if (name.length === 0) throw invalidArgument('config `mcp_servers` has a server with an empty name');
    if (!isTable(entry)) throw invalidArgument(`config \`mcp_servers.${name}\` must be a table`);
    const namesTransport = entry.command !== undefined || entry.url !== undefined;
    const merged = namesTransport ? entry : { ...(base[name] ?? {}), ...entry };
    const parsed = McpServerConfigSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = ['mcp_servers', name, ...(issue?.path.map(String) ?? [])].join('.');
      throw invalidArgument(`config \`${key}\`: ${issue?.message ?? 'invalid'}`);
    }
    servers[name] = parsed.data;
  }
  return servers;
}

export function startupTimeoutMs(config: McpServerConfig): number {
  return config.startup_timeout_sec === undefined ? DEFAULT_STARTUP_TIMEOUT_MS : Math.round(config.startup_timeout_sec * 1000);
}

export function toolTimeoutMs(config: McpServerConfig): number {
  return config.tool_timeout_sec === undefined ? DEFAULT_TOOL_TIMEOUT_MS : Math.round(config.tool_timeout_sec * 1000);
}

/**
 * What makes two servers the same connection: name and how it is reached. Threads whose servers
 * agree on these share one process (or HTTP session); tool filters and timeouts stay per thread.
 */
export function connectionKey(name: string, config: McpServerConfig): string {
  return canonicalStringify([
    name,
    {
      command: config.command,
      args: config.args,
      env: config.env,
      cwd: config.cwd,
      url: config.url,
      bearer_token_env_var: config.bearer_token_env_var,
      startup_timeout_sec: config.startup_timeout_sec,
    },
  ]);
}

/** Whether the thread may see a tool: `enabled_tools` (when given) lets it in, `disabled_tools` keeps it out. */
export function toolAllowed(config: McpServerConfig, tool: string): boolean {
  if (config.enabled_tools && !config.enabled_tools.includes(tool)) return false;
  return !config.disabled_tools?.includes(tool);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
