export { AgentdError, type AgentdErrorCode, failedPrecondition, invalidArgument, notFound } from './errors.js';
export { type LogLevel, type Logger, createLogger, parseLogLevel, silentLogger } from './logging.js';
export {
  type ApprovalPolicy,
  type Config,
  type McpServerConfig,
  type ModelProviderConfig,
  type ReasoningEffort,
  type ReasoningSummary,
  type SandboxMode,
  type ShellEnvironmentPolicy,
  type WireApi,
} from './config/config-schema.js';
export { ConfigError, type LoadedConfig, configPath, loadConfig, locateKey } from './config/load-config.js';
export { type ConfigOverride, applyOverrides, parseOverride, setPath } from './config/overrides.js';
export { defaultHome } from './home.js';
