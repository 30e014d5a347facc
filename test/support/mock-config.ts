// config.toml for a daemon that talks to the scripted model server. Key names are the Codex
// app-server's (`model_provider`, `[model_providers.NAME]` with `base_url`, `wire_api`, `env_key`).

export const TEST_API_KEY_ENV = 'AGENTD_TEST_API_KEY';
export const TEST_API_KEY = 'test-key';
export const TEST_MODEL = 'gpt-test';

type TomlValue = string | number | boolean | readonly string[];

export interface MockConfigOptions {
  /** `responses` (default) or `chat`. */
  wireApi?: 'responses' | 'chat';
  /** Default `gpt-test`. */
  model?: string;
  /** More keys for the `mock` provider, e.g. `{ request_max_retries: 0, stream_idle_timeout_ms: 500 }`. */
  provider?: Record<string, TomlValue>;
  /** More top-level keys, e.g. `{ approval_policy: 'never', sandbox_mode: 'read-only' }`. */
  settings?: Record<string, TomlValue>;
  /** Raw TOML appended at the end (tables such as `[mcp_servers.x]`). */
  toml?: string;
}

export function tomlValue(v: TomlValue): string {
  if (typeof v === 'string') return JSON.stringify(v); // a JSON string is a valid TOML basic string
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `[${v.map((s) => JSON.stringify(s)).join(', ')}]`;
}

function bareKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

/** TOML selecting a provider named `mock` at `baseUrl`, its key read from `AGENTD_TEST_API_KEY`. */
export function mockProviderConfig(baseUrl: string, opts: MockConfigOptions = {}): string {
  const lines = [
    `model = ${tomlValue(opts.model ?? TEST_MODEL)}`,
    `model_provider = "mock"`,
    ...Object.entries(opts.settings ?? {}).map(([k, v]) => `${bareKey(k)} = ${tomlValue(v)}`),
    '',
    '[model_providers.mock]',
    `name = "mock"`,
    `base_url = ${tomlValue(baseUrl)}`,
    `wire_api = ${tomlValue(opts.wireApi ?? 'responses')}`,
    `env_key = ${tomlValue(TEST_API_KEY_ENV)}`,
    ...Object.entries(opts.provider ?? {}).map(([k, v]) => `${bareKey(k)} = ${tomlValue(v)}`),
  ];
  if (opts.toml) lines.push('', opts.toml.trim());
  return `${lines.join('\n')}\n`;
}
