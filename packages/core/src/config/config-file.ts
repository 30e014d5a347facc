/**
 * Reading `AGENTD_HOME/config.toml` and applying `-c` overrides, without validating the result.
 * Kept apart from validation (load-config.ts) because building the config schema is among the
 * costliest things start-up does: the daemon reads the file before its first answer (it needs its
 * connection limits) and validates it right after.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { AgentdError } from '../errors.js';
import { applyOverrides, type ConfigOverride } from './overrides.js';

export class ConfigError extends AgentdError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly key: string | undefined,
    readonly detail: string,
  ) {
    const where = line === undefined ? file : `${file}:${line}`;
    super('CONFIG_INVALID', `invalid config ${where}${key ? ` (key \`${key}\`)` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** The configuration as written: the file, the command-line overrides, and the two merged. */
export interface ConfigSources {
  /** The file's path (whether or not it exists). */
  readonly file: string;
  /** The file's text, or undefined when there is none. */
  readonly text: string | undefined;
  /** The parsed file before overrides, for `config/read`'s layers. */
  readonly fileLayer: Record<string, unknown>;
  readonly overrides: readonly ConfigOverride[];
  /** The file with the overrides applied, not yet validated. */
  readonly merged: Record<string, unknown>;
}

export function configPath(home: string): string {
  return join(home, 'config.toml');
}

/** Reads and parses the file; a file that cannot be read or is not TOML is a `ConfigError`. */
export function readConfigSources(home: string, overrides: readonly ConfigOverride[] = []): ConfigSources {
  const file = configPath(home);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(file, undefined, undefined, (error as Error).message);
    }
  }
  let fileLayer: Record<string, unknown> = {};
  if (text !== undefined) {
    try {
      fileLayer = parseToml(text) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof TomlError) {
        throw new ConfigError(file, error.line, undefined, firstLine(error.message));
      }
      throw new ConfigError(file, undefined, undefined, (error as Error).message);
    }
  }
  return { file, text, fileLayer, overrides, merged: applyOverrides(fileLayer, overrides) };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
