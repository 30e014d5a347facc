/**
 * The loaded configuration as `config/read` shows it: the effective config (the layers merged, keyed
 * as in config.toml, without defaults filled in, as the reference does), where each key came from,
 * and the layers themselves, highest precedence first. agentd has two layers: the user's
 * `config.toml` and the `-c` overrides of the command line (`sessionFlags`).
 */
import { createHash } from 'node:crypto';
import { applyOverrides, configPath, type LoadedConfig } from '@agentd/core';
import type { v2 } from '@agentd/protocol';

interface Layer {
  readonly source: v2.ConfigLayerSource;
  readonly config: Record<string, unknown>;
}

export function toConfigReadResponse(loaded: LoadedConfig, home: string, includeLayers: boolean): v2.ConfigReadResponse {
  const layers = layersOf(loaded, home);
  const origins: Record<string, v2.ConfigLayerMetadata> = {};
  // Lowest precedence first, so a higher layer's key overwrites a lower one's origin.
  for (const layer of [...layers].reverse()) {
    const metadata = { name: layer.source, version: versionOf(layer.config) };
    for (const path of leafPaths(layer.config)) origins[path] = metadata;
  }
  const effective = plainJson(applyOverrides(loaded.fileLayer, loaded.overrides)) as Record<string, unknown>;
  return {
    config: toReferenceConfig(effective),
    origins,
    layers: includeLayers ? layers.map((layer) => ({ name: layer.source, version: versionOf(layer.config), config: plainJson(layer.config) })) : null,
  };
}

/** The layers, highest precedence first. The user layer is listed even without a file, as the reference does. */
function layersOf(loaded: LoadedConfig, home: string): Layer[] {
  const layers: Layer[] = [];
  if (loaded.overrides.length > 0) layers.push({ source: { type: 'sessionFlags' }, config: applyOverrides({}, loaded.overrides) });
  layers.push({ source: { type: 'user', file: loaded.path ?? configPath(home) }, config: loaded.fileLayer });
  return layers;
}

/**
 * The reference's Config types a few keys more narrowly than config.toml: `on-failure` is gone from
 * its approval policies (agentd treats it as `on-request`, as the thread responses say).
 */
function toReferenceConfig(config: Record<string, unknown>): v2.Config {
  const shown = { ...config };
  if (shown.approval_policy === 'on-failure') shown.approval_policy = 'on-request';
  return shown as v2.Config;
}

/** The reference's layer version: `sha256:` and the hash of the layer as JSON with sorted keys. */
export function versionOf(config: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical(plainJson(config)))).digest('hex')}`;
}

/** Dotted paths of every leaf value (array elements by index), as the reference's `origins` keys. */
export function leafPaths(value: unknown, prefix: readonly string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...prefix, String(index)]));
  if (isTable(value)) return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, [...prefix, key]));
  return prefix.length > 0 ? [prefix.join('.')] : [];
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isTable(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

/** TOML values as JSON: dates become strings. */
function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? {})) as unknown;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
