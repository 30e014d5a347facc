import { describe, expect, it } from 'vitest';
import { isKnownSafeArgv, isKnownSafeCommand } from './command-safety.js';
import { isPrintOnlySedScript } from './sed-print.js';

const safe = [
  'ls',
  'ls -la src',
  'ls *.ts',
  'cat README.md',
  'cat src/*.ts',
  'head -n 50 src/index.ts',
  'tail -20 log.txt',
  'wc -l src/a.ts src/b.ts',
  'pwd',
  'echo hello',
  "printf '%s\\n' a b",
  'true',
  'false',
  'nl -ba file.ts',
  'stat package.json',
  'file image.png',
  'which node',
  'whoami',
  'id -u',
  'uname -a',
  'date +%Y-%m-%d',
  'tree -L 2 src',
  'du -sh node_modules',
  'df -h',
  'grep -rn "TODO" src',
  'egrep -i "a|b" file',
  'fgrep -r needle .',
  'rg -n "fn main" src',
  'rg --files',
  'rg -g "*.ts" foo',
  "find . -name '*.ts' -type f",
  'find src -maxdepth 2 -print',
  "sed -n '1,200p' src/index.ts",
  "sed -n -e '10p' -e '20,30p' file",
  "sed -n '/start/,/end/p' file",
  'sort -u names.txt',
  'sort -k2 -t, data.csv',
  'uniq -c sorted.txt',
  'cut -d: -f1 /etc/passwd',
  "tr 'a-z' 'A-Z' < in.txt",
  'column -t table.txt',
  'diff -u a.txt b.txt',
  'cmp a.bin b.bin',
  'basename /a/b/c.ts',
  'dirname /a/b/c.ts',
  'realpath ../x',
  'readlink -f link',
  'git status',
  'git status --short',
  'git log --oneline -n 20',
  'git diff HEAD~1 -- src',
  'git show HEAD:src/index.ts',
  'git branch',
  'git branch -a -vv',
  'git branch --list "feat/*"',
  'git branch --merged main',
  'git rev-parse --show-toplevel',
  'git ls-files',
  'git blame -L 10,20 src/a.ts',
  'git grep -n foo',
  'git -C packages/core log -1',
  'git --no-pager diff',
  'git remote -v',
  'cd src && ls',
  'cd packages/core && git status && cat package.json',
  'ls | wc -l',
  'cat a.txt | grep foo | sort | uniq -c | head',
  'grep foo file 2>/dev/null',
  'ls nonexistent 2>&1',
  'ls > /dev/null',
  'ls &>/dev/null; echo done',
  'grep -c x <<< "x y x"',
  "echo 'a; rm -rf /'",
  'echo "a && rm x"',
  "bash -lc 'ls -la'",
  "sh -c 'git status && git diff'",
  'ls\npwd',
  'cat file # and a comment: rm -rf /',
];

const unsafe = [
  // writes through redirection
  'cat a > b',
  'echo hi >> notes.txt',
  'ls >| out',
  'ls &> out.txt',
  'grep x file 2> errors.log',
  'echo x >&out',
  'cat <> file',
  // a safe command followed, preceded or fed into an unsafe one
  'ls && rm x',
  'rm x; ls',
  'cat x | tee y',
  'ls | xargs rm',
  'ls || touch marker',
  // backgrounding
  'ls &',
  'sleep 1 & ls',
  // substitutions and expansions we cannot see through
  'echo $(rm x)',
  'echo `rm x`',
  'echo "$(rm x)"',
  'cat $FILE',
  'ls ${DIR}',
  'diff <(ls a) <(ls b)',
  '(ls)',
  '{ ls; }',
  'echo {a,b}',
  'for f in *; do cat "$f"; done',
  "cat <<'EOF'\nhello\nEOF",
  // assignments change what programs do
  'PAGER=evil git log',
  'GIT_EXTERNAL_DIFF=evil git diff',
  'LD_PRELOAD=/tmp/x.so ls',
  'PATH=/tmp ls',
  'FOO=bar',
  // find
  'find . -delete',
  'find . -name "*.o" -delete',
  'find . -exec rm {} \\;',
  'find . -execdir sh -c x \\;',
  'find . -ok rm {} \\;',
  'find . -fprint out.txt',
  'find . -fls out.txt',
  'find . -fprintf out.txt %p',
  'find . -name *.ts',
  // sed
  'sed -i s/a/b/ file',
  "sed -n -i '1p' file",
  "sed 's/a/b/' file",
  "sed -n '1w out.txt' file",
  "sed -n 's/a/b/w out.txt' file",
  "sed -n '1e rm -rf /' file",
  "sed -n 's/a/b/ep' file",
  "sed -n '1p' *",
  'sed -n -f script.sed file',
  "sed --in-place -n '1p' file",
  // sort, uniq, tree, file, date
  'sort -o out.txt in.txt',
  'sort --output=out.txt in.txt',
  'sort --out=out.txt in.txt',
  'sort --compress-program=sh big.txt',
  'sort -uo out in',
  'uniq in.txt out.txt',
  'tree -o listing.txt',
  'tree -R -H . src',
  'file -C -m magic',
  'date -s "2020-01-01"',
  'date --set=2020-01-01',
  // ripgrep running programs
  'rg --pre cat foo',
  'rg --pre=sh foo',
  'rg -z foo',
  'rg -iz foo',
  'rg --search-zip foo',
  'rg --hostname-bin=evil foo',
  'rg foo *',
  // git
  'git -c core.pager=x log',
  'git -c core.fsmonitor=evil status',
  'git --git-dir=/tmp/evil status',
  'git --exec-path=/tmp log',
  'git -p log',
  'git commit -m x',
  'git checkout -- .',
  'git reset --hard',
  'git push',
  'git stash',
  'git branch new-feature',
  'git branch -d old',
  'git branch -D old',
  'git branch -m a b',
  'git branch --set-upstream-to=origin/main',
  'git diff --output=patch.txt',
  'git log -p --output patch.txt',
  'git diff --out=patch.txt',
  'git diff --ext-diff',
  'git grep -O foo',
  'git grep --open-files-in-pager=vim foo',
  'git remote add evil https://example.com',
  'git config user.name x',
  'git diff *',
  'git',
  // programs not on the list, or not by their bare name
  'rm -rf build',
  'touch x',
  'mkdir x',
  'cp a b',
  'mv a b',
  'chmod +x a',
  'curl https://example.com',
  'npm install',
  'python -c "print(1)"',
  'node -e 1',
  'xargs ls',
  'env ls',
  'sudo ls',
  'tee x',
  'awk "{print}" file',
  './ls',
  '/tmp/cat file',
  'less file',
  // shells we do not see through
  "bash -c 'rm x'",
  "bash -lc 'ls' && rm x",
  "bash -c 'ls' extra",
  "./bash -c 'ls'",
  'bash script.sh',
  'sh',
  // nothing to run is not "safe"
  '',
  '# just a comment',
  '> truncated.txt',
];

describe('isKnownSafeCommand', () => {
  it('has a table worth the name', () => {
    expect(safe.length + unsafe.length).toBeGreaterThanOrEqual(60);
  });

  it.each(safe)('safe: %j', (script) => {
    expect(isKnownSafeCommand(script)).toBe(true);
  });

  it.each(unsafe)('unsafe: %j', (script) => {
    expect(isKnownSafeCommand(script)).toBe(false);
  });
});

describe('isKnownSafeArgv', () => {
  it('reads through a shell, or checks the words as one command', () => {
    expect(isKnownSafeArgv(['bash', '-lc', 'git status'])).toBe(true);
    expect(isKnownSafeArgv(['ls', '-la'])).toBe(true);
    expect(isKnownSafeArgv(['cat', 'a; rm -rf /'])).toBe(true);
    expect(isKnownSafeArgv(['bash', '-lc', 'rm -rf /'])).toBe(false);
    expect(isKnownSafeArgv(['find', '.', '-delete'])).toBe(false);
  });
});

describe('isPrintOnlySedScript', () => {
  it.each([
    ['1,200p', true],
    ['$p', true],
    ['10p;20,$p', true],
    ['/a\\/b/,+3p', true],
    ['p', true],
    ['1d', false],
    ['1p;w out', false],
    ['s/a/b/p', false],
    ['1,2p w out', false],
    ['', false],
  ])('%j → %j', (script, expected) => {
    expect(isPrintOnlySedScript(script)).toBe(expected);
  });
});
