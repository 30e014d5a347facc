/**
 * What every handler can reach that outlives a single request: the daemon's home, its
 * configuration (or the reason it could not be loaded), and its identity.
 */
import type { ConfigError, LoadedConfig } from '@agentd/core';

export interface AppContext {
  /** `AGENTD_HOME`, absolute. */
  readonly home: string;
  readonly version: string;
  /** The loaded configuration, or the error that explains why it could not be loaded. */
  readonly config: LoadedConfig | ConfigError;
}

/** The configuration, or the config error thrown so the request fails with a clear message. */
export function requireConfig(app: AppContext): LoadedConfig {
  if ('config' in app.config) return app.config;
  throw app.config;
}
