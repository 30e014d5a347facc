/**
 * Which paths a patch may write. A path is judged by where a write would really land: `..` is
 * resolved, and so are symbolic links along the path — including a dangling last link, which a
 * write would follow — so a link inside the workspace that points outside is caught, and a path
 * reached through a linked directory is judged by that directory's real location.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface WritePolicy {
  /** Directories under which writes are allowed, or `'unrestricted'` when the sandbox is off. */
  readonly writableRoots: readonly string[] | 'unrestricted';
  /** Paths never written, even inside a writable root: `.git` directories, the daemon's home. */
  readonly readOnlyPaths: readonly string[];
}

export type WritableCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Symbolic links followed before giving up, as the kernel's own limit (ELOOP). */
const MAX_LINK_HOPS = 40;

export function checkWritable(absPath: string, policy: WritePolicy): WritableCheck {
  if (!isAbsolute(absPath)) return { ok: false, reason: `${absPath} is not an absolute path` };
  const lexical = resolve(absPath);
  let real: string;
  try {
    real = realLocation(lexical);
  } catch (error) {
    return { ok: false, reason: `${absPath} cannot be resolved: ${(error as Error).message}` };
  }
  const via = real === lexical ? '' : ` (through a symbolic link it resolves to ${real})`;

  for (const readOnly of policy.readOnlyPaths) {
    const readOnlyLexical = resolve(readOnly);
    if (isInside(lexical, readOnlyLexical) || isInside(real, safeRealLocation(readOnlyLexical))) {
      return { ok: false, reason: `${absPath} is inside the read-only path ${readOnly}${via}` };
    }
  }
  if (policy.writableRoots === 'unrestricted') return { ok: true };
  const roots = policy.writableRoots;
  if (roots.some((root) => isInside(real, safeRealLocation(resolve(root))))) return { ok: true };
  const listed = roots.length === 0 ? 'there are none' : roots.join(', ');
  return { ok: false, reason: `${absPath} is outside the writable roots (${listed})${via}` };
}

/** Whether `path` is `dir` or below it; both absolute and normalised. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * Where a write to `path` would land: the real path of its deepest existing ancestor, with the
 * missing rest appended; a dangling link is followed to where it points.
 */
function realLocation(path: string, hops = 0): string {
  try {
    return realpathSync.native(path);
  } catch {
    // Missing, or a link that leads nowhere (yet): resolved step by step below.
  }
  if (isSymbolicLink(path)) {
    if (hops >= MAX_LINK_HOPS) throw new Error('too many levels of symbolic links');
    return realLocation(resolve(dirname(path), readlinkSync(path)), hops + 1);
  }
  const parent = dirname(path);
  if (parent === path) return path;
  return join(realLocation(parent, hops), basename(path));
}

/** A configured root or read-only path that cannot be resolved is taken as written. */
function safeRealLocation(path: string): string {
  try {
    return realLocation(path);
  } catch {
    return path;
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
