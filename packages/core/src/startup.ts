/**
 * The part of core a daemon needs before it answers its first request: logging, the home
 * directory, and configuration. Kept apart from the rest of core (the agent loop, model clients,
 * tools) so start-up does not load what the handshake does not use.
 */
export { AgentdError, type AgentdErrorCode } from './errors.js';
export { type LogLevel, type Logger, createLogger, parseLogLevel, silentLogger } from './logging.js';
export { ConfigError, type ConfigSources, configPath, readConfigSources } from './config/config-file.js';
// Validation (and the schema it builds) is loaded with the rest of core, after the first answer.
export type { LoadedConfig } from './config/load-config.js';
export { type ConfigOverride, parseOverride } from './config/overrides.js';
export { defaultHome } from './home.js';
