/**
 * Can this host confine commands with bubblewrap? bwrap must be on PATH, and it must be able to
 * create the namespaces we use: containers without CAP_SYS_ADMIN, kernels without unprivileged
 * user namespaces, and AppArmor profiles that forbid them all make it fail at run time, so the
 * probe runs it once with the same kind of arguments a command gets.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { bubblewrapArgs } from './bubblewrap.js';

export type SandboxAvailability =
  | { readonly available: true; readonly bwrapPath: string }
  | { readonly available: false; readonly reason: string };

export interface ProbeOptions {
  /** Whose PATH to search. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
}

/** A probe that takes longer has hung; the host is treated as unable. */
const PROBE_TIMEOUT_MS = 5_000;

export async function probeBubblewrap(options: ProbeOptions): Promise<SandboxAvailability> {
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux') return { available: false, reason: `sandboxing needs Linux with bubblewrap, and this host runs ${platform}` };
  const bwrapPath = findOnPath('bwrap', options.env.PATH);
  if (!bwrapPath) {
    return {
      available: false,
      reason: `bubblewrap (bwrap) was not found on PATH (${options.env.PATH ?? 'PATH is not set'}); install it (Debian/Ubuntu: apt install bubblewrap)`,
    };
  }
  const args = [
    ...bubblewrapArgs({ writableRoots: [], readOnlyPaths: [], networkAccess: false, hiddenPaths: [], missingRoots: [] }, '/'),
    '--',
    // bwrap itself is the one program we know exists in there.
    bwrapPath,
    '--version',
  ];
  const failure = await new Promise<string | undefined>((resolve) => {
    execFile(bwrapPath, args, { timeout: PROBE_TIMEOUT_MS, env: { PATH: options.env.PATH ?? '' } }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      const detail = firstLine(String(stderr)) || error.message;
      resolve(detail);
    });
  });
  if (failure !== undefined) return { available: false, reason: `${bwrapPath} cannot create the sandbox's namespaces here: ${failure}` };
  return { available: true, bwrapPath };
}

/** The first executable file named `name` in a PATH string. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0] ?? '';
}
