import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentd-unified-diff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What GNU `diff -u` prints for the two texts, with the same labels as `unifiedDiff`. */
async function gnuDiff(oldText: string, newText: string, oldLabel = 'a/f.txt', newLabel = 'b/f.txt'): Promise<string> {
  const oldFile = join(dir, 'old');
  const newFile = join(dir, 'new');
  await writeFile(oldFile, oldText);
  await writeFile(newFile, newText);
  const result = spawnSync('diff', ['-u', '--label', oldLabel, '--label', newLabel, oldFile, newFile], { encoding: 'utf8' });
  if (result.status === 2) throw new Error(`diff failed: ${result.stderr}`);
  return result.stdout;
}

function numbered(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `line ${i + from}\n`).join('');
}

function edit(text: string, changes: Record<number, string | null>): string {
  return text
    .split('\n')
    .slice(0, -1)
    .flatMap((line, i) => {
      const change = changes[i + 1];
      return change === undefined ? [line] : change === null ? [] : change.split('\n');
    })
    .map((line) => `${line}\n`)
    .join('');
}

const base = numbered(30);

describe('unifiedDiff matches diff -u', () => {
  it.each([
    ['a change in the middle', base, edit(base, { 15: 'fifteen' })],
    ['changes far apart, in two hunks', base, edit(base, { 3: 'three', 25: 'twenty-five' })],
    ['changes six lines apart, in one hunk', base, edit(base, { 10: 'ten', 17: 'seventeen' })],
    ['changes seven lines apart, in two hunks', base, edit(base, { 10: 'ten', 18: 'eighteen' })],
    ['a change on the first line', base, edit(base, { 1: 'first' })],
    ['a change on the last line', base, edit(base, { 30: 'last' })],
    ['an insertion only', base, edit(base, { 12: 'line 12\nnew a\nnew b' })],
    ['a deletion only', base, edit(base, { 12: null, 13: null })],
    ['deleting the first lines', base, edit(base, { 1: null, 2: null })],
    ['a replacement of different length', base, edit(base, { 5: 'x\ny\nz', 6: null, 7: null, 8: 'w' })],
    ['a short file rewritten', 'a\nb\nc\n', 'd\ne\n'],
    ['the final newline removed', 'a\nb\nc\n', 'a\nb\nc'],
    ['the final newline added', 'a\nb\nc', 'a\nb\nc\n'],
    ['a change before a last line without newline', 'a\nb\nc', 'a\nB\nc'],
    ['a change to a last line without newline', 'a\nb\nc', 'a\nb\nC'],
    ['CRLF lines', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
    ['repeated lines', 'x\nx\ny\nx\nx\n', 'x\ny\nx\ny\nx\n'],
  ])('%s', async (_name, oldText, newText) => {
    expect(unifiedDiff(oldText, newText, 'f.txt', 'f.txt')).toBe(await gnuDiff(oldText, newText));
  });

  it('diffs an added file against /dev/null', async () => {
    expect(unifiedDiff('', 'one\ntwo\n', '/dev/null', 'new.txt')).toBe(await gnuDiff('', 'one\ntwo\n', '/dev/null', 'b/new.txt'));
  });

  it('diffs a deleted file against /dev/null', async () => {
    expect(unifiedDiff('one\n', '', 'old.txt', '/dev/null')).toBe(await gnuDiff('one\n', '', 'a/old.txt', '/dev/null'));
  });

  it('labels a move with both paths', () => {
    expect(unifiedDiff('a\n', 'b\n', 'src/app.py', 'src/main.py')).toBe('--- a/src/app.py\n+++ b/src/main.py\n@@ -1 +1 @@\n-a\n+b\n');
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('same\n', 'same\n', 'f', 'f')).toBe('');
  });
});
