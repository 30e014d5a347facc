import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileOps, applyPlan, nodeFileOps } from './apply-plan.js';
import { PatchApplyError } from './errors.js';
import { parsePatch } from './parse-patch.js';
import { type PatchPlan, planPatch } from './plan-patch.js';
import { summarizePatchResult } from './summarize-result.js';
import type { WritePolicy } from './write-policy.js';

let base: string;
let cwd: string;
let policy: WritePolicy;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'agentd-apply-plan-')));
  cwd = join(base, 'workspace');
  await mkdir(join(cwd, '.git'), { recursive: true });
  await mkdir(join(base, 'outside'));
  policy = { writableRoots: [cwd], readOnlyPaths: [join(cwd, '.git')] };
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function patchText(...lines: string[]): string {
  return ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');
}

function plan(...lines: string[]): Promise<PatchPlan> {
  return planPatch(parsePatch(patchText(...lines)), { cwd, policy });
}

/** Every entry under `root`: file contents and modes, directories, link targets. */
async function tree(root = base): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const stats = await lstat(path);
      const key = relative(root, path);
      if (stats.isSymbolicLink()) entries[key] = `link -> ${await readlink(path)}`;
      else if (stats.isDirectory()) {
        entries[key] = 'dir';
        await walk(path);
      } else entries[key] = `${(stats.mode & 0o777).toString(8)} ${await readFile(path, 'utf8')}`;
    }
  };
  await walk(root);
  return entries;
}

/** The mode a new file gets under the current umask, as `tree` prints it. */
async function modeOfNewFile(): Promise<string> {
  const probe = join(base, 'probe');
  await writeFile(probe, '');
  const mode = ((await lstat(probe)).mode & 0o777).toString(8);
  await rm(probe);
  return mode;
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PatchApplyError) return error.message;
    throw error;
  }
  throw new Error('expected a PatchApplyError');
}

/** Real file operations, except that the one on `failingPath` throws. */
function failingOn(failingPath: string): FileOps {
  const fail = (path: string): void => {
    if (path === failingPath) throw Object.assign(new Error(`EIO: i/o error, '${path}'`), { code: 'EIO' });
  };
  return {
    writeFile: async (path, data) => {
      fail(path);
      await nodeFileOps.writeFile(path, data);
    },
    unlink: async (path) => {
      fail(path);
      await nodeFileOps.unlink(path);
    },
    mkdirs: (path) => nodeFileOps.mkdirs(path),
    chmod: (path, mode) => nodeFileOps.chmod(path, mode),
  };
}

describe('applyPlan', () => {
  beforeEach(async () => {
    await mkdir(join(cwd, 'src'));
    await writeFile(join(cwd, 'src/app.py'), 'def greet():\n    print("hi")\n');
    await chmod(join(cwd, 'src/app.py'), 0o755);
    await writeFile(join(cwd, 'notes.txt'), 'one\ntwo\nthree\n');
    await chmod(join(cwd, 'notes.txt'), 0o600);
    await writeFile(join(cwd, 'old.txt'), 'bye\n');
  });

  it('adds, updates, moves and deletes files on disk', async () => {
    const planned = await plan(
      '*** Add File: docs/guide/new.md',
      '+# Guide',
      '*** Update File: notes.txt',
      '@@',
      ' one',
      '-two',
      '+TWO',
      '*** Update File: src/app.py',
      '*** Move to: lib/main.py',
      '@@ def greet():',
      '-    print("hi")',
      '+    print("hello")',
      '*** Delete File: old.txt',
    );
    await applyPlan(planned);
    const newFileMode = await modeOfNewFile();
    expect(await tree(cwd)).toEqual({
      '.git': 'dir',
      docs: 'dir',
      'docs/guide': 'dir',
      'docs/guide/new.md': `${newFileMode} # Guide\n`,
      lib: 'dir',
      'lib/main.py': '755 def greet():\n    print("hello")\n',
      'notes.txt': '600 one\nTWO\nthree\n',
      src: 'dir',
    });
    expect(summarizePatchResult(planned)).toBe(
      'Success. Updated the following files:\n' +
        `A ${join(cwd, 'docs/guide/new.md')}\n` +
        `M ${join(cwd, 'notes.txt')}\n` +
        `M ${join(cwd, 'src/app.py')} -> ${join(cwd, 'lib/main.py')}\n` +
        `D ${join(cwd, 'old.txt')}\n`,
    );
  });

  it('keeps a CRLF file CRLF', async () => {
    await writeFile(join(cwd, 'win.txt'), 'a\r\nb\r\nc\r\n');
    await applyPlan(await plan('*** Update File: win.txt', '@@', ' a', '-b', '+B', '+B2', ' c'));
    expect(await readFile(join(cwd, 'win.txt'), 'utf8')).toBe('a\r\nB\r\nB2\r\nc\r\n');
  });

  it('writes through a symlink inside the workspace, leaving the link in place', async () => {
    await symlink('notes.txt', join(cwd, 'link.txt'));
    await applyPlan(await plan('*** Update File: link.txt', '@@', '-one', '+ONE'));
    expect(await readlink(join(cwd, 'link.txt'))).toBe('notes.txt');
    expect(await readFile(join(cwd, 'notes.txt'), 'utf8')).toBe('ONE\ntwo\nthree\n');
  });

  it('changes nothing when one hunk among good ones does not fit', async () => {
    const before = await tree();
    const message = await rejection(
      plan(
        '*** Add File: added.txt',
        '+new',
        '*** Update File: notes.txt',
        '@@',
        '-one',
        '+ONE',
        '@@',
        '-four',
        '+FOUR',
        '*** Delete File: old.txt',
      ).then(applyPlan),
    );
    expect(message).toContain('could not find hunk 2 of notes.txt');
    expect(await tree()).toEqual(before);
  });

  describe('write policy', () => {
    it.each([
      ['a path climbing out with ..', ['*** Add File: ../outside/new.txt', '+x']],
      ['an absolute path outside the roots', ['*** Add File: $BASE/outside/abs.txt', '+x']],
      ['a symlink pointing outside', ['*** Update File: escape.txt', '@@', '-secret', '+leaked']],
      ['a path under .git', ['*** Add File: .git/hooks/pre-commit', '+x']],
    ])('refuses %s unless allowed, and writes nothing', async (_name, operation) => {
      await writeFile(join(base, 'outside', 'target.txt'), 'secret\n');
      await symlink(join(base, 'outside', 'target.txt'), join(cwd, 'escape.txt'));
      const lines = operation.map((line) => line.replace('$BASE', base));
      const planned = await plan('*** Update File: notes.txt', '@@', '-one', '+ONE', ...lines);
      expect(planned.changes.map((change) => change.writable)).toEqual([true, false]);
      const before = await tree();
      const message = await rejection(applyPlan(planned));
      expect(message).toMatch(/^refused to write outside the allowed paths, nothing was written: .*(outside the writable roots|read-only path)/);
      expect(await tree()).toEqual(before);
      await applyPlan(planned, { allowOutsideRoots: true });
      expect(await tree()).not.toEqual(before);
    });

    it('accepts an absolute path inside the roots', async () => {
      await applyPlan(await plan(`*** Add File: ${join(cwd, 'abs.txt')}`, '+x'));
      expect(await readFile(join(cwd, 'abs.txt'), 'utf8')).toBe('x\n');
    });
  });

  it('refuses to write a file that changed since the plan', async () => {
    const planned = await plan('*** Update File: notes.txt', '@@', '-one', '+ONE', '*** Add File: fresh.txt', '+x');
    await writeFile(join(cwd, 'notes.txt'), 'edited meanwhile\n');
    const before = await tree();
    expect(await rejection(applyPlan(planned))).toContain('notes.txt changed since the patch was checked, nothing was written');
    expect(await tree()).toEqual(before);
  });

  describe('rolls back when a write fails midway', () => {
    const everything = [
      '*** Add File: docs/deep/new.md',
      '+# New',
      '*** Update File: notes.txt',
      '@@',
      '-one',
      '+ONE',
      '*** Update File: src/app.py',
      '*** Move to: lib/main.py',
      '@@',
      '-def greet():',
      '+def hello():',
      '*** Delete File: old.txt',
    ];

    it('when the last step fails: restores updated, moved and created files', async () => {
      const planned = await plan(...everything);
      const before = await tree();
      const message = await rejection(applyPlan(planned, { fileOps: failingOn(join(cwd, 'old.txt')) }));
      expect(message).toBe(
        `deleting ${join(cwd, 'old.txt')} failed (EIO: i/o error, '${join(cwd, 'old.txt')}'); ` +
          'the files already written were restored, so nothing changed.',
      );
      expect(await tree()).toEqual(before);
    });

    it('when a move fails after writing its destination', async () => {
      const planned = await plan(...everything);
      const before = await tree();
      await rejection(applyPlan(planned, { fileOps: failingOn(join(cwd, 'src/app.py')) }));
      expect(await tree()).toEqual(before);
    });

    it('when a directory cannot be created because a file took its name (no injection needed)', async () => {
      const planned = await plan('*** Add File: first.txt', '+1', '*** Add File: sub/second.txt', '+2', '*** Update File: notes.txt', '@@', '-one', '+1');
      await writeFile(join(cwd, 'sub'), 'a file where a directory should go\n');
      const before = await tree();
      expect(await rejection(applyPlan(planned))).toMatch(/^creating .*second\.txt failed \((EEXIST|ENOTDIR)/);
      expect(await tree()).toEqual(before);
    });
  });
});
