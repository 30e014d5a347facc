/**
 * Logging for the daemon: structured lines on stderr (stdout carries the protocol alone). pino is
 * loaded on the first line actually logged, so a quiet start-up does not pay for it.
 */
import { createRequire } from 'node:module';
import type { Logger as PinoLogger } from 'pino';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface Logger {
  trace(fields: object | string, message?: string): void;
  debug(fields: object | string, message?: string): void;
  info(fields: object | string, message?: string): void;
  warn(fields: object | string, message?: string): void;
  error(fields: object | string, message?: string): void;
  child(bindings: object): Logger;
  /** Writes out what is buffered (before exit). */
  flush(): void;
}

const levelRank: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const lower = value?.trim().toLowerCase();
  return lower && lower in levelRank ? (lower as LogLevel) : fallback;
}

/** A logger writing JSON lines to file descriptor 2 at `level` and above. */
export function createLogger(level: LogLevel): Logger {
  let root: PinoLogger | undefined;
  const getRoot = (): PinoLogger => {
    if (!root) {
      const require = createRequire(import.meta.url);
      const pino = require('pino') as typeof import('pino');
      root = pino.pino({ level, base: { name: 'agentd' } }, pino.destination({ fd: 2, sync: true }));
    }
    return root;
  };
  return lazyLogger(level, getRoot, {});
}

function lazyLogger(level: LogLevel, getRoot: () => PinoLogger, bindings: object): Logger {
  const threshold = levelRank[level];
  let target: PinoLogger | undefined;
  const resolve = () => (target ??= Object.keys(bindings).length > 0 ? getRoot().child(bindings) : getRoot());
  const at = (name: Exclude<LogLevel, 'silent' | 'fatal'>) => (fields: object | string, message?: string) => {
    if (levelRank[name] < threshold) return;
    if (typeof fields === 'string') resolve()[name](fields);
    else resolve()[name](fields, message);
  };
  return {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more: object) => lazyLogger(level, getRoot, { ...bindings, ...more }),
    flush: () => target?.flush(),
  };
}

/** A logger that drops everything, for tests and embedders that bring their own. */
export const silentLogger: Logger = createLogger('silent');
