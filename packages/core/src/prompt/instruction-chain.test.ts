import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBudget, loadInstructionChain, projectDirectories } from './instruction-chain.js';

const cleanup: string[] = [];
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  cleanup.push(dir);
  return dir;
}

/** A real git repository with `a/b` below its root; returns the root. */
async function gitRepo(): Promise<string> {
  const root = await tempDir('agentd-chain-repo-');
  execFileSync('git', ['init', '-q', root]);
  await mkdir(join(root, 'a', 'b'), { recursive: true });
  return root;
}

describe('the AGENTS.md chain', () => {
  it('goes global, then git root down to cwd, one file per directory, override first', async () => {
    const home = await tempDir('agentd-chain-home-');
    const root = await gitRepo();
    await writeFile(join(home, 'AGENTS.md'), 'global rules\n');
    await writeFile(join(root, 'AGENTS.md'), 'root rules\n');
    await writeFile(join(root, 'a', 'AGENTS.md'), 'a: ignored, the override wins\n');
    await writeFile(join(root, 'a', 'AGENTS.override.md'), 'a override\n');
    await writeFile(join(root, 'a', 'b', 'AGENTS.md'), 'b rules\n');
    const chain = await loadInstructionChain({ home, cwd: join(root, 'a', 'b'), maxBytes: 32 * 1024 });
    expect(chain.warnings).toEqual([]);
    expect(chain.files).toEqual([
      { path: join(home, 'AGENTS.md'), content: 'global rules\n' },
      { path: join(root, 'AGENTS.md'), content: 'root rules\n' },
      { path: join(root, 'a', 'AGENTS.override.md'), content: 'a override\n' },
      { path: join(root, 'a', 'b', 'AGENTS.md'), content: 'b rules\n' },
    ]);
  });

  it('uses the fallback names in their order, after AGENTS.md, and skips empty files', async () => {
    const home = await tempDir('agentd-chain-home-');
    const root = await gitRepo();
    await writeFile(join(root, 'AGENTS.md'), '   \n');
    await writeFile(join(root, 'CLAUDE.md'), 'claude rules\n');
    await writeFile(join(root, 'a', 'GUIDE.md'), 'guide\n');
    await writeFile(join(root, 'a', 'CLAUDE.md'), 'claude in a\n');
    const chain = await loadInstructionChain({ home, cwd: join(root, 'a'), maxBytes: 1000, fallbackNames: ['CLAUDE.md', 'GUIDE.md'] });
    expect(chain.files.map((file) => file.path)).toEqual([join(root, 'CLAUDE.md'), join(root, 'a', 'CLAUDE.md')]);
  });

  it('outside git, only the cwd itself counts', async () => {
    const outer = await tempDir('agentd-chain-nogit-');
    await writeFile(join(outer, 'AGENTS.md'), 'outer\n');
    await mkdir(join(outer, 'inner'));
    await writeFile(join(outer, 'inner', 'AGENTS.md'), 'inner\n');
    expect(await projectDirectories(join(outer, 'inner'))).toEqual([join(outer, 'inner')]);
    const chain = await loadInstructionChain({ home: await tempDir('agentd-chain-home-'), cwd: join(outer, 'inner'), maxBytes: 1000 });
    expect(chain.files.map((file) => file.content)).toEqual(['inner\n']);
  });

  it('over budget, the deepest file is cut first and the cut is reported', async () => {
    const home = await tempDir('agentd-chain-home-');
    const root = await gitRepo();
    await writeFile(join(root, 'AGENTS.md'), 'r'.repeat(60));
    await writeFile(join(root, 'a', 'AGENTS.md'), 'a'.repeat(60));
    await writeFile(join(root, 'a', 'b', 'AGENTS.md'), 'b'.repeat(60));
    const chain = await loadInstructionChain({ home, cwd: join(root, 'a', 'b'), maxBytes: 100 });
    expect(chain.files).toEqual([
      { path: join(root, 'AGENTS.md'), content: 'r'.repeat(60) },
      { path: join(root, 'a', 'AGENTS.md'), content: 'a'.repeat(40), truncatedFrom: 60 },
    ]);
    expect(chain.warnings).toEqual([
      `The AGENTS.md instructions exceed the 100-byte budget: ${join(root, 'a', 'AGENTS.md')} was truncated to 40 of 60 bytes; ` +
        `${join(root, 'a', 'b', 'AGENTS.md')} (60 bytes) was left out. Raise project_doc_max_bytes in config.toml to load them whole.`,
    ]);
  });

  it('never splits a UTF-8 character when it truncates', () => {
    const bytes = Buffer.from('ééé', 'utf8');
    const { files, cut } = applyBudget([{ path: '/x/AGENTS.md', bytes }], 3);
    expect(files[0]?.content).toBe('é');
    expect(cut).toEqual([{ path: '/x/AGENTS.md', bytes: 6, kept: 2 }]);
  });

  it('a budget of 0 turns the chain off', async () => {
    const root = await gitRepo();
    await writeFile(join(root, 'AGENTS.md'), 'rules\n');
    expect(await loadInstructionChain({ home: await tempDir('agentd-chain-home-'), cwd: root, maxBytes: 0 })).toEqual({ files: [], warnings: [] });
  });

  it('an unreadable file is reported, not dropped silently', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const root = await gitRepo();
    await writeFile(join(root, 'AGENTS.md'), 'secret\n', { mode: 0o000 });
    const chain = await loadInstructionChain({ home: await tempDir('agentd-chain-home-'), cwd: root, maxBytes: 1000 });
    expect(chain.files).toEqual([]);
    expect(chain.warnings[0]).toMatch(/Could not read the instructions file .*AGENTS\.md \(EACCES\)/);
  });
});
