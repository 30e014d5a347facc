import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConfiningPolicy, planMounts } from './mount-plan.js';

let base: string;
beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'agentd-plan-')));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function dir(...parts: string[]): string {
  const path = join(base, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
}

/** workspace-write without /tmp and $TMPDIR, so only what a test names is writable. */
function workspace(fields: Partial<Extract<ConfiningPolicy, { type: 'workspaceWrite' }>> = {}): ConfiningPolicy {
  return { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true, ...fields };
}

describe('planMounts', () => {
  it('workspace-write: cwd writable, its .git and the home read-only when inside, no network', () => {
    const cwd = dir('project');
    dir('project', '.git');
    const home = dir('project', '.agentd');
    expect(planMounts(workspace(), { cwd, home, tmpdir: undefined })).toEqual({
      writableRoots: [cwd],
      readOnlyPaths: [join(cwd, '.agentd'), join(cwd, '.git')],
      networkAccess: false,
      hiddenPaths: ['/run'],
      missingRoots: [],
    });
  });

  it('/tmp and $TMPDIR are writable unless excluded; a root inside another is not bound twice', () => {
    const cwd = dir('project');
    const tmp = dir('tmpdir');
    const home = dir('elsewhere-home');
    const policy = workspace({ excludeSlashTmp: false, excludeTmpdirEnvVar: false });
    // The scratch folders are in the system temp dir, usually /tmp, which then covers them.
    const underTmp = base.startsWith('/tmp/');
    expect(planMounts(policy, { cwd, home, tmpdir: tmp }).writableRoots).toEqual(underTmp ? ['/tmp'] : ['/tmp', cwd, tmp].sort());
    expect(planMounts(workspace({ excludeTmpdirEnvVar: false }), { cwd, home, tmpdir: tmp }).writableRoots).toEqual([cwd, tmp].sort());
    expect(planMounts(workspace(), { cwd, home, tmpdir: tmp }).writableRoots).toEqual([cwd]);
  });

  it('roots that do not exist are not bound, and are named', () => {
    const cwd = dir('project');
    const missing = join(base, 'not-there');
    const plan = planMounts(workspace({ writableRoots: [missing] }), { cwd, home: join(base, 'home'), tmpdir: join(base, 'no-tmp') });
    expect(plan.writableRoots).toEqual([cwd]);
    expect(plan.missingRoots).toEqual([missing]);
  });

  it('a symlinked root is bound where it really is', () => {
    const real = dir('real-project');
    dir('real-project', '.git');
    const link = join(base, 'link-project');
    symlinkSync(real, link);
    const plan = planMounts(workspace(), { cwd: link, home: join(base, 'home'), tmpdir: undefined });
    expect(plan.writableRoots).toEqual([real]);
    expect(plan.readOnlyPaths).toEqual([join(real, '.git')]);
  });

  it('a .git file (linked worktree) protects itself and the git directory it names, when writable', () => {
    const cwd = dir('worktree');
    const gitdir = dir('main', '.git', 'worktrees', 'wt');
    writeFileSync(join(cwd, '.git'), `gitdir: ${gitdir}\n`);
    const extra = dir('main');
    const plan = planMounts(workspace({ writableRoots: [extra] }), { cwd, home: join(base, 'home'), tmpdir: undefined });
    expect(plan.writableRoots).toEqual([extra, cwd].sort());
    // main/.git is protected as main's own .git, which covers the worktree's git directory.
    expect(plan.readOnlyPaths).toEqual([join(extra, '.git'), join(cwd, '.git')].sort());

    const alone = planMounts(workspace(), { cwd, home: join(base, 'home'), tmpdir: undefined });
    expect(alone.readOnlyPaths).toEqual([join(cwd, '.git')]);
  });

  it('a working directory inside the home is not writable', () => {
    const home = dir('home');
    const cwd = dir('home', 'inside');
    const plan = planMounts(workspace(), { cwd, home, tmpdir: undefined });
    expect(plan.writableRoots).toEqual([]);
    expect(plan.readOnlyPaths).toEqual([home]);
  });

  it('read-only: nothing writable, nothing to re-protect; network as the policy says', () => {
    const cwd = dir('project');
    dir('project', '.git');
    expect(planMounts({ type: 'readOnly', networkAccess: true }, { cwd, home: cwd, tmpdir: undefined })).toEqual({
      writableRoots: [],
      readOnlyPaths: [],
      networkAccess: true,
      hiddenPaths: [],
      missingRoots: [],
    });
  });

  it("hides the host's /run without network, unless the work is inside it", () => {
    const cwd = dir('project');
    expect(planMounts({ type: 'readOnly', networkAccess: false }, { cwd, home: cwd, tmpdir: undefined }).hiddenPaths).toEqual(['/run']);
    expect(planMounts({ type: 'readOnly', networkAccess: false }, { cwd: '/run', home: cwd, tmpdir: undefined }).hiddenPaths).toEqual([]);
    expect(planMounts(workspace({ writableRoots: ['/run'] }), { cwd, home: cwd, tmpdir: undefined }).hiddenPaths).toEqual([]);
  });
});
