/**
 * AGENTS.md: the global file in AGENTD_HOME, then one file per directory from the git root down to
 * the cwd reach the first model request in that order, listed as `instructionSources`; over the
 * byte budget the deepest file is cut and the client gets a `warning` saying so.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

/** A real git repository: AGENTS.md at the root, an override in `pkg`, AGENTS.md in `pkg/src`. */
async function nestedRepo(): Promise<{ root: string; cwd: string; files: string[] }> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'agentd-agents-repo-')));
  execFileSync('git', ['init', '-q', root]);
  const cwd = join(root, 'pkg', 'src');
  await mkdir(cwd, { recursive: true });
  await writeFile(join(root, 'AGENTS.md'), '# Root\nRun `npm test` before finishing.\n');
  await writeFile(join(root, 'pkg', 'AGENTS.md'), '# Pkg (shadowed by the override)\n');
  await writeFile(join(root, 'pkg', 'AGENTS.override.md'), '# Pkg override\nNo new dependencies.\n');
  await writeFile(join(cwd, 'AGENTS.md'), `# Src\n${'Keep functions short. '.repeat(20)}\n`);
  return { root, cwd, files: [join(root, 'AGENTS.md'), join(root, 'pkg', 'AGENTS.override.md'), join(cwd, 'AGENTS.md')] };
}

function agentsSections(contextText: string): { path: string; body: string }[] {
  return [...contextText.matchAll(/<agents_md path="([^"]+)">\n([\s\S]*?)\n<\/agents_md>/g)].map((match) => ({ path: match[1] as string, body: match[2] as string }));
}

describe('AGENTS.md', () => {
  it('nested files in a git repo reach the first request in order, after the global one', async () => {
    await using env = await spawnDaemonWithModel({ script: [reply.text('Noted.')] });
    const { daemon, model, home } = env;
    const repo = await nestedRepo();
    await writeFile(join(home, 'AGENTS.md'), '# Global\nAnswer in English.\n');
    const globalPath = join(await realpath(home), 'AGENTS.md');

    const started = await daemon.request('thread/start', { cwd: repo.cwd });
    expect(started.instructionSources).toEqual([globalPath, ...repo.files]);
    const { turn } = await daemon.request('turn/start', { threadId: started.thread.id, input: text('hello') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });

    const input = model.modelRequests[0]?.json.input;
    expect(input.map((item: any) => item.role)).toEqual(['developer', 'user', 'user']);
    const context: string = input[1].content[0].text;
    expect(agentsSections(context)).toEqual([
      { path: globalPath, body: '# Global\nAnswer in English.' },
      { path: repo.files[0], body: '# Root\nRun `npm test` before finishing.' },
      { path: repo.files[1], body: '# Pkg override\nNo new dependencies.' },
      { path: repo.files[2], body: `# Src\n${'Keep functions short. '.repeat(20).trimEnd()}` },
    ]);
    // The environment comes after the instructions.
    expect(context.indexOf('<environment_context>')).toBeGreaterThan(context.lastIndexOf('</agents_md>'));
    expect(context).toContain(`<cwd>${repo.cwd}</cwd>`);
    expect(daemon.notifications.filter((n) => n.method === 'warning')).toEqual([]);
  });

  it('over budget, the deepest file is cut first and the client is told', async () => {
    const repo = await nestedRepo();
    const [rootBytes, overrideBytes, deepestBytes] = await Promise.all(repo.files.map(async (file) => (await stat(file)).size));
    // The root file and the override fit; the deepest file gets what is left.
    const kept = 100 - (rootBytes as number) - (overrideBytes as number);
    await using env = await spawnDaemonWithModel({ settings: { project_doc_max_bytes: 100 }, script: [reply.text('Noted.')] });
    const { daemon, model } = env;

    const started = await daemon.request('thread/start', { cwd: repo.cwd });
    expect(started.instructionSources).toEqual(repo.files);
    const warning = await daemon.nextNotification('warning');
    expect(warning.params).toEqual({
      threadId: started.thread.id,
      seq: expect.any(Number),
      message: `The AGENTS.md instructions exceed the 100-byte budget: ${repo.files[2]} was truncated to ${kept} of ${deepestBytes} bytes. Raise project_doc_max_bytes in config.toml to load them whole.`,
    });

    const { turn } = await daemon.request('turn/start', { threadId: started.thread.id, input: text('hello') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const sections = agentsSections(model.modelRequests[0]?.json.input[1].content[0].text);
    expect(sections.map((section) => section.path)).toEqual(repo.files);
    expect(sections[2]?.body).toBe(`${(await readFile(repo.files[2] as string, 'utf8')).slice(0, kept)}\n[… cut here: the file has ${deepestBytes} bytes, more than the instructions budget allows]`);
  });

  it('configured fallback names count when a directory has no AGENTS.md', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'agentd-agents-fallback-')));
    execFileSync('git', ['init', '-q', root]);
    await writeFile(join(root, 'CLAUDE.md'), 'Use tabs.\n');
    await using env = await spawnDaemonWithModel({ settings: { project_doc_fallback_filenames: ['CLAUDE.md'] } });
    const started = await env.daemon.request('thread/start', { cwd: root });
    expect(started.instructionSources).toEqual([join(root, 'CLAUDE.md')]);
  });
});
