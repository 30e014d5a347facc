/**
 * The MCP servers of one thread. The first time the thread needs its tools, every enabled server
 * starts in parallel (or joins a connection another thread already started); each start is
 * reported, and a server that fails is reported with a warning and left out — the thread goes on
 * without it. The tool list made then is kept for the thread's life: requests must carry the same
 * tools every time, so a server restarted later, or one that lists its tools in another order, does
 * not change what the model sees.
 */
import type { McpServerConfig } from '../config/config-schema.js';
import type { Tool } from '../tools/tool.js';
import type { ThreadNotice } from '../turn/events.js';
import { canonicalStringify } from './canonical-json.js';
import type { ConnectionPool } from './connection-pool.js';
import type { McpConnection, McpToolDescriptor } from './mcp-connection.js';
import { type McpServers, toolAllowed } from './mcp-server-config.js';
import { mcpTool } from './mcp-tool.js';
import { qualifyToolNames } from './tool-names.js';

/** A server as `mcpServerStatus/list` reports it. */
export interface McpServerStatusView {
  readonly name: string;
  readonly config: McpServerConfig;
  readonly state: 'notStarted' | 'starting' | 'connected' | 'failed' | 'disabled';
  readonly error: string | null;
  /** The tools this thread may use, by name order. */
  readonly tools: readonly McpToolDescriptor[];
  readonly toolListMeta: unknown;
  readonly serverInfo: { name: string; version: string; title?: string; websiteUrl?: string; icons?: unknown[] } | undefined;
  readonly capabilities: unknown;
}

export interface ThreadMcpOptions {
  readonly servers: McpServers;
  readonly pool: ConnectionPool;
  /** Who holds the connections in the pool (the thread id). */
  readonly user: string;
}

export class ThreadMcp {
  readonly servers: McpServers;
  readonly #options: ThreadMcpOptions;
  readonly #connections = new Map<string, McpConnection>();
  #tools: Promise<readonly Tool[]> | undefined;
  #report: (notice: ThreadNotice) => void = () => {};

  constructor(options: ThreadMcpOptions) {
    this.servers = options.servers;
    this.#options = options;
  }

  /** Where start-up notices go (the thread's listeners). */
  reportTo(report: (notice: ThreadNotice) => void): void {
    this.#report = report;
  }

  /** The thread's MCP tools; the first call starts the servers. Never rejects. */
  tools(): Promise<readonly Tool[]> {
    this.#tools ??= this.#start();
    return this.#tools;
  }

  /** Every configured server with its state, starting them first if the thread has not yet. */
  async status(): Promise<McpServerStatusView[]> {
    await this.tools();
    return Object.entries(this.servers)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, config]) => statusOf(name, config, this.#connections.get(name)));
  }

  async #start(): Promise<readonly Tool[]> {
    const enabled = Object.entries(this.servers)
      .filter(([, config]) => config.enabled)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const ready = await Promise.all(enabled.map(([name, config]) => this.#startOne(name, config)));
    const bindings = new Map<string, { config: McpServerConfig; connection: McpConnection; descriptor: McpToolDescriptor }>();
    for (const server of ready) {
      if (!server) continue;
      for (const descriptor of uniqueTools(server.connection.tools)) {
        if (!toolAllowed(server.config, descriptor.name)) continue;
        bindings.set(JSON.stringify([server.name, descriptor.name]), { config: server.config, connection: server.connection, descriptor });
      }
    }
    const names = qualifyToolNames([...bindings.keys()].map((key) => {
      const [server, tool] = JSON.parse(key) as [string, string];
      return { server, tool };
    }));
    return [...names].map(([name, ref]) => {
      const binding = bindings.get(JSON.stringify([ref.server, ref.tool]));
      if (!binding) throw new Error(`no MCP tool ${ref.server}/${ref.tool}`);
      return mcpTool({ ...binding, name, server: ref.server });
    });
  }

  async #startOne(name: string, config: McpServerConfig): Promise<{ name: string; config: McpServerConfig; connection: McpConnection } | undefined> {
    this.#report({ type: 'mcpServerStartupUpdated', name, status: 'starting', error: null });
    let connection: McpConnection;
    try {
      connection = this.#options.pool.acquire(name, config, this.#options.user);
      this.#connections.set(name, connection);
      await connection.ensureReady();
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      this.#report({ type: 'mcpServerStartupUpdated', name, status: 'failed', error: message });
      this.#report({ type: 'warning', message: `MCP server \`${name}\` failed to start: ${message}. The thread goes on without its tools.` });
      return undefined;
    }
    this.#report({ type: 'mcpServerStartupUpdated', name, status: 'ready', error: null });
    return { name, config, connection };
  }
}

/** One descriptor per tool name; a server that lists a name twice gets the same pick every time. */
function uniqueTools(tools: readonly McpToolDescriptor[]): McpToolDescriptor[] {
  const byName = new Map<string, { descriptor: McpToolDescriptor; canonical: string }>();
  for (const descriptor of tools) {
    const canonical = canonicalStringify(descriptor);
    const kept = byName.get(descriptor.name);
    if (!kept || canonical < kept.canonical) byName.set(descriptor.name, { descriptor, canonical });
  }
  return [...byName.values()].map((entry) => entry.descriptor);
}

export function statusOf(name: string, config: McpServerConfig, connection: McpConnection | undefined): McpServerStatusView {
  const base = { name, config, toolListMeta: undefined, serverInfo: undefined, capabilities: undefined, tools: [] as McpToolDescriptor[] };
  if (!config.enabled) return { ...base, state: 'disabled', error: null };
  if (!connection) return { ...base, state: 'notStarted', error: null };
  const tools = uniqueTools(connection.tools)
    .filter((tool) => toolAllowed(config, tool.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const known = { ...base, tools, toolListMeta: connection.toolListMeta, serverInfo: connection.serverInfo, capabilities: connection.capabilities };
  switch (connection.state) {
    case 'ready':
      return { ...known, state: 'connected', error: null };
    case 'starting':
      return { ...known, state: 'starting', error: null };
    case 'failed':
    case 'exited':
      return { ...known, state: 'failed', error: connection.error };
    default:
      return { ...known, state: 'notStarted', error: null };
  }
}
