import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWritable, isInside, type WritePolicy } from './write-policy.js';

let base: string;
let workspace: string;
let outside: string;
let policy: WritePolicy;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'agentd-write-policy-')));
  workspace = join(base, 'workspace');
  outside = join(base, 'outside');
  await mkdir(join(workspace, '.git'), { recursive: true });
  await mkdir(outside);
  policy = { writableRoots: [workspace], readOnlyPaths: [join(workspace, '.git')] };
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function refusal(path: string, against: WritePolicy = policy): string {
  const check = checkWritable(path, against);
  if (check.ok) throw new Error(`expected ${path} to be refused`);
  return check.reason;
}

describe('checkWritable', () => {
  it('allows existing and new files inside a writable root', async () => {
    await writeFile(join(workspace, 'a.txt'), 'a');
    expect(checkWritable(join(workspace, 'a.txt'), policy)).toEqual({ ok: true });
    expect(checkWritable(join(workspace, 'new/dir/b.txt'), policy)).toEqual({ ok: true });
  });

  it('refuses a path that climbs out with ..', () => {
    expect(refusal(join(workspace, '..', 'outside', 'x.txt'))).toBe(
      `${join(workspace, '..', 'outside', 'x.txt')} is outside the writable roots (${workspace})`,
    );
  });

  it('refuses an absolute path outside the roots', () => {
    expect(refusal('/etc/agentd-test')).toContain('is outside the writable roots');
  });

  it('refuses a symlink inside the workspace that points outside, existing target or not', async () => {
    await writeFile(join(outside, 'target.txt'), 'x');
    await symlink(join(outside, 'target.txt'), join(workspace, 'link.txt'));
    await symlink(join(outside, 'missing.txt'), join(workspace, 'dangling.txt'));
    expect(refusal(join(workspace, 'link.txt'))).toContain(`through a symbolic link it resolves to ${join(outside, 'target.txt')}`);
    expect(refusal(join(workspace, 'dangling.txt'))).toContain(`resolves to ${join(outside, 'missing.txt')}`);
  });

  it('judges a path through a linked directory by where it lands', async () => {
    await symlink(outside, join(workspace, 'out'));
    expect(refusal(join(workspace, 'out', 'new', 'file.txt'))).toContain(join(outside, 'new', 'file.txt'));
    await symlink(workspace, join(outside, 'back'));
    expect(checkWritable(join(outside, 'back', 'file.txt'), policy)).toEqual({ ok: true });
  });

  it('refuses anything under a read-only path, also through a link', async () => {
    expect(refusal(join(workspace, '.git', 'config'))).toBe(
      `${join(workspace, '.git', 'config')} is inside the read-only path ${join(workspace, '.git')}`,
    );
    await symlink(join(workspace, '.git'), join(workspace, 'git-link'));
    expect(refusal(join(workspace, 'git-link', 'HEAD'))).toContain('read-only path');
  });

  it('keeps read-only paths when writes are otherwise unrestricted', () => {
    const unrestricted: WritePolicy = { writableRoots: 'unrestricted', readOnlyPaths: [join(workspace, '.git')] };
    expect(checkWritable(join(outside, 'x'), unrestricted)).toEqual({ ok: true });
    expect(refusal(join(workspace, '.git', 'HEAD'), unrestricted)).toContain('read-only path');
  });

  it('refuses a path through a symlink loop with a reason', async () => {
    await symlink(join(workspace, 'loop-b'), join(workspace, 'loop-a'));
    await symlink(join(workspace, 'loop-a'), join(workspace, 'loop-b'));
    expect(refusal(join(workspace, 'loop-a'))).toContain('too many levels of symbolic links');
  });

  it('refuses relative paths and says so', () => {
    expect(refusal('a.txt')).toBe('a.txt is not an absolute path');
  });

  it('accepts a root given through a symlink', async () => {
    await symlink(workspace, join(base, 'ws-link'));
    const viaLink: WritePolicy = { writableRoots: [join(base, 'ws-link')], readOnlyPaths: [] };
    expect(checkWritable(join(workspace, 'a.txt'), viaLink)).toEqual({ ok: true });
  });
});

describe('isInside', () => {
  it('compares whole path components', () => {
    expect(isInside('/a/b', '/a')).toBe(true);
    expect(isInside('/a', '/a')).toBe(true);
    expect(isInside('/ab', '/a')).toBe(false);
    expect(isInside('/a/..b', '/a')).toBe(true);
  });
});
