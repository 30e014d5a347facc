/**
 * What a confined command may write, resolved against the real filesystem. Bubblewrap's mounts and
 * the enforcement reported to the client are both derived from this one plan, so what the client
 * is told cannot drift from what is enforced.
 *
 * Paths are real paths: a symlinked root is bound where it really is (both its link and its target
 * then reach the writable mount), and a root that does not exist is left out — there is nothing
 * to bind, and the report must not claim it.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInside } from '../tools/apply-patch/write-policy.js';
import { networkAllowed, type SandboxPolicy, writableRootsOf } from './sandbox-policy.js';

/** A policy that confines commands (danger-full-access needs no plan). */
export type ConfiningPolicy = Exclude<SandboxPolicy, { type: 'dangerFullAccess' }>;

export interface MountPlan {
  /** Directories bound writable: real paths, none inside another, sorted. */
  readonly writableRoots: readonly string[];
  /** Paths bound read-only again inside the writable roots (`.git`, the daemon's home): real paths, sorted. */
  readonly readOnlyPaths: readonly string[];
  readonly networkAccess: boolean;
  /**
   * Directories replaced by an empty one: the host's runtime directory (`/run`), where its
   * services listen on Unix sockets (Docker, D-Bus, agents). A read-only bind does not stop
   * `connect()` on a socket, so without this a confined command could drive the Docker daemon.
   * Only without network access: with it, name resolution may need `/run` (systemd-resolved).
   */
  readonly hiddenPaths: readonly string[];
  /** Roots the policy names that do not exist here, so are not bound. */
  readonly missingRoots: readonly string[];
}

export interface MountPlanContext {
  readonly cwd: string;
  /** The daemon's home (AGENTD_HOME): never writable by commands. */
  readonly home: string;
  /** `$TMPDIR` as the command sees it. */
  readonly tmpdir: string | undefined;
}

export function planMounts(policy: ConfiningPolicy, context: MountPlanContext): MountPlan {
  const networkAccess = networkAllowed(policy);
  const requested = writableRootsOf(policy, context.cwd, { TMPDIR: context.tmpdir }) ?? [];
  const missingRoots: string[] = [];
  const roots: string[] = [];
  for (const root of requested) {
    const real = realPath(resolve(context.cwd, root));
    if (real === undefined) missingRoots.push(root);
    else roots.push(real);
  }

  const protectedPaths = unique([...roots.flatMap(gitPathsOf), ...optional(realPath(context.home))]);
  const overlapsRoot = (path: string) => roots.some((root) => isInside(path, root) || isInside(root, path));
  const readOnlyPaths = outermost(protectedPaths.filter(overlapsRoot));
  // A root inside a read-only path (a working directory within the daemon's home) stays read-only.
  const writable = roots.filter((root) => !readOnlyPaths.some((path) => isInside(root, path)));
  const hiddenPaths = networkAccess ? [] : hostRuntimeDirs().filter((dir) => !isInside(context.cwd, dir) && !roots.some((root) => isInside(root, dir) || isInside(dir, root)));
  return { writableRoots: outermost(writable), readOnlyPaths, networkAccess, hiddenPaths, missingRoots };
}

/** `/run`, and `/var/run` where it is a directory of its own rather than a link to `/run`. */
function hostRuntimeDirs(): string[] {
  return ['/run', '/var/run'].filter((dir) => {
    try {
      return lstatSync(dir).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * The `.git` of a root — a directory, or in a linked worktree or submodule a file naming the real
 * git directory, which is protected too.
 */
function gitPathsOf(root: string): string[] {
  const dotGit = resolve(root, '.git');
  let isFile = false;
  try {
    isFile = lstatSync(dotGit).isFile();
  } catch {
    return [];
  }
  const paths = optional(realPath(dotGit));
  if (isFile) {
    const target = /^gitdir:\s*(.+?)\s*$/m.exec(safeRead(dotGit))?.[1];
    if (target) paths.push(...optional(realPath(resolve(root, target))));
  }
  return paths;
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}

/** The paths not inside another of them, sorted: binding a nested one again would change nothing. */
function outermost(paths: readonly string[]): string[] {
  const sorted = unique(paths).sort();
  return sorted.filter((path) => !sorted.some((other) => other !== path && isInside(path, other)));
}
