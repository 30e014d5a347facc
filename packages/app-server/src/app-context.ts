/**
 * What every handler can reach that outlives a single request: the daemon's home, its
 * configuration (or the reason it could not be loaded), its threads, and who follows them.
 */
import type { ThreadManager } from '@agentd/core';
import type { ConfigError, ConfigSources, LoadedConfig, Logger } from '@agentd/core/startup';
import type { CommandExecSessions } from './command-exec-sessions.js';
import type { ThreadHub } from './thread-hub.js';

/** What the daemon knows from the start, before anything is loaded lazily. */
export interface ServerInfo {
  /** `AGENTD_HOME`, absolute. */
  readonly home: string;
  readonly version: string;
  /** The configuration as read (validated when the agent loads), or why it could not be read. */
  readonly config: ConfigSources | ConfigError;
  readonly log: Logger;
}

export interface AppContext {
  readonly home: string;
  readonly version: string;
  /** The validated configuration, or the error that explains why it could not be loaded. */
  readonly config: LoadedConfig | ConfigError;
  /** The threads; undefined when the configuration could not be loaded. */
  readonly threads: ThreadManager | undefined;
  readonly hub: ThreadHub;
  /** The running `command/exec` processes, by connection and process id. */
  readonly execs: CommandExecSessions;
  /** Interrupts and writes out every thread, then closes their event logs (daemon shutdown). */
  shutdown(): Promise<void>;
}

/** The configuration, or the config error thrown so the request fails with a clear message. */
export function requireConfig(app: AppContext): LoadedConfig {
  if ('config' in app.config) return app.config;
  throw app.config;
}

/** The thread manager, or the config error that keeps it from existing. */
export function requireThreads(app: AppContext): ThreadManager {
  if (app.threads) return app.threads;
  throw app.config;
}
