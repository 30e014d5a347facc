/**
 * `agentd app-server`: one connection on stdin/stdout until the client closes stdin or the daemon
 * is told to stop. Shutdown finishes what is being written, stops children, and exits 0.
 */
import { mkdirSync } from 'node:fs';
import { ConfigError, type ConfigOverride, type Logger, loadConfig, ThreadManager } from '@agentd/core';
import type { AppContext } from './app-context.js';
import { Connection } from './connection.js';
import { handlers } from './handlers/index.js';
import { DEFAULT_IDLE_UNLOAD_MS, IdleSweeper } from './idle-sweeper.js';
import { ThreadHub } from './thread-hub.js';
import { unloadThread } from './thread-unload.js';

export interface AppServerOptions {
  readonly home: string;
  readonly version: string;
  readonly overrides: readonly ConfigOverride[];
  readonly log: Logger;
  readonly input: NodeJS.ReadableStream & import('node:stream').Readable;
  readonly output: NodeJS.WritableStream & import('node:stream').Writable;
}

const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const DEFAULT_BACKLOG_BYTES = 32 * 1024 * 1024;

export async function runAppServer(options: AppServerOptions): Promise<number> {
  const { log } = options;
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  const config = loadConfigOrError(options, log);
  const threads =
    config instanceof ConfigError ? undefined : new ThreadManager({ home: options.home, config, log, version: options.version });
  const hub = new ThreadHub({ home: options.home, onUnused: () => sweeper.poke() });
  const app: AppContext = { home: options.home, version: options.version, config, threads, hub };
  const limits = config instanceof ConfigError ? undefined : config.config.limits;
  const connection = new Connection({
    input: options.input,
    output: options.output,
    app,
    handlers,
    log,
    maxMessageBytes: limits?.max_message_bytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    backlogHighWaterMark: limits?.stdout_backlog_bytes ?? DEFAULT_BACKLOG_BYTES,
    beforeWrite: () => hub.flushLogs(),
  });
  hub.addConnection(connection);
  const idleSec = limits?.idle_thread_unload_sec;
  const sweeper = new IdleSweeper({
    idleMs: idleSec === undefined ? DEFAULT_IDLE_UNLOAD_MS : idleSec * 1000,
    hub,
    unload: (threadId) => unloadThread(app, threadId),
    log,
  });

  const stopSignal = new Promise<string>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve(signal));
  });
  connection.listen();
  log.debug({ home: options.home }, 'app-server listening on stdio');
  const reason = await Promise.race([connection.closed.then(() => 'stdin closed'), stopSignal]);
  log.debug({ reason }, 'app-server shutting down');
  sweeper.stop();
  await threads?.shutdown();
  hub.close();
  await connection.close();
  return 0;
}

function loadConfigOrError(options: AppServerOptions, log: Logger): AppContext['config'] {
  try {
    return loadConfig(options.home, options.overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(error.message);
      return error;
    }
    throw error;
  }
}
