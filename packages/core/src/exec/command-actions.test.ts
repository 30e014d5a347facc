import { describe, expect, it } from 'vitest';
import { type CommandAction, describeCommand } from './command-actions.js';

const cases: [string, CommandAction[]][] = [
  ['cat README.md', [{ type: 'read', command: 'cat README.md', name: 'README.md', path: 'README.md' }]],
  ['cat -n src/index.ts', [{ type: 'read', command: 'cat -n src/index.ts', name: 'index.ts', path: 'src/index.ts' }]],
  ['head -n 50 src/a.ts', [{ type: 'read', command: 'head -n 50 src/a.ts', name: 'a.ts', path: 'src/a.ts' }]],
  ['tail -20 /var/log/app.log', [{ type: 'read', command: 'tail -20 /var/log/app.log', name: 'app.log', path: '/var/log/app.log' }]],
  ["sed -n '1,120p' lib/x.py", [{ type: 'read', command: "sed -n '1,120p' lib/x.py", name: 'x.py', path: 'lib/x.py' }]],
  ['nl -ba main.go', [{ type: 'read', command: 'nl -ba main.go', name: 'main.go', path: 'main.go' }]],
  ['cat a b', [{ type: 'unknown', command: 'cat a b' }]],
  ["sed 's/a/b/' f", [{ type: 'unknown', command: "sed 's/a/b/' f" }]],
  ['ls', [{ type: 'listFiles', command: 'ls', path: null }]],
  ['ls -la src', [{ type: 'listFiles', command: 'ls -la src', path: 'src' }]],
  ['ls a b', [{ type: 'listFiles', command: 'ls a b', path: null }]],
  ['tree -L 2 packages', [{ type: 'listFiles', command: 'tree -L 2 packages', path: 'packages' }]],
  ['find . -type f', [{ type: 'listFiles', command: 'find . -type f', path: '.' }]],
  ['rg --files src', [{ type: 'listFiles', command: 'rg --files src', path: 'src' }]],
  ['git ls-files', [{ type: 'listFiles', command: 'git ls-files', path: null }]],
  ["find src -name '*.ts'", [{ type: 'search', command: "find src -name '*.ts'", query: '*.ts', path: 'src' }]],
  ['grep -rn TODO src', [{ type: 'search', command: 'grep -rn TODO src', query: 'TODO', path: 'src' }]],
  ['grep -A 3 -e foo file.txt', [{ type: 'search', command: 'grep -A 3 -e foo file.txt', query: 'foo', path: 'file.txt' }]],
  ['rg "fn main"', [{ type: 'search', command: 'rg "fn main"', query: 'fn main', path: null }]],
  ['rg -n -g "*.ts" useState src', [{ type: 'search', command: 'rg -n -g "*.ts" useState src', query: 'useState', path: 'src' }]],
  ['git grep -n needle -- lib', [{ type: 'search', command: 'git grep -n needle -- lib', query: 'needle', path: 'lib' }]],
  // one action per command, scaffolding dropped
  ['cd packages/core && cat package.json', [{ type: 'read', command: 'cat package.json', name: 'package.json', path: 'packages/core/package.json' }]],
  [
    'cd src; rg foo && ls',
    [
      { type: 'search', command: 'rg foo', query: 'foo', path: 'src' },
      { type: 'listFiles', command: 'ls', path: 'src' },
    ],
  ],
  [
    'cd a && cd b; ls && cd - && ls && cd && cat .bashrc',
    [
      { type: 'listFiles', command: 'ls', path: 'a/b' },
      { type: 'listFiles', command: 'ls', path: 'a' },
      { type: 'read', command: 'cat .bashrc', name: '.bashrc', path: '~/.bashrc' },
    ],
  ],
  ['rg -n foo src | head -n 20', [{ type: 'search', command: 'rg -n foo src', query: 'foo', path: 'src' }]],
  ['cat src/a.ts | grep import', [{ type: 'read', command: 'cat src/a.ts', name: 'a.ts', path: 'src/a.ts' }]],
  ['ps aux | grep node', [{ type: 'unknown', command: 'ps aux' }]],
  [
    'echo "== a ==" && cat a && echo "== b ==" && cat b',
    [
      { type: 'read', command: 'cat a', name: 'a', path: 'a' },
      { type: 'read', command: 'cat b', name: 'b', path: 'b' },
    ],
  ],
  [
    'npm test && git status',
    [
      { type: 'unknown', command: 'npm test' },
      { type: 'unknown', command: 'git status' },
    ],
  ],
  // only scaffolding: shown as it is
  ['cd src', [{ type: 'unknown', command: 'cd src' }]],
  ['echo hi', [{ type: 'unknown', command: 'echo hi' }]],
  // through a shell invocation
  ["bash -lc 'cat README.md'", [{ type: 'read', command: 'cat README.md', name: 'README.md', path: 'README.md' }]],
  // not understood: the whole script, once
  ['cat $(ls)', [{ type: 'unknown', command: 'cat $(ls)' }]],
  ['for f in *; do cat $f; done', [{ type: 'unknown', command: 'for f in *; do cat $f; done' }]],
  ['  ', [{ type: 'unknown', command: '' }]],
];

describe('describeCommand', () => {
  it.each(cases)('%j', (script, expected) => {
    expect(describeCommand(script)).toEqual(expected);
  });
});
