export { AgentdError, type AgentdErrorCode, failedPrecondition, invalidArgument, notFound } from './errors.js';
export { type LogLevel, type Logger, createLogger, parseLogLevel, silentLogger } from './logging.js';
export {
  type ApprovalPolicy,
  type ApprovalsReviewer,
  type Config,
  ConfigSchema,
  type McpServerConfig,
  type ModelProviderConfig,
  type ReasoningEffort,
  type ReasoningSummary,
  type SandboxMode,
  type ShellEnvironmentPolicy,
  type WireApi,
} from './config/config-schema.js';
export { ConfigError, type ConfigSources, configPath, readConfigSources } from './config/config-file.js';
export { type LoadedConfig, loadConfig, locateKey, validateConfig } from './config/load-config.js';
export { type ConfigOverride, applyOverrides, parseOverride, setPath } from './config/overrides.js';
export { defaultHome } from './home.js';
export { uuidv7 } from './ids.js';
export type {
  AgentMessageItem,
  CommandAction,
  CommandExecutionItem,
  ContextCompactionItem,
  FileChange,
  FileChangeItem,
  FileChangeKind,
  ImageViewItem,
  ItemStatus,
  McpToolCallItem,
  PlanItem,
  ReasoningItem,
  ThreadItem,
  UserMessageItem,
} from './items/thread-item.js';
export { type ImageDetail, type UserInput, inputText } from './items/user-input.js';
export type { TokenUsage, TokenUsageBreakdown, Turn, TurnError, TurnErrorKind, TurnStatus } from './items/turn.js';
export type {
  ActiveFlag,
  McpServerStartupStatus,
  PlanStep,
  ThreadEvent,
  ThreadEventEnvelope,
  ThreadEventListener,
  ThreadNotice,
  ThreadStatus,
} from './turn/events.js';
export type { SettingsOverrides, ThreadSettings } from './turn/settings.js';
export type {
  ApprovalGateway,
  CommandApprovalRequest,
  FileChangeApprovalRequest,
  ReviewDecision,
  UserAnswers,
  UserInputRequest,
  UserQuestion,
} from './approvals/approval-gateway.js';
export { type SandboxPolicy, modeOfPolicy, networkAllowed, policyForMode, writableRootsOf } from './sandbox/sandbox-policy.js';
export { type Sandbox, type SandboxEnforcement, noSandbox } from './sandbox/sandbox.js';
export { BubblewrapSandbox, bubblewrapArgs } from './sandbox/bubblewrap.js';
export { type SandboxAvailability, findOnPath, probeBubblewrap } from './sandbox/bubblewrap-probe.js';
export { type MountPlan, planMounts } from './sandbox/mount-plan.js';
export { SandboxProvider, type SandboxProviderOptions } from './sandbox/sandbox-provider.js';
export { CommandRunner, type RunScriptOptions, type SpawnCommandOptions } from './tools/command-runner.js';
export {
  type CommandEnvPolicy,
  type CommandResult,
  DEFAULT_MAX_OUTPUT_BYTES,
  killAllCommands,
  liveCommandCount,
  type ProcessExit,
  ProcessInputError,
  RunningProcess,
  runCommand,
  spawnProcess,
} from './exec/index.js';
export { type PendingTurn, Thread, type ThreadRuntime, type TurnOptions } from './thread/thread.js';
export {
  type ForkThreadOptions,
  type StartThreadOptions,
  type StoredThread,
  type ThreadManagerOptions,
  type ThreadOverrides,
  ThreadManager,
} from './thread/thread-manager.js';
export type { ThreadListPage, ThreadListQuery, ThreadSortKey, ThreadSummary } from './thread/thread-index.js';
export type { ThreadSnapshot } from './thread/thread-snapshot.js';
export type { RolloutLine, RolloutRecord, StreamedPart, ThreadMetaRecord } from './thread/rollout-record.js';
export { type ModelInfo, AUTO_COMPACT_FRACTION, DEFAULT_MODEL, autoCompactLimitOf, builtInModels, contextWindowOf, findModel } from './model/model-catalog.js';
export { type ConfiguredModel, configuredModels } from './model/configured-models.js';
export { type InstructionChain, type InstructionFile, loadInstructionChain } from './prompt/instruction-chain.js';
export { type ResolvedProvider, resolveProvider } from './model/provider.js';
export type { FunctionToolSpec, ModelClient, ModelEvent, ModelRequest } from './model/model-client.js';
export { type FunctionCallOutputItem, type FunctionCallItem, type MessageItem, type ResponseItem, functionCallOutput, textMessage } from './model/response-item.js';
export { responsesBody } from './model/responses-client.js';
export { chatBody } from './model/chat-messages.js';
export { BASE_INSTRUCTIONS } from './prompt/base-instructions.js';
export { builtInTools, ToolRegistry } from './tools/tool-registry.js';
export { type McpThread, McpManager } from './mcp/mcp-manager.js';
export type { McpServerStatusView } from './mcp/thread-mcp.js';
export type { McpToolDescriptor } from './mcp/mcp-connection.js';
