export { type CommandAction, describeCommand } from './command-actions.js';
export { type CommandEnvPolicy, buildCommandEnv } from './command-env.js';
export { type OutputListener, type OutputStreamName } from './command-output.js';
export { isKnownSafeArgv, isKnownSafeCommand, isKnownSafeScript } from './command-safety.js';
export { type FormatOutputOptions, type FormattableResult, formatOutputForModel, tokensToBytes } from './format-output.js';
export { elisionMarker } from './head-tail-text.js';
export { killAllCommands, liveCommandCount } from './process-group.js';
export { type CommandResult, DEFAULT_MAX_OUTPUT_BYTES, type RunCommandOptions, runCommand } from './run-command.js';
export { type ProcessExit, ProcessInputError, RunningProcess, type SpawnProcessOptions, spawnProcess } from './spawn-process.js';
export { type DenialCandidate, looksLikeSandboxDenial, sandboxDenialReason } from './sandbox-denial.js';
export {
  type Connector,
  type ParsedScript,
  type Redirection,
  type RedirectionOp,
  type ShellCommand,
  parseShellScript,
  quoteForShell,
  scriptFromArgv,
  unwrapShellInvocation,
} from './shell-parse.js';
