/**
 * Validates `AGENTD_HOME/config.toml` with its `-c` overrides. A bad file is reported as a
 * `ConfigError` naming the file, the line and the key, never as a stack trace.
 */
import type * as z from 'zod';
import { ConfigError, type ConfigSources, readConfigSources } from './config-file.js';
import type { ConfigOverride } from './overrides.js';
import { type Config, ConfigSchema } from './config-schema.js';

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, or undefined when there is none. */
  readonly path: string | undefined;
  /** The parsed file before overrides, for `config/read`'s layers. */
  readonly fileLayer: Record<string, unknown>;
  readonly overrides: readonly ConfigOverride[];
}

export function loadConfig(home: string, overrides: readonly ConfigOverride[] = []): LoadedConfig {
  return validateConfig(readConfigSources(home, overrides));
}

/** Validates what was read; the first problem is a `ConfigError` pointing at its line and key. */
export function validateConfig(sources: ConfigSources): LoadedConfig {
  const { file, text, fileLayer, overrides } = sources;
  const parsed = ConfigSchema.safeParse(sources.merged);
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
