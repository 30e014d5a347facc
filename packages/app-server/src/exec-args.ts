/**
 * The options of `agentd exec`. Headless runs have nobody to ask, so the defaults differ from an
 * editor's: approval policy `never` and the `workspace-write` sandbox, whatever config.toml says
 * for interactive use; only the command line (`-s`, `-c approval_policy=…`, `-c sandbox_mode=…`)
 * changes them.
 */
import type { ConfigOverride } from '@agentd/core/startup';

export const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

export interface ExecArgs {
  /** The prompt; `-` (or none, with stdin not a terminal) means: read it from stdin. */
  readonly prompt: string | undefined;
  /** Print every protocol message as one JSON line instead of the final message. */
  readonly json: boolean;
  /** Continue this thread instead of starting one. */
  readonly resume: string | undefined;
  readonly cwd: string | undefined;
  readonly model: string | undefined;
  /** The sandbox to ask for; undefined when `-c sandbox_mode=…` decides. */
  readonly sandbox: SandboxMode | undefined;
  /** `never`, unless `-c approval_policy=…` decides (then undefined). */
  readonly approvalPolicy: 'never' | undefined;
}

export const EXEC_USAGE = `usage: agentd exec [options] [--] <prompt | ->

Runs one turn without asking anything and prints the agent's final message on stdout (progress
goes to stderr). Approval policy \`never\` and the workspace-write sandbox unless told otherwise;
requests for approval are declined. Exit code: 0 completed, 1 failed, 130 interrupted.

options:
  --json                   print every protocol message as one JSON line on stdout
  --resume <threadId>      continue a thread (its id is printed on stderr)
  -C, --cd <dir>           working directory of the agent (default: the current directory)
  -m, --model <model>      model to use
  -s, --sandbox <mode>     read-only | workspace-write (default) | danger-full-access
  -c, --config key=value   override a config.toml key, e.g. -c approval_policy=on-request
`;

export class ExecUsageError extends Error {}

/** Parses what follows `agentd exec`; `-c` overrides were already taken out by the main parser. */
export function parseExecArgs(argv: readonly string[], overrides: readonly ConfigOverride[]): ExecArgs {
  let json = false;
  let resume: string | undefined;
  let cwd: string | undefined;
  let model: string | undefined;
  let sandbox: SandboxMode | undefined;
  const prompts: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new ExecUsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--') {
      prompts.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '--json') json = true;
    else if (arg === '--resume') resume = value();
    else if (arg === '-C' || arg === '--cd') cwd = value();
    else if (arg === '-m' || arg === '--model') model = value();
    else if (arg === '-s' || arg === '--sandbox') sandbox = sandboxMode(value());
    else if (arg.startsWith('-') && arg !== '-') throw new ExecUsageError(`unknown option for exec: ${arg}`);
    else prompts.push(arg);
  }
  if (prompts.length > 1) throw new ExecUsageError('give the prompt as one argument (quote it)');
  const decidedBy = (key: string) => overrides.some(([path]) => path.length === 1 && path[0] === key);
  return {
    prompt: prompts[0],
    json,
    resume,
    cwd,
    model,
    sandbox: sandbox ?? (decidedBy('sandbox_mode') ? undefined : 'workspace-write'),
    approvalPolicy: decidedBy('approval_policy') ? undefined : 'never',
  };
}

function sandboxMode(value: string): SandboxMode {
  const mode = SANDBOX_MODES.find((candidate) => candidate === value);
  if (!mode) throw new ExecUsageError(`--sandbox must be one of ${SANDBOX_MODES.join(', ')}, not ${value}`);
  return mode;
}
