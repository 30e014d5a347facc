/**
 * Which sandbox confines commands under a policy, decided once per daemon. Bubblewrap is probed
 * lazily — at the first thread or command that needs confinement, never at start-up — and the
 * answer is kept. When a policy asks for confinement this host cannot give, the answer is an error
 * saying why, unless the config explicitly allows running without a sandbox
 * (`allow_unsandboxed = true`); then the command runs unconfined and the enforcement says so.
 * Nothing runs unconfined silently.
 */
import { AgentdError } from '../errors.js';
import { BubblewrapSandbox } from './bubblewrap.js';
import { probeBubblewrap, type SandboxAvailability } from './bubblewrap-probe.js';
import { noSandbox, type Sandbox, type SandboxEnforcement } from './sandbox.js';
import { modeOfPolicy, type SandboxPolicy } from './sandbox-policy.js';

export interface SandboxProviderOptions {
  /** The daemon's home: kept read-only for commands. */
  readonly home: string;
  /** The daemon's environment (its PATH is searched for bwrap). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Run commands unconfined when bubblewrap is unavailable (config `allow_unsandboxed`). */
  readonly allowUnsandboxed: boolean;
  /** Replaces the bubblewrap probe (tests). */
  readonly probe?: () => Promise<SandboxAvailability>;
}

type CommandEnv = Readonly<Record<string, string | undefined>>;

/** What nothing confines: commands write anywhere the user can and reach the network. */
const UNCONFINED = { mechanism: 'none', writableRoots: ['/'], readOnlyPaths: [], networkAccess: true } as const;

export class SandboxProvider {
  readonly #options: SandboxProviderOptions;
  #probing: Promise<SandboxAvailability> | undefined;
  #availability: SandboxAvailability | undefined;
  #bubblewrap: BubblewrapSandbox | undefined;

  constructor(options: SandboxProviderOptions) {
    this.#options = options;
  }

  /** Whether bubblewrap works here; probed on the first call, shared after. */
  availability(): Promise<SandboxAvailability> {
    this.#probing ??= (this.#options.probe ?? (() => probeBubblewrap({ env: this.#options.env })))().then((availability) => {
      this.#availability = availability;
      if (availability.available) this.#bubblewrap = new BubblewrapSandbox(availability.bwrapPath, this.#options.home);
      return availability;
    });
    return this.#probing;
  }

  /** The sandbox commands under `policy` run in; throws SANDBOX_UNAVAILABLE when it cannot be had. */
  async sandboxFor(policy: SandboxPolicy): Promise<Sandbox> {
    if (policy.type === 'dangerFullAccess') return noSandbox;
    await this.availability();
    return this.#sandboxNow(policy);
  }

  /** What will confine commands under `policy` in `cwd` (probing first when needed); throws like `sandboxFor`. */
  async enforcementFor(policy: SandboxPolicy, cwd: string, env: CommandEnv): Promise<SandboxEnforcement> {
    if (policy.type !== 'dangerFullAccess') await this.availability();
    return this.#enforcementNow(policy, cwd, env);
  }

  /**
   * The same without waiting: undefined while a policy that needs the probe has not had it, and
   * when the policy cannot be enforced at all.
   */
  describe(policy: SandboxPolicy, cwd: string, env: CommandEnv): SandboxEnforcement | undefined {
    if (policy.type !== 'dangerFullAccess' && !this.#availability) return undefined;
    try {
      return this.#enforcementNow(policy, cwd, env);
    } catch {
      return undefined;
    }
  }

  #enforcementNow(policy: SandboxPolicy, cwd: string, env: CommandEnv): SandboxEnforcement {
    if (policy.type === 'dangerFullAccess') return UNCONFINED;
    const sandbox = this.#sandboxNow(policy);
    if (sandbox !== this.#bubblewrap || !this.#bubblewrap) {
      return { ...UNCONFINED, unenforcedReason: this.#unenforcedMessage(policy) };
    }
    const plan = this.#bubblewrap.plan(policy, cwd, env);
    if (!plan) return UNCONFINED;
    return { mechanism: 'bubblewrap', writableRoots: plan.writableRoots, readOnlyPaths: plan.readOnlyPaths, networkAccess: plan.networkAccess };
  }

  #sandboxNow(policy: SandboxPolicy): Sandbox {
    if (policy.type === 'dangerFullAccess') return noSandbox;
    if (this.#bubblewrap) return this.#bubblewrap;
    if (this.#options.allowUnsandboxed) return noSandbox;
    throw new AgentdError(
      'SANDBOX_UNAVAILABLE',
      `the ${modeOfPolicy(policy)} sandbox cannot be enforced: ${this.#reason()}. ` +
        'Use the danger-full-access sandbox to run commands unconfined on purpose, or set `allow_unsandboxed = true` ' +
        'in config.toml to run them without a sandbox when it is unavailable.',
    );
  }

  #unenforcedMessage(policy: SandboxPolicy): string {
    return `Commands run WITHOUT a sandbox: the ${modeOfPolicy(policy)} policy cannot be enforced (${this.#reason()}), and allow_unsandboxed = true lets them run anyway.`;
  }

  #reason(): string {
    const availability = this.#availability;
    return availability && !availability.available ? availability.reason : 'the sandbox has not been probed';
  }
}
