/**
 * `agentd app-server`: one connection on stdin/stdout until the client closes stdin or the daemon
 * is told to stop. Shutdown finishes what is being written, stops children, and exits 0.
 *
 * Start-up loads only what the handshake needs; the agent (threads, model clients, tools) is
 * loaded right after the first answer, while the client reads it.
 */
import { mkdirSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { ConfigError, type ConfigOverride, type ConfigSources, type Logger, readConfigSources } from '@agentd/core/startup';
import type { AppContext, ServerInfo } from './app-context.js';
import { Connection } from './connection.js';
import { whenQuiet } from './quiet-time.js';

export interface AppServerOptions {
  readonly home: string;
  readonly version: string;
  readonly overrides: readonly ConfigOverride[];
  readonly log: Logger;
  readonly input: Readable;
  readonly output: Writable;
  /** Stop on SIGTERM, SIGINT and SIGHUP (default true); `agentd exec` handles Ctrl-C itself. */
  readonly handleSignals?: boolean;
}

/** The sandbox probe waits for the client's requests to be done with for this long (see quiet-time.ts). */
const PROBE_QUIET_MS = 100;
const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const DEFAULT_BACKLOG_BYTES = 32 * 1024 * 1024;
/**
 * Streaming output waits for the client from this much unread on (or the backlog limit, if lower):
 * a client that reads holds the backlog far below it, one that lags makes the model stream wait
 * instead of the daemon's memory grow.
 */
const PACE_BYTES = 1024 * 1024;

export async function runAppServer(options: AppServerOptions): Promise<number> {
  const { log } = options;
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  const config = readConfigOrError(options);
  const server: ServerInfo = { home: options.home, version: options.version, config, log };
  let app: Promise<AppContext> | undefined;
  let loaded: AppContext | undefined;
  let cancelProbe: (() => void) | undefined;
  const loadApp = () =>
    (app ??= import('./app-services.js').then(({ createAppContext }) => {
      const context = (loaded = createAppContext(server));
      context.hub.addConnection(connection);
      cancelProbe = whenQuiet(connection, PROBE_QUIET_MS, () => context.threads?.probeSandbox());
      return context;
    }));
  const limits = config instanceof ConfigError ? {} : connectionLimits(config);
  const connection = new Connection({
    input: options.input,
    output: options.output,
    server,
    loadApp,
    log,
    maxMessageBytes: limits.max_message_bytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    backlog: backlogMarks(limits.stdout_backlog_bytes ?? DEFAULT_BACKLOG_BYTES),
    // A thread's event log is written before the client can see what it holds.
    beforeWrite: () => loaded?.hub.flushLogs(),
  });

  // A last resort: an error nobody caught is logged, and the daemon keeps serving its client rather
  // than dropping every thread at once. Such errors are bugs; the log says where.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception'));

  const stopSignal = new Promise<string>((resolve) => {
    if (options.handleSignals === false) return;
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve(signal));
  });
  connection.listen();
  log.debug({ home: options.home }, 'app-server listening on stdio');
  const reason = await Promise.race([connection.closed.then(() => 'stdin closed'), stopSignal]);
  log.debug({ reason }, 'app-server shutting down');
  cancelProbe?.();
  if (app) await (await app).shutdown();
  await connection.close();
  return 0;
}

function backlogMarks(limit: number): { pace: number; refuse: number } {
  return { pace: Math.min(PACE_BYTES, limit), refuse: limit };
}

/** The file as written; its validation (and the error a bad one gets) comes with the agent. */
function readConfigOrError(options: AppServerOptions): ConfigSources | ConfigError {
  try {
    return readConfigSources(options.home, options.overrides);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/**
 * The limits the connection needs before its first answer, taken from the file before it is
 * validated: a value that is not a positive integer is left out here and reported by validation.
 */
function connectionLimits(config: ConfigSources): { max_message_bytes?: number; stdout_backlog_bytes?: number } {
  const limits = config.merged.limits;
  if (typeof limits !== 'object' || limits === null) return {};
  const positive = (value: unknown) => (Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined);
  const table = limits as Record<string, unknown>;
  return { max_message_bytes: positive(table.max_message_bytes), stdout_backlog_bytes: positive(table.stdout_backlog_bytes) };
}
