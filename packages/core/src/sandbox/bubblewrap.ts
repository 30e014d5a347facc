/**
 * Confinement with bubblewrap (`bwrap`) on Linux. The command sees the whole filesystem read-only,
 * the writable roots bound writable over it, `.git` and the daemon's home bound read-only again
 * inside them, a private `/dev` and `/proc`, and — unless the policy allows the network — a network
 * namespace of its own with nothing but a loopback device and an empty `/run` (see `hiddenPaths`).
 *
 * - `--unshare-pid`: its own PID namespace, so it cannot see or signal the daemon or its other
 *   commands, nor read their `/proc/<pid>/environ`; when its first process dies the kernel kills
 *   everything left in the namespace, so stopping the command stops all it started.
 * - `--die-with-parent`: killed with the daemon, even by SIGKILL.
 * - `--new-session`: a session of its own, so it cannot push keystrokes into the terminal the
 *   daemon was started from (TIOCSTI).
 * - `--cap-drop ALL`: as root, bwrap keeps the caller's capabilities in the sandbox, and with
 *   CAP_SYS_ADMIN `mount -o remount,rw /` undoes every read-only bind. Dropping them makes the
 *   binds hold for root too (root then also loses CAP_DAC_OVERRIDE inside: files of other users
 *   in a writable root obey their permission bits).
 */
import type { SandboxPolicy } from './sandbox-policy.js';
import type { Sandbox } from './sandbox.js';
import { type MountPlan, planMounts } from './mount-plan.js';

/** bwrap's arguments (before `--` and the command) for a plan. */
export function bubblewrapArgs(plan: MountPlan, cwd: string): string[] {
  const args = ['--new-session', '--die-with-parent', '--unshare-pid', '--cap-drop', 'ALL'];
  if (!plan.networkAccess) args.push('--unshare-net');
  args.push('--ro-bind', '/', '/');
  for (const dir of plan.hiddenPaths) args.push('--tmpfs', dir);
  for (const root of plan.writableRoots) args.push('--bind', root, root);
  for (const path of plan.readOnlyPaths) args.push('--ro-bind', path, path);
  // Last, so a writable root of `/` cannot cover them with the host's /dev and /proc.
  args.push('--dev', '/dev', '--proc', '/proc', '--chdir', cwd);
  return args;
}

export class BubblewrapSandbox implements Sandbox {
  readonly mechanism = 'bubblewrap' as const;
  readonly #bwrapPath: string;
  readonly #home: string;

  /** @param bwrapPath absolute path of a bwrap that was probed to work. */
  constructor(bwrapPath: string, home: string) {
    this.#bwrapPath = bwrapPath;
    this.#home = home;
  }

  plan(policy: SandboxPolicy, cwd: string, env: Readonly<Record<string, string | undefined>>): MountPlan | undefined {
    if (policy.type === 'dangerFullAccess') return undefined;
    return planMounts(policy, { cwd, home: this.#home, tmpdir: env.TMPDIR?.trim() || undefined });
  }

  wrap(argv: readonly string[], policy: SandboxPolicy, cwd: string, env: Readonly<Record<string, string | undefined>> = {}): string[] {
    const plan = this.plan(policy, cwd, env);
    if (!plan) return [...argv];
    return [this.#bwrapPath, ...bubblewrapArgs(plan, cwd), '--', ...argv];
  }
}
