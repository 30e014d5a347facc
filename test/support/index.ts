// The test kit: the scripted model server and the daemon driver. Import from here.
export { AGENTD_EXTENSIONS, type ProtocolExtensions } from './agentd-extensions.js';
export { CliProcess, runCli, type CliExit, type CliOptions } from './cli-process.js';
export {
  AGENTD_BIN,
  Daemon,
  DEFAULT_CLIENT_INFO,
  INHERITED_ENV,
  REPO_ROOT,
  RpcError,
  spawnDaemon,
  type DaemonOptions,
  type ExitStatus,
  type Notification,
  type RequestId,
  type SchemaViolation,
  type ServerRequest,
  type ServerRequestHandler,
  type WireMessage,
} from './daemon.js';
export {
  type HttpMcpFixture,
  MCP_FIXTURE,
  type McpFixtureEvent,
  type McpFixtureOptions,
  type McpServerTomlOptions,
  httpMcpServerToml,
  mcpFixtureArgs,
  readMcpFixtureLog,
  startHttpMcpFixture,
  stdioMcpServerToml,
} from './mcp-fixture.js';
export { mockProviderConfig, TEST_API_KEY, TEST_API_KEY_ENV, TEST_MODEL, type MockConfigOptions } from './mock-config.js';
export {
  fail,
  parseScript,
  part,
  reply,
  type ReplyPart,
  type ScriptEntry,
  type ScriptItem,
  type ScriptedFailure,
  type ScriptedReply,
  type UsageOverride,
} from './model-script.js';
export { describeRequest, ModelServer, startModelServer, type ModelServerOptions, type RecordedRequest } from './model-server.js';
export { checkPrefixProperty, conversationText, type PrefixPair, type PrefixReport } from './prefix-property.js';
export { DEMO_FIX, DEMO_PROJECT, DEMO_PROMPT, demoScript } from './demo-session.js';
export { ProtocolValidator } from './protocol-validator.js';
export { REFERENCE_CLIENT_BIN } from './repo-root.js';
export { scriptedAgentd, type ScriptedAgentd, type ScriptedAgentdOptions } from './scripted-agentd.js';
export { TimeoutError } from './wait.js';
export { spawnDaemonWithModel, type DaemonWithModel, type DaemonWithModelOptions } from './with-model.js';
export { processesMatching, waitUntil } from './processes.js';
export { type Restartable, type RestartableOptions, startRestartable } from './restartable-daemon.js';
