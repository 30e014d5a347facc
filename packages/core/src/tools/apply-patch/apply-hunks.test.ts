import { describe, expect, it } from 'vitest';
import { applyHunks, dominantEol, splitLines } from './apply-hunks.js';
import { PatchApplyError } from './errors.js';
import { LineMatcher, asciiPunctuation } from './match-lines.js';
import { parsePatch } from './parse-patch.js';

/** Applies the hunks of a one-file patch body (the lines after `*** Update File`) to `text`. */
function update(text: string, ...hunkLines: string[]): string {
  const parsed = parsePatch(['*** Begin Patch', '*** Update File: f.txt', ...hunkLines, '*** End Patch'].join('\n'));
  const [operation] = parsed.operations;
  if (operation?.kind !== 'update') throw new Error('expected an update');
  return applyHunks(text, operation.hunks, 'f.txt');
}

function updateError(text: string, ...hunkLines: string[]): string {
  try {
    update(text, ...hunkLines);
  } catch (error) {
    if (error instanceof PatchApplyError) return error.message;
    throw error;
  }
  throw new Error('expected a PatchApplyError');
}

describe('LineMatcher', () => {
  const matcher = new LineMatcher(['alpha  ', '  beta', '“gamma” – done…', 'alpha']);

  it('prefers an exact match over a looser one earlier in the file', () => {
    expect(matcher.find(['alpha'], 0)).toEqual({ index: 3, level: 'exact' });
  });

  it('ignores trailing whitespace, then surrounding whitespace, then typographic punctuation', () => {
    expect(matcher.find(['alpha'], 0, { atEnd: false })).toMatchObject({ level: 'exact' });
    expect(matcher.find(['alpha', '  beta'], 0)).toEqual({ index: 0, level: 'trim-end' });
    expect(matcher.find(['alpha', 'beta'], 0)).toEqual({ index: 0, level: 'trim' });
    expect(matcher.find(['"gamma" - done...'], 0)).toEqual({ index: 2, level: 'unicode' });
  });

  it('searches only from the given line on', () => {
    expect(matcher.find(['  beta'], 2)).toBeUndefined();
  });

  it('matches only the last lines with atEnd', () => {
    expect(matcher.find(['alpha'], 0, { atEnd: true })).toEqual({ index: 3, level: 'exact' });
    expect(matcher.find(['  beta'], 0, { atEnd: true })).toBeUndefined();
  });

  it('normalises every kind of Unicode punctuation the models produce', () => {
    expect(asciiPunctuation('‘a’ ‚b‛ “c” „d‟ 1‐2‑3‒4–5—6―7−8 wait… x\u00A0y\u2003z\u202Fw\u3000v')).toBe(
      `'a' 'b' "c" "d" 1-2-3-4-5-6-7-8 wait... x y z w v`,
    );
  });
});

describe('splitLines', () => {
  it('keeps each line ending, and the lack of a final one', () => {
    expect(splitLines('a\r\nb\nc')).toEqual({ lines: ['a', 'b', 'c'], eols: ['\r\n', '\n', ''] });
    expect(splitLines('')).toEqual({ lines: [], eols: [] });
    expect(dominantEol(splitLines('a\r\nb\r\nc\n').eols)).toBe('\r\n');
    expect(dominantEol(splitLines('a\r\nb\nc\n').eols)).toBe('\n');
  });
});

describe('applyHunks', () => {
  const file = 'def greet():\n    print("hi")\n\ndef part():\n    print("hi")\n    return 1\n';

  it('replaces an exactly matching hunk', () => {
    expect(update('a\nb\nc\n', '@@', ' a', '-b', '+B', ' c')).toBe('a\nB\nc\n');
  });

  it('locates hunks ignoring trailing whitespace', () => {
    expect(update('a  \nb\t\nc\n', '@@', ' a', '-b', '+B')).toBe('a  \nB\nc\n');
  });

  it('locates hunks ignoring leading and trailing whitespace', () => {
    expect(update('  if x:\n    y()\n', '@@', ' if x:', '-y()', '+    z()')).toBe('  if x:\n    z()\n');
  });

  it('locates hunks after normalising Unicode punctuation, on both sides', () => {
    expect(update('say(“hi” — now)\n', '@@', '-say("hi" - now)', '+say("hello")')).toBe('say("hello")\n');
    expect(update("it's - fine\n", '@@', '-it’s – fine', '+ok')).toBe('ok\n');
  });

  it('keeps the file\'s own text for context lines matched loosely', () => {
    expect(update('\tquote(“x”)  \nold\n', '@@', ' quote("x")', '-old', '+new')).toBe('\tquote(“x”)  \nnew\n');
  });

  it('uses an anchor to pick the occurrence after it', () => {
    expect(update(file, '@@ def part():', '-    print("hi")', '+    print("bye")')).toBe(
      'def greet():\n    print("hi")\n\ndef part():\n    print("bye")\n    return 1\n',
    );
  });

  it('narrows with several anchors in a row', () => {
    const text = 'class A:\n  def f():\n    x\nclass B:\n  def f():\n    x\n';
    expect(update(text, '@@ class B:', '@@ def f():', '-    x', '+    y')).toBe(
      'class A:\n  def f():\n    x\nclass B:\n  def f():\n    y\n',
    );
  });

  it('searches each hunk after the previous one', () => {
    expect(update('x\ny\nx\ny\n', '@@', '-x', '+1', '@@', '-x', '+2')).toBe('1\ny\n2\ny\n');
  });

  it('matches an End of File hunk only at the end', () => {
    expect(update('end\nmiddle\nend\n', '@@', '-end', '+END', '*** End of File')).toBe('end\nmiddle\nEND\n');
  });

  it('inserts a pure addition after its anchor, or at the end without one', () => {
    expect(update('a\nb\nc\n', '@@ a', '+after a')).toBe('a\nafter a\nb\nc\n');
    expect(update('a\nb\n', '@@', '+z')).toBe('a\nb\nz\n');
  });

  it('keeps CRLF line endings, also for new lines', () => {
    expect(update('a\r\nb\r\nc\r\n', '@@', ' a', '-b', '+B1', '+B2')).toBe('a\r\nB1\r\nB2\r\nc\r\n');
  });

  it('keeps the lack of a final newline', () => {
    expect(update('a\nb', '@@', ' a', '-b', '+c')).toBe('a\nc');
    expect(update('a\nb', '@@', '+c')).toBe('a\nb\nc');
  });

  it('keeps the other endings of a mixed file untouched', () => {
    expect(update('a\r\nb\nc\r\n', '@@', '-c', '+C')).toBe('a\r\nb\nC\r\n');
  });

  it('forgives a trailing blank context line standing for the final newline', () => {
    expect(update('a\nb\n', '@@', ' a', '-b', '+c', ' ')).toBe('a\nc\n');
  });

  it('reports a hunk it cannot find, quoting its lines and saying what to do', () => {
    const message = updateError(file, '@@', ' def greet():', '-    print("hello")', '+    print("bye")');
    expect(message).toContain('could not find hunk 1 of f.txt (patch line 3) from line 1 on');
    expect(message).toContain('    def greet():\n        print("hello")');
    expect(message).toContain('Re-read f.txt and retry');
    expect(message).toContain('Nothing was changed');
  });

  it('reports an anchor it cannot find', () => {
    expect(updateError(file, '@@ def missing():', '-x', '+y')).toContain('could not find the "@@ def missing():" line of hunk 1');
  });

  it('says when hunks are out of order', () => {
    const message = updateError('a\nb\nc\n', '@@', '-c', '+C', '@@', '-a', '+A');
    expect(message).toContain('could not find hunk 2');
    expect(message).toContain('They occur at line 1');
    expect(message).toContain('must be in file order');
  });

  it('says when an End of File hunk is not at the end', () => {
    expect(updateError('a\nb\n', '@@', '-a', '+A', '*** End of File')).toContain('not the file\'s last lines');
  });
});
