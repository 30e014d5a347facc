/**
 * What commands and patches may touch. The shapes follow the protocol's sandbox policy (so the
 * app-server maps them one to one), but they are core's own.
 */
import type { SandboxMode } from '../config/config-schema.js';

export type SandboxPolicy =
  | { type: 'dangerFullAccess' }
  | { type: 'readOnly'; networkAccess: boolean }
  | {
      type: 'workspaceWrite';
      /** Writable in addition to the working directory, `/tmp` and `$TMPDIR`. */
      writableRoots: string[];
      networkAccess: boolean;
      /** Keep `/tmp` read-only. */
      excludeSlashTmp: boolean;
      /** Keep `$TMPDIR` read-only. */
      excludeTmpdirEnvVar: boolean;
    };

/** The policy a `sandbox_mode` / `sandbox` setting stands for. */
export function policyForMode(
  mode: SandboxMode,
  workspaceWrite: { writable_roots?: string[]; network_access?: boolean; exclude_slash_tmp?: boolean; exclude_tmpdir_env_var?: boolean } = {},
): SandboxPolicy {
  switch (mode) {
    case 'danger-full-access':
      return { type: 'dangerFullAccess' };
    case 'read-only':
      return { type: 'readOnly', networkAccess: false };
    case 'workspace-write':
      return {
        type: 'workspaceWrite',
        writableRoots: workspaceWrite.writable_roots ?? [],
        networkAccess: workspaceWrite.network_access ?? false,
        excludeSlashTmp: workspaceWrite.exclude_slash_tmp ?? false,
        excludeTmpdirEnvVar: workspaceWrite.exclude_tmpdir_env_var ?? false,
      };
  }
}

export function modeOfPolicy(policy: SandboxPolicy): SandboxMode {
  switch (policy.type) {
    case 'dangerFullAccess':
      return 'danger-full-access';
    case 'readOnly':
      return 'read-only';
    case 'workspaceWrite':
      return 'workspace-write';
  }
}

/**
 * The directories a policy lets commands and patches write, for a working directory. `undefined`
 * means everything (danger-full-access).
 */
export function writableRootsOf(policy: SandboxPolicy, cwd: string, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (policy.type === 'dangerFullAccess') return undefined;
  if (policy.type === 'readOnly') return [];
  const roots = [cwd, ...policy.writableRoots];
  if (!policy.excludeSlashTmp) roots.push('/tmp');
  const tmpdir = env.TMPDIR?.trim();
  if (!policy.excludeTmpdirEnvVar && tmpdir) roots.push(tmpdir);
  return [...new Set(roots)];
}

export function networkAllowed(policy: SandboxPolicy): boolean {
  return policy.type === 'dangerFullAccess' || policy.networkAccess;
}
