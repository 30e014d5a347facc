/**
 * Model providers: where requests go and with which key. Built in: `openai` (honouring
 * OPENAI_BASE_URL / OPENAI_API_KEY as the openai package does) and `ollama` (local, Chat
 * Completions). `[model_providers.NAME]` in config.toml adds or overrides providers.
 */
import type { Config, WireApi } from '../config/config-schema.js';
import { invalidArgument } from '../errors.js';

export interface ResolvedProvider {
  readonly id: string;
  readonly name: string;
  /** Base URL ending in `/v1` (or the provider's equivalent). */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  /** The environment variable the key comes from; it is never passed to commands. */
  readonly envKey: string | undefined;
  readonly wireApi: WireApi;
  readonly headers: Readonly<Record<string, string>>;
  readonly queryParams: Readonly<Record<string, string>>;
  /** Retries after a failed request or a dropped stream. */
  readonly maxRetries: number;
  /** A stream silent for this long is treated as dropped. */
  readonly streamIdleTimeoutMs: number;
}

export const DEFAULT_PROVIDER_ID = 'openai';
const DEFAULT_MAX_RETRIES = 4;
const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;

interface ProviderDefaults {
  name: string;
  baseUrl: (env: NodeJS.ProcessEnv) => string;
  envKey: string | undefined;
  wireApi: WireApi;
}

const builtInProviders: Readonly<Record<string, ProviderDefaults>> = {
  openai: {
    name: 'OpenAI',
    baseUrl: (env) => env.OPENAI_BASE_URL?.trim() || 'https://api.openai.com/v1',
    envKey: 'OPENAI_API_KEY',
    wireApi: 'responses',
  },
  ollama: {
    name: 'Ollama',
    baseUrl: (env) => env.OLLAMA_BASE_URL?.trim() || 'http://localhost:11434/v1',
    envKey: undefined,
    wireApi: 'chat',
  },
};

export function providerIds(config: Config): string[] {
  return [...new Set([...Object.keys(builtInProviders), ...Object.keys(config.model_providers)])].sort();
}

export function resolveProvider(config: Config, id: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedProvider {
  const providerId = id ?? config.model_provider ?? DEFAULT_PROVIDER_ID;
  const configured = config.model_providers[providerId];
  const builtIn = builtInProviders[providerId];
  if (!configured && !builtIn) {
    const known = providerIds(config).join(', ');
    throw invalidArgument(`unknown model provider "${providerId}"; known providers: ${known}. Add [model_providers.${providerId}] to config.toml.`);
  }
  const baseUrl = configured?.base_url ?? builtIn?.baseUrl(env);
  if (!baseUrl) throw invalidArgument(`model provider "${providerId}" has no base_url in config.toml`);
  const envKey = configured?.env_key ?? builtIn?.envKey;
  return {
    id: providerId,
    name: configured?.name ?? builtIn?.name ?? providerId,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey: envKey ? env[envKey] : undefined,
    envKey,
    wireApi: configured?.wire_api ?? builtIn?.wireApi ?? 'responses',
    headers: configured?.http_headers ?? {},
    queryParams: configured?.query_params ?? {},
    maxRetries: configured?.request_max_retries ?? DEFAULT_MAX_RETRIES,
    streamIdleTimeoutMs: configured?.stream_idle_timeout_ms ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  };
}
