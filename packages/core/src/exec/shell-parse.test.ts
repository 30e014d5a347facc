import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShellScript, quoteForShell, scriptFromArgv, unwrapShellInvocation } from './shell-parse.js';

/** argv of each command, for compact expectations. */
function argvs(script: string): string[][] | undefined {
  return parseShellScript(script)?.commands.map((command) => [...command.argv]);
}

describe('parseShellScript', () => {
  it.each([
    ['ls -la', [['ls', '-la']]],
    ['grep \'a b\' "c d" e\\ f', [['grep', 'a b', 'c d', 'e f']]],
    ["echo 'it'\\''s'", [['echo', "it's"]]],
    ['echo "a \\"q\\" \\$ \\n"', [['echo', 'a "q" $ \\n']]],
    ['echo \'a;b\' "c&&d"', [['echo', 'a;b', 'c&&d']]],
    ['ls && cat a || echo no; pwd', [['ls'], ['cat', 'a'], ['echo', 'no'], ['pwd']]],
    [
      'cat a | grep b |& wc -l',
      [
        ['cat', 'a'],
        ['grep', 'b'],
        ['wc', '-l'],
      ],
    ],
    ['ls\npwd\n\n', [['ls'], ['pwd']]],
    ['ls\r\npwd', [['ls\r'], ['pwd']]],
    ['ls &&\n  pwd', [['ls'], ['pwd']]],
    ['ls \\\n  -la', [['ls', '-la']]],
    ['ls # a comment; rm -rf /', [['ls']]],
    ['echo a#b', [['echo', 'a#b']]],
    ['echo cost: $ 5', [['echo', 'cost:', '$', '5']]],
    ['grep -E "x$" f', [['grep', '-E', 'x$', 'f']]],
    ['echo ""', [['echo', '']]],
    ['find . -name "*.ts" -exec cat {} \\;', [['find', '.', '-name', '*.ts', '-exec', 'cat', '{}', ';']]],
    ["bash -lc 'ls && pwd'", [['ls'], ['pwd']]],
    ['sh -c "git status"', [['git', 'status']]],
    ['/bin/bash -c "bash -lc \'ls\'"', [['ls']]],
  ])('%j', (script, expected) => {
    expect(argvs(script)).toEqual(expected);
  });

  it('records connectors, keeping a final & and dropping a final ;', () => {
    expect(parseShellScript('a && b || c; d | e & f;')?.commands.map((command) => command.next)).toEqual(['&&', '||', ';', '|', '&', null]);
    expect(parseShellScript('sleep 1 &')?.commands.map((command) => command.next)).toEqual(['&']);
  });

  it('records redirections with their descriptors', () => {
    const [command] = parseShellScript('cmd 2>&1 >out.txt 2>/dev/null <in &>both >>log >|force <<<"here string" 3<&0 2>&-')?.commands ?? [];
    expect(command?.argv).toEqual(['cmd']);
    expect(command?.redirections).toEqual([
      { fd: 2, op: '>&', target: '1' },
      { fd: null, op: '>', target: 'out.txt' },
      { fd: 2, op: '>', target: '/dev/null' },
      { fd: null, op: '<', target: 'in' },
      { fd: null, op: '&>', target: 'both' },
      { fd: null, op: '>>', target: 'log' },
      { fd: null, op: '>|', target: 'force' },
      { fd: null, op: '<<<', target: 'here string' },
      { fd: 3, op: '<&', target: '0' },
      { fd: 2, op: '>&', target: '-' },
    ]);
  });

  it('treats a quoted number before > as a word', () => {
    const [command] = parseShellScript('echo "2">x')?.commands ?? [];
    expect(command?.argv).toEqual(['echo', '2']);
    expect(command?.redirections).toEqual([{ fd: null, op: '>', target: 'x' }]);
  });

  it('separates leading assignments from the program', () => {
    const [command] = parseShellScript('FOO=1 BAR="a b" env x=y')?.commands ?? [];
    expect(command?.assignments).toEqual(['FOO=1', 'BAR=a b']);
    expect(command?.argv).toEqual(['env', 'x=y']);
  });

  it('notes unquoted globs', () => {
    expect(parseShellScript('ls *.ts')?.commands[0]?.hasGlob).toBe(true);
    expect(parseShellScript('ls "*.ts"')?.commands[0]?.hasGlob).toBe(false);
    expect(parseShellScript('ls src/[ab]')?.commands[0]?.hasGlob).toBe(true);
  });

  it('keeps each command as written', () => {
    expect(parseShellScript("cd src &&  rg 'a b' | head -n 5")?.commands.map((command) => command.text)).toEqual(['cd src', "rg 'a b'", 'head -n 5']);
  });

  it.each([
    ['command substitution', 'echo $(rm x)'],
    ['backticks', 'echo `rm x`'],
    ['substitution in double quotes', 'echo "$(rm x)"'],
    ['variables', 'cat $FILE'],
    ['braced variables', 'cat ${FILE}'],
    ['variables in double quotes', 'echo "$HOME"'],
    ['special parameters', 'echo $?'],
    ['ANSI-C quoting', "echo $'\\x41'"],
    ['arithmetic', 'echo $((1+2))'],
    ['process substitution', 'diff <(ls a) <(ls b)'],
    ['output process substitution', 'ls > >(cat)'],
    ['subshells', '(cd x && ls)'],
    ['groups', '{ ls; pwd; }'],
    ['function definitions', 'f() { rm x; }; f'],
    ['the function keyword', 'function f { ls; }'],
    ['if', 'if true; then ls; fi'],
    ['for', 'for f in a b; do cat $f; done'],
    ['while', 'while read l; do echo x; done < f'],
    ['case', 'case x in x) ls;; esac'],
    ['[[ ]]', '[[ -f x ]] && ls'],
    ['negation', '! grep x f'],
    ['here-documents', "cat <<'EOF'\nx\nEOF"],
    ['brace expansion', 'echo {a,b}'],
    ['sequence expansion', 'echo x{1..3}'],
    ['array assignments', 'a=(1 2)'],
    ['extended globs', 'ls !(x)'],
    ['an unterminated quote', "echo 'abc"],
    ['an unterminated double quote', 'echo "abc'],
    ['a dangling &&', 'ls &&'],
    ['a dangling pipe', 'ls |'],
    ['a leading operator', '&& ls'],
    ['two operators in a row', 'ls && && pwd'],
    ['a redirection without a target', 'ls >'],
    ['a trailing backslash', 'ls \\'],
  ])('reports %s as unknown', (_, script) => {
    expect(parseShellScript(script)).toBeUndefined();
  });

  it('parses an empty script to no commands', () => {
    expect(parseShellScript('  \n# only a comment\n')).toEqual({ commands: [] });
  });
});

describe('unwrapShellInvocation', () => {
  it.each([
    [['bash', '-lc', 'ls'], 'ls'],
    [['bash', '-c', 'ls'], 'ls'],
    [['sh', '-c', 'ls'], 'ls'],
    [['/bin/bash', '-l', '-c', 'ls'], 'ls'],
    [['/usr/bin/zsh', '--login', '-c', 'ls'], 'ls'],
    [['bash', '-c', 'ls', 'arg0'], undefined],
    [['bash', 'script.sh'], undefined],
    [['bash', '-c'], undefined],
    [['bash', '-c', '-l', 'ls'], undefined],
    [['./bash', '-c', 'ls'], undefined],
    [['bash', '-o', 'pipefail', '-c', 'ls'], undefined],
    [['python', '-c', 'print(1)'], undefined],
  ])('%j → %j', (argv, expected) => {
    expect(unwrapShellInvocation(argv)).toBe(expected);
  });
});

describe('scriptFromArgv', () => {
  it('unwraps a shell or quotes the words', () => {
    expect(scriptFromArgv(['bash', '-lc', 'ls | wc'])).toBe('ls | wc');
    expect(scriptFromArgv(['grep', '-r', "it's here", 'src/'])).toBe("grep -r 'it'\\''s here' src/");
    expect(quoteForShell('')).toBe("''");
    expect(argvs(scriptFromArgv(['echo', 'a;b', '$HOME', '~', '*']))).toEqual([['echo', 'a;b', '$HOME', '~', '*']]);
    // A program name that looks like an assignment and holds a quote (found by the property below).
    expect(argvs(scriptFromArgv(["a='", '']))).toEqual([["a='", '']]);
  });
});

describe('scriptFromArgv round trip', () => {
  const special = [...'ab -_=.,/:@%+*?[]{}\'"\\$`;&|<>()#~!\n\t'];
  const word = fc.array(fc.constantFrom(...special), { maxLength: 8 }).map((chars) => chars.join(''));

  it('parses back to the same words, whatever they contain', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (argv) => {
        fc.pre(unwrapShellInvocation(argv) === undefined);
        expect(parseShellScript(scriptFromArgv(argv))?.commands.map((command) => command.argv)).toEqual([argv]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseShellScript against bash', () => {
  // An empty directory, so that no glob matches and bash leaves every word as written.
  const empty = mkdtempSync(join(tmpdir(), 'agentd-shell-parse-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  const plain = fc.array(fc.constantFrom(...'abz09_.,:=@%+-*?]'), { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
  const singleQuoted = fc.array(fc.constantFrom(...'a b;&|$`"\\*(){}#\n'), { maxLength: 5 }).map((chars) => `'${chars.join('')}'`);
  const doubleQuoted = fc
    .array(fc.constantFrom('a', ' ', ';', "'", '*', '#', '{', '\\\\', '\\"', '\\$', '\\`', '\\x', '$', '$ '), { maxLength: 5 })
    .map((parts) => `"${parts.join('')}"`);
  const escaped = fc.constantFrom(...' ;&|<>()\'"$`*{}#~!\\a').map((char) => `\\${char}`);
  const word = fc.array(fc.oneof(plain, singleQuoted, doubleQuoted, escaped), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));

  it('splits and unquotes words the way bash does', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const script = `printf '%s\\0' ${words.join(' ')}`;
        const parsed = parseShellScript(script);
        fc.pre(parsed !== undefined);
        const printed = execFileSync('bash', ['-c', script], { cwd: empty, encoding: 'utf8' });
        expect(parsed?.commands.map((command) => command.argv.slice(2))).toEqual([printed.split('\0').slice(0, -1)]);
      }),
      { numRuns: 200 },
    );
  });
});
