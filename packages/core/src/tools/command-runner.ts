/**
 * Runs the model's shell commands: `bash -c <script>` (not a login shell, which would reset PATH
 * from /etc/profile), with the clean command environment, inside the sandbox the turn's policy asks
 * for. The sandbox turns an argv into the argv that enforces the policy.
 */
import { buildCommandEnv, type CommandEnvPolicy, type CommandResult, runCommand } from '../exec/index.js';
import type { SandboxPolicy } from '../sandbox/sandbox-policy.js';

export interface Sandbox {
  /** The mechanism, for reports: `bubblewrap`, or `none` when commands run unconfined. */
  readonly mechanism: 'bubblewrap' | 'none';
  /** The argv that runs `argv` under `policy`. */
  wrap(argv: readonly string[], policy: SandboxPolicy, cwd: string): string[];
}

/** No confinement: used for danger-full-access, and where the config allows running unsandboxed. */
export const noSandbox: Sandbox = {
  mechanism: 'none',
  wrap: (argv) => [...argv],
};

export interface RunScriptOptions {
  readonly script: string;
  readonly cwd: string;
  readonly policy: SandboxPolicy;
  /** Run outside the sandbox (an approved escalation). */
  readonly unsandboxed?: boolean;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  readonly signal: AbortSignal;
  readonly onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export class CommandRunner {
  readonly #sandbox: Sandbox;
  readonly #envPolicy: CommandEnvPolicy;
  #env: Record<string, string> | undefined;

  constructor(sandbox: Sandbox, envPolicy: CommandEnvPolicy) {
    this.#sandbox = sandbox;
    this.#envPolicy = envPolicy;
  }

  get sandbox(): Sandbox {
    return this.#sandbox;
  }

  run(options: RunScriptOptions): Promise<CommandResult> {
    const argv = ['bash', '-c', options.script];
    const confined = options.unsandboxed || options.policy.type === 'dangerFullAccess' ? argv : this.#sandbox.wrap(argv, options.policy, options.cwd);
    return runCommand({
      argv: confined,
      cwd: options.cwd,
      env: (this.#env ??= buildCommandEnv(process.env, this.#envPolicy)),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxOutputBytes: options.maxOutputBytes,
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    });
  }
}
