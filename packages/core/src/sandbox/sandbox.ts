/**
 * A sandbox turns the argv of a command into the argv that runs it confined to a policy, and says
 * what confines it, for reports.
 */
import type { SandboxPolicy } from './sandbox-policy.js';

export interface Sandbox {
  /** The mechanism, for reports: `bubblewrap`, or `none` when commands run unconfined. */
  readonly mechanism: 'bubblewrap' | 'none';
  /** The argv that runs `argv` under `policy`; `env` is the command's environment (for `$TMPDIR`). */
  wrap(argv: readonly string[], policy: SandboxPolicy, cwd: string, env?: Readonly<Record<string, string | undefined>>): string[];
}

/** No confinement: used for danger-full-access, and where the config allows running unsandboxed. */
export const noSandbox: Sandbox = {
  mechanism: 'none',
  wrap: (argv) => [...argv],
};

/** What actually confines a thread's (or a command's) commands: told to the client as is. */
export interface SandboxEnforcement {
  readonly mechanism: 'bubblewrap' | 'none';
  /** Directories commands can write to (`/` when nothing confines them). */
  readonly writableRoots: readonly string[];
  /** Paths kept read-only inside the writable roots. */
  readonly readOnlyPaths: readonly string[];
  readonly networkAccess: boolean;
  /**
   * Set when the policy asks for confinement this host cannot give and the config allows running
   * without it (`allow_unsandboxed`): why, in a sentence for the user.
   */
  readonly unenforcedReason?: string;
}
