/**
 * Reads `AGENTD_HOME/config.toml`, applies `-c` overrides and validates the result. A bad file is
 * reported as a `ConfigError` naming the file, the line and the key, never as a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type * as z from 'zod';
import { AgentdError } from '../errors.js';
import { applyOverrides, type ConfigOverride } from './overrides.js';
import { type Config, ConfigSchema } from './config-schema.js';

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

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, or undefined when there is none. */
  readonly path: string | undefined;
  /** The parsed file before overrides, for `config/read`'s layers. */
  readonly fileLayer: Record<string, unknown>;
  readonly overrides: readonly ConfigOverride[];
}

export function configPath(home: string): string {
  return join(home, 'config.toml');
}

export function loadConfig(home: string, overrides: readonly ConfigOverride[] = []): LoadedConfig {
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
  const merged = applyOverrides(fileLayer, overrides);
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map(String);
    const key = path.join('.');
    const fromOverride = overrides.some(([overridePath]) => key.startsWith(overridePath.join('.')));
    const source = fromOverride ? 'command-line override (-c)' : file;
    const line = fromOverride || text === undefined ? undefined : locateKey(text, path);
    throw new ConfigError(source, line, key || undefined, issue.message);
  }
  return { config: parsed.data, path: text === undefined ? undefined : file, fileLayer, overrides };
}

/**
 * Finds the line (1-based) where a dotted key is set, following `[table]` headers; falls back to
 * the line of the closest table header. Good enough to point a user at the right place.
 */
export function locateKey(text: string, path: readonly string[]): number | undefined {
  const lines = text.split('\n');
  let table: string[] = [];
  let closestHeader: { line: number; depth: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header?.[1]) {
      table = splitKey(header[1]);
      if (isPrefix(table, path) && table.length > (closestHeader?.depth ?? -1)) {
        closestHeader = { line: index + 1, depth: table.length };
      }
      continue;
    }
    const assignment = /^([^=#]+?)\s*=/.exec(line);
    if (!assignment?.[1]) continue;
    const assigned = [...table, ...splitKey(assignment[1])];
    // The key itself, or a table value (inline table or array) that contains it.
    if (isPrefix(assigned, path)) return index + 1;
  }
  return closestHeader?.line;
}

function splitKey(key: string): string[] {
  return key.split('.').map((part) => part.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'));
}

function isPrefix(prefix: readonly string[], full: readonly string[]): boolean {
  return prefix.length <= full.length && prefix.every((part, index) => part === full[index]);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
