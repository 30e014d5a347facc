/**
 * The README's quickstart, tried as a new user would, on a fresh copy of the checkout (every file
 * git would put in a clone, as it is in the working tree, and nothing else: no node_modules, no
 * build output): every shell block marked `<!-- runnable -->` runs as written, in order (`npm ci`
 * first); `npm run demo` then fixes the demo's bug when the user answers yes; and the editor
 * snippet (marked `<!-- runnable with the scripted model -->`) answers from the scripted model.
 * No API key anywhere, and nothing but loopback: the only model is the scripted one.
 *
 * `npm ci` prefers the npm cache, so this needs the network only when the cache lacks a package.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INHERITED_ENV, REPO_ROOT, reply, runCli, scriptedAgentd } from '../support/index.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const SLOW_MS = 10 * 60_000;

/** The code of every fenced block of `language` right after the HTML comment `marker`. */
function markedBlocks(marker: string, language: string): string[] {
  const pattern = new RegExp(`^<!-- ${marker} -->\\n\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...README.matchAll(pattern)].map((match) => match[1] as string);
}

/** Copies what a clone of the working tree would hold into `target`. */
function copyCheckout(target: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  for (const path of new Set(listed.split('\0').filter(Boolean))) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    try {
      copyFileSync(join(REPO_ROOT, path), join(target, path)); // keeps the mode: bin scripts stay executable
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted, not yet committed
    }
  }
}

describe('the README quickstart, on a fresh clone', () => {
  let clone: string;
  let home: string;
  /** A new user's environment: no API key, an AGENTD_HOME of their own, npm preferring its cache. */
  let env: NodeJS.ProcessEnv;
  /** What each runnable block did, in README order (`npm ci` first, so the clone is installed). */
  const ran: Array<{ block: string; code: number | null; stdout: string; stderr: string }> = [];

  beforeAll(async () => {
    clone = await mkdtemp(join(tmpdir(), 'agentd-clone-'));
    home = await mkdtemp(join(tmpdir(), 'agentd-clone-home-'));
    copyCheckout(clone);
    env = { AGENTD_HOME: home, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
    for (const block of markedBlocks('runnable', 'sh')) {
      // stdin closed: nobody answers the demo's questions, which it takes as "no".
      await using run = runCli('sh', ['-e', '-c', block], { cwd: clone, env, input: '', timeoutMs: SLOW_MS });
      ran.push({ block, ...(await run.finished()) });
    }
  }, SLOW_MS);

  afterAll(async () => {
    await rm(clone, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it('marks the install, the demo and the handshake as runnable', () => {
    const commands = markedBlocks('runnable', 'sh').join('\n');
    expect(commands).toMatch(/^npm ci$/m);
    expect(commands).toMatch(/^npm run demo$/m);
    expect(commands).toContain('| npx agentd app-server');
    expect(markedBlocks('runnable with the scripted model', 'js')).toHaveLength(1);
  });

  it('every runnable block works as written, in order', () => {
    expect(ran.map(({ block }) => block)).toEqual(markedBlocks('runnable', 'sh'));
    for (const { block, code, stdout, stderr } of ran) {
      expect(code, `${block}\nstdout: ${stdout.slice(-3000)}\nstderr: ${stderr.slice(-3000)}`).toBe(0);
      if (block.includes('initialize')) expect(JSON.parse(stdout)).toMatchObject({ id: 1, result: { platformFamily: 'unix' } });
      if (block.includes('npm run demo')) expect(stdout).toContain('turn completed');
      if (block.includes('--help')) expect(stdout).toContain('usage: agentd exec');
    }
  });

  it(
    'npm run demo: answering yes, the agent fixes the bug and the tests pass',
    async () => {
      await using run = runCli('npm', ['run', 'demo'], { cwd: clone, env, input: 'y\ny\ny\n', timeoutMs: 120_000 });
      const { code, stdout, stderr } = await run.finished();
      expect(code, stderr).toBe(0);
      expect(stderr).toContain('no network, no API key');
      for (const part of ['$ cat math.js', 'FAIL sum([1,2,3]) = 5, expected 6', '+  for (let i = 0;', 'patch completed', 'all 3 tests passed', 'turn completed']) {
        expect(stdout).toContain(part);
      }
    },
    SLOW_MS,
  );

  it(
    'the editor snippet streams the answer of a turn',
    async () => {
      await using setting = await scriptedAgentd({ script: [reply.text('It is agentd, an app-server for coding agents.')] });
      const [snippet] = markedBlocks('runnable with the scripted model', 'js');
      writeFileSync(join(clone, 'embed.mjs'), snippet as string);
      await using run = runCli(process.execPath, ['embed.mjs'], { cwd: clone, env: { ...env, ...setting.env }, timeoutMs: 60_000 });
      const { code, stdout } = await run.finished();
      expect(code).toBe(0);
      expect(stdout).toBe('It is agentd, an app-server for coding agents.');
      expect(JSON.stringify(setting.model.modelRequests[0]?.json.input.at(-1))).toContain('What does this project do?');
    },
    SLOW_MS,
  );
});
