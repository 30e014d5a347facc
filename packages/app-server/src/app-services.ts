/**
 * Builds what handlers work with (threads, the hub that connects them to clients). Loaded on the
 * first request after the handshake, so start-up does not pay for the agent loop, the model
 * clients and the tools.
 */
import { ThreadManager } from '@agentd/core';
import { ConfigError } from '@agentd/core/startup';
import type { AppContext, ServerInfo } from './app-context.js';
import { CommandExecSessions } from './command-exec-sessions.js';
import { ThreadHub } from './thread-hub.js';

export function createAppContext(server: ServerInfo): AppContext {
  const { config } = server;
  const threads =
    config instanceof ConfigError ? undefined : new ThreadManager({ home: server.home, config, log: server.log, version: server.version });
  return { home: server.home, version: server.version, config, threads, hub: new ThreadHub(), execs: new CommandExecSessions() };
}
