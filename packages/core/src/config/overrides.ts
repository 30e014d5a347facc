/**
 * `-c key=value` overrides from the command line. The key is a dotted path into config.toml; the
 * value is read as a TOML value when it parses as one (`-c model_context_window=4096`,
 * `-c 'sandbox_workspace_write.writable_roots=["/data"]'`) and as a plain string otherwise
 * (`-c model=gpt-5.5`).
 */
import { parse as parseToml } from 'smol-toml';
import { invalidArgument } from '../errors.js';

export type ConfigOverride = readonly [path: readonly string[], value: unknown];

export function parseOverride(text: string): ConfigOverride {
  const equals = text.indexOf('=');
  if (equals <= 0) throw invalidArgument(`config override "${text}" must look like key=value`);
  const key = text.slice(0, equals).trim();
  const raw = text.slice(equals + 1).trim();
  const path = key.split('.').map((part) => part.trim());
  if (path.some((part) => part.length === 0)) throw invalidArgument(`config override key "${key}" is not a dotted path`);
  return [path, parseValue(raw)];
}

function parseValue(raw: string): unknown {
  try {
    return parseToml(`value = ${raw}`).value;
  } catch {
    return raw;
  }
}

/** Returns a copy of `base` with every override applied in order. */
export function applyOverrides(base: Record<string, unknown>, overrides: readonly ConfigOverride[]): Record<string, unknown> {
  const result = structuredClone(base);
  for (const [path, value] of overrides) setPath(result, path, value);
  return result;
}

/** Sets a dotted path in a plain object, creating tables on the way. */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let table = target;
  for (const part of path.slice(0, -1)) {
    const next = table[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      table[part] = created;
      table = created;
    } else {
      table = next as Record<string, unknown>;
    }
  }
  table[path[path.length - 1] as string] = value;
}
