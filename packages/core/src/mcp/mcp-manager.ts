/**
 * MCP for the whole daemon: the shared connection pool, and each thread's servers (config.toml's,
 * with what the thread asked for at `thread/start` merged over them). Nothing starts until a thread
 * needs its tools or a client asks for the servers' status.
 */
import type { Logger } from '../logging.js';
import type { Tool } from '../tools/tool.js';
import type { ThreadNotice } from '../turn/events.js';
import { ConnectionPool } from './connection-pool.js';
import { type McpServers, resolveMcpServers } from './mcp-server-config.js';
import { type McpServerStatusView, ThreadMcp } from './thread-mcp.js';

export interface McpManagerOptions {
  /** config.toml's `mcp_servers`. */
  readonly servers: McpServers;
  readonly log: Logger;
  readonly clientVersion: string;
  readonly env: NodeJS.ProcessEnv;
}

/** What the manager needs of a thread. */
export interface McpThread {
  readonly id: string;
  report(notice: ThreadNotice): void;
}

export class McpManager {
  readonly #options: McpManagerOptions;
  readonly #pool: ConnectionPool;
  readonly #threads = new Map<string, ThreadMcp>();
  #statusRequests = 0;

  constructor(options: McpManagerOptions) {
    this.#options = options;
    this.#pool = new ConnectionPool({ log: options.log, clientVersion: options.clientVersion, env: options.env });
  }

  /** A thread's servers from its `mcp_servers` overrides; throws INVALID_ARGUMENT for a bad table. */
  resolve(overrides: unknown): McpServers {
    return resolveMcpServers(this.#options.servers, overrides);
  }

  /** Gives a thread its own servers (at thread start); a thread never configured uses config.toml's. */
  configure(threadId: string, servers: McpServers): void {
    this.#threads.set(threadId, this.#threadMcp(threadId, servers));
  }

  /** The thread's MCP tools, starting its servers the first time. */
  tools(thread: McpThread): Promise<readonly Tool[]> {
    return this.#forThread(thread).tools();
  }

  /** The thread's servers and their state (they start if the thread has not started them yet). */
  threadStatus(thread: McpThread): Promise<McpServerStatusView[]> {
    return this.#forThread(thread).status();
  }

  /**
   * config.toml's servers and their state, for a client that names no thread: they are started
   * (sharing connections threads already hold) and let go of afterwards.
   */
  async configStatus(): Promise<McpServerStatusView[]> {
    const user = `status-request-${++this.#statusRequests}`;
    const view = this.#threadMcp(user, this.#options.servers);
    try {
      return await view.status();
    } finally {
      await this.#pool.release(user);
    }
  }

  /** The thread is unloaded: its connections close unless another thread uses them. */
  async release(threadId: string): Promise<void> {
    this.#threads.delete(threadId);
    await this.#pool.release(threadId);
  }

  /** Stops every MCP server (daemon shutdown). */
  async shutdown(): Promise<void> {
    this.#threads.clear();
    await this.#pool.shutdown();
  }

  #forThread(thread: McpThread): ThreadMcp {
    let view = this.#threads.get(thread.id);
    if (!view) {
      view = this.#threadMcp(thread.id, this.#options.servers);
      this.#threads.set(thread.id, view);
    }
    view.reportTo((notice) => thread.report(notice));
    return view;
  }

  #threadMcp(user: string, servers: McpServers): ThreadMcp {
    return new ThreadMcp({ servers, pool: this.#pool, user });
  }
}
