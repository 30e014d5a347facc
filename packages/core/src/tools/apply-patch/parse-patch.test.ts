import { describe, expect, it } from 'vitest';
import { PatchParseError } from './errors.js';
import { type HunkLine, oldLinesOf, parsePatch } from './parse-patch.js';

function patch(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function parseError(text: string): PatchParseError {
  try {
    parsePatch(text);
  } catch (error) {
    if (error instanceof PatchParseError) return error;
    throw error;
  }
  throw new Error('expected a PatchParseError');
}

/** Hunk lines written as in a patch: `' context'`, `'-removed'`, `'+added'`. */
function hunkLines(...lines: string[]): HunkLine[] {
  const kinds = { ' ': 'context', '-': 'remove', '+': 'add' } as const;
  return lines.map((line) => ({ kind: kinds[line[0] as keyof typeof kinds], text: line.slice(1) }));
}

/** The parse without its line numbers, to compare patches that differ only by their wrapping. */
function withoutLineNumbers(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'line' ? undefined : inner)));
}

describe('parsePatch', () => {
  it('parses every construct of the format', () => {
    const text = patch(
      '*** Begin Patch',
      '*** Add File: path/to/new.txt',
      '+line one',
      '+line two',
      '*** Delete File: path/to/old.txt',
      '*** Update File: src/app.py',
      '*** Move to: src/main.py',
      '@@ def greet():',
      '-    print("hi")',
      '+    print("hello")',
      '@@',
      ' context line',
      '-removed',
      '+added',
      '*** End of File',
      '*** End Patch',
    );
    expect(parsePatch(text)).toEqual({
      operations: [
        { kind: 'add', path: 'path/to/new.txt', contents: 'line one\nline two\n', line: 2 },
        { kind: 'delete', path: 'path/to/old.txt', line: 5 },
        {
          kind: 'update',
          path: 'src/app.py',
          movePath: 'src/main.py',
          line: 6,
          hunks: [
            {
              anchors: ['def greet():'],
              lines: hunkLines('-    print("hi")', '+    print("hello")'),
              isEndOfFile: false,
              line: 8,
            },
            {
              anchors: [],
              lines: hunkLines(' context line', '-removed', '+added'),
              isEndOfFile: true,
              line: 11,
            },
          ],
        },
      ],
    });
  });

  it('collects consecutive @@ lines as anchors of one hunk', () => {
    const parsed = parsePatch(
      patch('*** Begin Patch', '*** Update File: a.py', '@@ class A:', '@@     def f(self):', '-x', '+y', '*** End Patch'),
    );
    const [operation] = parsed.operations;
    expect(operation?.kind === 'update' && operation.hunks).toEqual([
      { anchors: ['class A:', 'def f(self):'], lines: hunkLines('-x', '+y'), isEndOfFile: false, line: 3 },
    ]);
  });

  it('takes the tail of a git-style @@ header as the anchor and ignores its numbers', () => {
    const parsed = parsePatch(
      patch('*** Begin Patch', '*** Update File: a.py', '@@ -10,3 +10,3 @@ def f():', '-x', '+y', '@@ -20 +20 @@', '-p', '+q', '*** End Patch'),
    );
    const [operation] = parsed.operations;
    expect(operation?.kind === 'update' && operation.hunks.map((hunk) => hunk.anchors)).toEqual([['def f():'], []]);
  });

  it('lists the lines a hunk expects in the file', () => {
    const [operation] = parsePatch(patch('*** Begin Patch', '*** Update File: a', '@@', ' a', '-b', '+c', ' d', '*** End Patch')).operations;
    expect(operation?.kind === 'update' && operation.hunks[0] && oldLinesOf(operation.hunks[0])).toEqual(['a', 'b', 'd']);
  });

  it('ends at the last End Patch, so a patch can edit text that contains the markers', () => {
    const parsed = parsePatch(patch('*** Begin Patch', '*** Update File: doc.md', '@@', ' *** End Patch', '+more', '*** End Patch'));
    const [operation] = parsed.operations;
    expect(operation?.kind === 'update' && operation.hunks[0]?.lines).toEqual(hunkLines(' *** End Patch', '+more'));
  });

  it('accepts a pure rename: Move to without hunks', () => {
    const parsed = parsePatch(patch('*** Begin Patch', '*** Update File: a.txt', '*** Move to: b.txt', '*** End Patch'));
    expect(parsed.operations).toEqual([{ kind: 'update', path: 'a.txt', movePath: 'b.txt', hunks: [], line: 2 }]);
  });

  it('parses an empty Add File as an empty file', () => {
    const parsed = parsePatch(patch('*** Begin Patch', '*** Add File: empty.txt', '*** End Patch'));
    expect(parsed.operations).toEqual([{ kind: 'add', path: 'empty.txt', contents: '', line: 2 }]);
  });

  describe('lenient cases', () => {
    const simple = ['*** Begin Patch', '*** Update File: a.txt', '@@', ' one', '-two', '+2', '*** End Patch'];
    const simpleParsed = parsePatch(patch(...simple));

    it('tolerates a missing final newline', () => {
      expect(parsePatch(simple.join('\n'))).toEqual(simpleParsed);
    });

    it('tolerates CRLF line endings in the patch', () => {
      expect(parsePatch(simple.join('\r\n'))).toEqual(simpleParsed);
    });

    it('tolerates whitespace around the markers', () => {
      const text = patch(
        '  *** Begin Patch  ',
        '*** Update File:   a.txt  ',
        '  @@  ',
        ' one',
        '-two',
        '+2',
        '\t*** End Patch',
      );
      expect(parsePatch(text)).toEqual(simpleParsed);
    });

    it('unwraps a heredoc', () => {
      expect(withoutLineNumbers(parsePatch(patch("apply_patch <<'EOF'", ...simple, 'EOF')))).toEqual(
        withoutLineNumbers(simpleParsed),
      );
      expect(parsePatch(patch('cat <<-"PATCH" | apply_patch', ...simple, 'PATCH')).operations[0]?.line).toBe(3);
    });

    it('skips the command name on a line of its own', () => {
      expect(withoutLineNumbers(parsePatch(patch('apply_patch', ...simple)))).toEqual(withoutLineNumbers(simpleParsed));
    });

    it('unwraps Markdown fences, also around a heredoc', () => {
      expect(withoutLineNumbers(parsePatch(patch('```diff', ...simple, '```')))).toEqual(withoutLineNumbers(simpleParsed));
      const nested = parsePatch(patch('```', "apply_patch <<'EOF'", ...simple, 'EOF', '```', ''));
      expect(withoutLineNumbers(nested)).toEqual(withoutLineNumbers(simpleParsed));
    });

    it('reads a blank line without its leading space as blank context', () => {
      const parsed = parsePatch(patch('*** Begin Patch', '*** Update File: a.txt', '@@', ' a', '', '-b', '+c', '*** End Patch'));
      const [operation] = parsed.operations;
      expect(operation?.kind === 'update' && operation.hunks[0]).toMatchObject({ lines: hunkLines(' a', ' ', '-b', '+c') });
    });

    it('drops blank lines that only separate a hunk from the next marker', () => {
      const parsed = parsePatch(patch('*** Begin Patch', '*** Update File: a.txt', '@@', '-b', '+c', '', '', '*** End Patch'));
      const [operation] = parsed.operations;
      expect(operation?.kind === 'update' && operation.hunks[0]).toMatchObject({ lines: hunkLines('-b', '+c') });
    });

    it('keeps blank lines inside an added file and drops trailing ones', () => {
      const parsed = parsePatch(patch('*** Begin Patch', '*** Add File: a.txt', '+a', '', '+b', '', '*** End Patch'));
      expect(parsed.operations[0]).toMatchObject({ contents: 'a\n\nb\n' });
    });

    it('accepts a first hunk without its @@ line', () => {
      const parsed = parsePatch(patch('*** Begin Patch', '*** Update File: a.txt', ' a', '-b', '+c', '*** End Patch'));
      const [operation] = parsed.operations;
      expect(operation?.kind === 'update' && operation.hunks).toEqual([
        { anchors: [], lines: hunkLines(' a', '-b', '+c'), isEndOfFile: false, line: 3 },
      ]);
    });
  });

  describe('errors name the line and say what to do', () => {
    it.each([
      ['no Begin Patch', patch('*** Update File: a.txt', '*** End Patch'), 1, /must start with "\*\*\* Begin Patch"/],
      ['no End Patch (truncated)', patch('*** Begin Patch', '*** Delete File: a.txt'), 3, /no "\*\*\* End Patch" line/],
      ['prose before the patch', patch('Here is the patch:', '*** Begin Patch', '*** Delete File: a', '*** End Patch'), 1, /before/],
      ['prose after the patch', patch('*** Begin Patch', '*** Delete File: a', '*** End Patch', 'Done!'), 4, /after/],
      ['an unknown operation', patch('*** Begin Patch', '*** Rename File: a', '*** End Patch'), 2, /expected "\*\*\* Add File/],
      ['an empty patch', patch('*** Begin Patch', '*** End Patch'), 2, /no file operations/],
      ['a path missing', patch('*** Begin Patch', '*** Delete File:  ', '*** End Patch'), 2, /needs a path/],
      ['an Add line without +', patch('*** Begin Patch', '*** Add File: a', '+x', 'y', '*** End Patch'), 4, /must start with "\+"/],
      ['a hunk line without prefix', patch('*** Begin Patch', '*** Update File: a', '@@', '-x', 'y', '*** End Patch'), 5, /" " \(context\)/],
      ['an Update without hunks', patch('*** Begin Patch', '*** Update File: a', '*** End Patch'), 2, /has no hunks/],
      ['an empty hunk', patch('*** Begin Patch', '*** Update File: a', '@@ f', '*** End Patch'), 3, /has no lines/],
      ['a misplaced Move to', patch('*** Begin Patch', '*** Update File: a', '@@', '-x', '*** Move to: b', '*** End Patch'), 5, /right after/],
      ['End of File without lines', patch('*** Begin Patch', '*** Update File: a', '@@', '*** End of File', '*** End Patch'), 4, /must follow/],
      ['a second hunk without @@', patch('*** Begin Patch', '*** Update File: a', '@@', '-x', '*** End of File', '-y', '*** End Patch'), 6, /expected "@@"/],
    ])('%s', (_name, text, line, message) => {
      const error = parseError(text);
      expect(error.line).toBe(line);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`line ${line}`);
    });
  });
});
