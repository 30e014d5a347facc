/**
 * The daemon's MCP connections, shared: threads whose server of one name is reached the same way
 * (same command, arguments, environment, URL) use one process or HTTP session. A connection lives
 * while a thread uses it and closes with its last user, or when the daemon shuts down.
 */
import type { McpServerConfig } from '../config/config-schema.js';
import type { Logger } from '../logging.js';
import { McpConnection } from './mcp-connection.js';
import { connectionKey } from './mcp-server-config.js';

export interface ConnectionPoolOptions {
  readonly log: Logger;
  readonly clientVersion: string;
  readonly env: NodeJS.ProcessEnv;
}

interface Entry {
  readonly connection: McpConnection;
  readonly users: Set<string>;
}

export class ConnectionPool {
  readonly #options: ConnectionPoolOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #closing = new Set<Promise<void>>();
  #shutDown = false;

  constructor(options: ConnectionPoolOptions) {
    this.#options = options;
  }

  /** The shared connection for this server, recorded as used by `user`. Nothing starts yet. */
  acquire(name: string, config: McpServerConfig, user: string): McpConnection {
    if (this.#shutDown) throw new Error('the daemon is shutting down');
    const key = connectionKey(name, config);
    let entry = this.#entries.get(key);
    if (!entry) {
      const connection = new McpConnection({ name, config, log: this.#options.log, clientVersion: this.#options.clientVersion, env: this.#options.env });
      entry = { connection, users: new Set() };
      this.#entries.set(key, entry);
    }
    entry.users.add(user);
    return entry.connection;
  }

  /** `user` is done with its connections; those nobody else uses are closed. */
  release(user: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, entry] of this.#entries) {
      if (!entry.users.delete(user) || entry.users.size > 0) continue;
      this.#entries.delete(key);
      closing.push(this.#track(entry.connection.close()));
    }
    return Promise.all(closing).then(() => undefined);
  }

  get connections(): readonly McpConnection[] {
    return [...this.#entries.values()].map((entry) => entry.connection);
  }

  /** Closes every connection (daemon shutdown) and waits for the servers to go. */
  async shutdown(): Promise<void> {
    this.#shutDown = true;
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    for (const entry of entries) this.#track(entry.connection.close());
    await Promise.all([...this.#closing]);
  }

  #track(closing: Promise<void>): Promise<void> {
    const tracked = closing
      .catch((error: unknown) => this.#options.log.warn({ err: error }, 'closing an MCP connection failed'))
      .finally(() => this.#closing.delete(tracked));
    this.#closing.add(tracked);
    return tracked;
  }
}
