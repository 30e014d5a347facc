/**
 * Runs commands: the model's shell commands (`bash -c <script>`, not a login shell, which would
 * reset PATH from /etc/profile) and a client's one-off commands (`command/exec`), each with the
 * clean command environment, inside the sandbox the policy asks for. A command whose policy asks
 * for confinement that cannot be had is not run (unless the config allows running without).
 */
import {
  buildCommandEnv,
  type CommandEnvPolicy,
  type CommandResult,
  type OutputListener,
  runCommand,
  type RunningProcess,
  spawnProcess,
  type SpawnProcessOptions,
} from '../exec/index.js';
import { AgentdError } from '../errors.js';
import type { SandboxEnforcement } from '../sandbox/sandbox.js';
import type { SandboxPolicy } from '../sandbox/sandbox-policy.js';
import type { SandboxProvider } from '../sandbox/sandbox-provider.js';

export { type Sandbox, noSandbox } from '../sandbox/sandbox.js';

export interface RunScriptOptions {
  readonly script: string;
  readonly cwd: string;
  readonly policy: SandboxPolicy;
  /** Run outside the sandbox (an approved escalation). */
  readonly unsandboxed?: boolean;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  readonly signal: AbortSignal;
  readonly onOutput?: OutputListener;
}

export interface SpawnCommandOptions extends Omit<SpawnProcessOptions, 'env'> {
  readonly policy: SandboxPolicy;
  /** Changes to the command environment: a string sets a variable, null removes it. */
  readonly envChanges?: Readonly<Record<string, string | null>>;
}

export class CommandRunner {
  readonly #sandboxes: SandboxProvider;
  readonly #envPolicy: CommandEnvPolicy;
  readonly #daemonEnv: Readonly<Record<string, string | undefined>>;
  #env: Record<string, string> | undefined;

  constructor(sandboxes: SandboxProvider, envPolicy: CommandEnvPolicy, daemonEnv: Readonly<Record<string, string | undefined>> = process.env) {
    this.#sandboxes = sandboxes;
    this.#envPolicy = envPolicy;
    this.#daemonEnv = daemonEnv;
  }

  /** The environment every command starts from: the daemon's, without its secrets. */
  get env(): Readonly<Record<string, string>> {
    return (this.#env ??= buildCommandEnv(this.#daemonEnv, this.#envPolicy));
  }

  /** What confines commands under `policy` in `cwd`; probes the sandbox first when needed. Throws SANDBOX_UNAVAILABLE. */
  enforcement(policy: SandboxPolicy, cwd: string): Promise<SandboxEnforcement> {
    return this.#sandboxes.enforcementFor(policy, cwd, this.env);
  }

  /** The same, if known without probing. */
  describeEnforcement(policy: SandboxPolicy, cwd: string): SandboxEnforcement | undefined {
    return this.#sandboxes.describe(policy, cwd, this.env);
  }

  async run(options: RunScriptOptions): Promise<CommandResult> {
    const argv = ['bash', '-c', options.script];
    const env = { ...this.env };
    let confined: string[];
    try {
      confined = options.unsandboxed ? argv : await this.#confine(argv, options.policy, options.cwd, env);
    } catch (error) {
      if (!isSandboxUnavailable(error)) throw error;
      return notRun(`the command was not run: ${error.message}`);
    }
    return runCommand({
      argv: confined,
      cwd: options.cwd,
      env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxOutputBytes: options.maxOutputBytes,
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    });
  }

  /** Starts a one-off command (a client's `command/exec`). Throws SANDBOX_UNAVAILABLE. */
  async spawn(options: SpawnCommandOptions): Promise<RunningProcess> {
    const env: Record<string, string> = { ...this.env };
    for (const [name, value] of Object.entries(options.envChanges ?? {})) {
      if (value === null) delete env[name];
      else env[name] = value;
    }
    const { policy, envChanges: _changes, ...rest } = options;
    const argv = await this.#confine(options.argv, policy, options.cwd, env);
    return spawnProcess({ ...rest, argv, env });
  }

  async #confine(argv: readonly string[], policy: SandboxPolicy, cwd: string, env: Record<string, string>): Promise<string[]> {
    const sandbox = await this.#sandboxes.sandboxFor(policy);
    return sandbox.wrap(argv, policy, cwd, env);
  }
}

function isSandboxUnavailable(error: unknown): error is AgentdError {
  return error instanceof AgentdError && error.code === 'SANDBOX_UNAVAILABLE';
}

function notRun(reason: string): CommandResult {
  return {
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    aggregatedOutput: '',
    truncatedBytes: 0,
    timedOut: false,
    aborted: false,
    durationMs: 0,
    pid: undefined,
    spawnError: reason,
  };
}
