import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PatchApplyError } from './errors.js';
import { parsePatch } from './parse-patch.js';
import { type PatchPlan, planPatch } from './plan-patch.js';
import { summarizePatchResult } from './summarize-result.js';
import type { WritePolicy } from './write-policy.js';

let base: string;
let cwd: string;
let policy: WritePolicy;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'agentd-plan-patch-')));
  cwd = join(base, 'workspace');
  await mkdir(join(cwd, '.git'), { recursive: true });
  policy = { writableRoots: [cwd], readOnlyPaths: [join(cwd, '.git')] };
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function plan(...lines: string[]): Promise<PatchPlan> {
  return planPatch(parsePatch(['*** Begin Patch', ...lines, '*** End Patch'].join('\n')), { cwd, policy });
}

async function planError(...lines: string[]): Promise<string> {
  try {
    await plan(...lines);
  } catch (error) {
    if (error instanceof PatchApplyError) return error.message;
    throw error;
  }
  throw new Error('expected a PatchApplyError');
}

describe('planPatch', () => {
  it('plans every kind of change with absolute paths, contents and diffs', async () => {
    await mkdir(join(cwd, 'src'));
    await writeFile(join(cwd, 'src/app.py'), 'def greet():\n    print("hi")\n');
    await writeFile(join(cwd, 'old.txt'), 'bye\n');
    const planned = await plan(
      '*** Add File: docs/new.txt',
      '+hello',
      '*** Delete File: old.txt',
      '*** Update File: src/app.py',
      '*** Move to: src/main.py',
      '@@ def greet():',
      '-    print("hi")',
      '+    print("hello")',
    );
    expect(planned).toEqual({
      changes: [
        {
          path: join(cwd, 'docs/new.txt'),
          kind: 'add',
          oldContent: null,
          newContent: 'hello\n',
          unifiedDiff: '--- /dev/null\n+++ b/docs/new.txt\n@@ -0,0 +1 @@\n+hello\n',
          writable: true,
        },
        {
          path: join(cwd, 'old.txt'),
          kind: 'delete',
          oldContent: 'bye\n',
          newContent: null,
          unifiedDiff: '--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n',
          writable: true,
        },
        {
          path: join(cwd, 'src/app.py'),
          kind: 'update',
          movePath: join(cwd, 'src/main.py'),
          oldContent: 'def greet():\n    print("hi")\n',
          newContent: 'def greet():\n    print("hello")\n',
          unifiedDiff:
            '--- a/src/app.py\n+++ b/src/main.py\n@@ -1,2 +1,2 @@\n def greet():\n-    print("hi")\n+    print("hello")\n',
          writable: true,
        },
      ],
    });
    expect(summarizePatchResult(planned)).toBe(
      'Success. Updated the following files:\n' +
        `A ${join(cwd, 'docs/new.txt')}\n` +
        `D ${join(cwd, 'old.txt')}\n` +
        `M ${join(cwd, 'src/app.py')} -> ${join(cwd, 'src/main.py')}\n`,
    );
  });

  it('accepts an Add of a file that already has exactly that content', async () => {
    await writeFile(join(cwd, 'same.txt'), 'x\n');
    const planned = await plan('*** Add File: same.txt', '+x');
    expect(planned.changes).toMatchObject([{ kind: 'add', oldContent: 'x\n', newContent: 'x\n', unifiedDiff: '' }]);
  });

  it('keeps a byte order mark', async () => {
    await writeFile(join(cwd, 'bom.txt'), '\uFEFFfirst\nsecond\n');
    const planned = await plan('*** Update File: bom.txt', '@@', ' first', '-second', '+2nd');
    expect(planned.changes[0]?.newContent).toBe('\uFEFFfirst\n2nd\n');
  });

  it('treats a Move to the same path as a plain update', async () => {
    await writeFile(join(cwd, 'a.txt'), 'a\n');
    const planned = await plan('*** Update File: a.txt', '*** Move to: ./a.txt', '@@', '-a', '+b');
    expect(planned.changes[0]).not.toHaveProperty('movePath');
  });

  describe('problems are reported for the model, all at once', () => {
    it('names a file that does not exist', async () => {
      expect(await planError('*** Update File: nope.txt', '@@', '-a', '+b')).toBe(
        `cannot update nope.txt: no such file (resolved against ${cwd}). Check the path, or use "*** Add File" to create it.`,
      );
      expect(await planError('*** Delete File: nope.txt')).toContain('cannot delete nope.txt: no such file');
    });

    it('refuses to add over different content or a directory', async () => {
      await writeFile(join(cwd, 'a.txt'), 'a\n');
      expect(await planError('*** Add File: a.txt', '+b')).toContain('already exists with different content');
      expect(await planError('*** Add File: .git', '+b')).toContain('not a regular file');
    });

    it('refuses to update a file that is not UTF-8 text, but may delete it', async () => {
      await writeFile(join(cwd, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
      expect(await planError('*** Update File: latin1.txt', '@@', '-x', '+y')).toBe(
        'cannot update latin1.txt: it is not UTF-8 text, and apply_patch only edits UTF-8 text.',
      );
      expect((await plan('*** Delete File: latin1.txt')).changes).toMatchObject([{ kind: 'delete' }]);
    });

    it('refuses to update or delete a directory', async () => {
      expect(await planError('*** Delete File: .git')).toBe('cannot delete .git: it is not a regular file.');
    });

    it('refuses to move onto an existing file', async () => {
      await writeFile(join(cwd, 'a.txt'), 'a\n');
      await writeFile(join(cwd, 'b.txt'), 'b\n');
      expect(await planError('*** Update File: a.txt', '*** Move to: b.txt')).toContain('b.txt already exists');
    });

    it('refuses two sections on one file', async () => {
      await writeFile(join(cwd, 'a.txt'), 'a\n');
      expect(await planError('*** Update File: a.txt', '@@', '-a', '+b', '*** Delete File: ./a.txt')).toContain(
        './a.txt appears more than once in the patch (also as a.txt)',
      );
    });

    it('lists every problem, not just the first', async () => {
      await writeFile(join(cwd, 'a.txt'), 'a\n');
      const message = await planError('*** Delete File: x.txt', '*** Update File: a.txt', '@@', '-zzz', '+b');
      expect(message).toMatch(/^the patch does not fit the files \(2 problems\):\n1\. cannot delete x\.txt.*\n2\. could not find hunk 1 of a\.txt/s);
    });
  });

  describe('write policy', () => {
    beforeEach(async () => {
      await mkdir(join(base, 'outside'));
      await writeFile(join(base, 'outside', 'target.txt'), 'secret\n');
    });

    it.each([
      ['a path climbing out with ..', ['*** Add File: ../outside/new.txt', '+x']],
      ['an absolute path outside the roots', ['*** Add File: /tmp/agentd-plan-patch-outside.txt', '+x']],
      ['a symlink pointing outside', ['*** Update File: link.txt', '@@', '-secret', '+public']],
      ['a path under .git', ['*** Add File: .git/hooks/pre-commit', '+x']],
    ])('marks %s as not writable, with the reason', async (_name, operation) => {
      await symlink(join(base, 'outside', 'target.txt'), join(cwd, 'link.txt'));
      const planned = await plan(...operation);
      expect(planned.changes).toHaveLength(1);
      expect(planned.changes[0]?.writable).toBe(false);
      expect(planned.changes[0]?.refusal).toMatch(/outside the writable roots|inside the read-only path/);
    });

    it('judges both ends of a move', async () => {
      await writeFile(join(cwd, 'a.txt'), 'a\n');
      const planned = await plan('*** Update File: a.txt', '*** Move to: ../outside/a.txt');
      expect(planned.changes[0]).toMatchObject({ writable: false, refusal: expect.stringContaining('outside/a.txt') });
    });
  });

  it('plans a 3-hunk patch against a 20,000-line file quickly', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `    value_${i} = compute(${i})  # line ${i}`);
    await writeFile(join(cwd, 'big.py'), `${lines.join('\n')}\n`);
    const hunk = (i: number): string[] => ['@@', ` ${lines[i - 1]}`, `-${lines[i]}`, `+    value_${i} = 0`, ` ${lines[i + 1]}`];
    const started = performance.now();
    const planned = await plan('*** Update File: big.py', ...hunk(2_000), ...hunk(11_000), ...hunk(19_990));
    const elapsed = performance.now() - started;
    console.log(`planPatch: 3 hunks against 20,000 lines in ${elapsed.toFixed(1)} ms`);
    expect(planned.changes[0]?.unifiedDiff.match(/^@@/gm)).toHaveLength(3);
  });
});
