/**
 * Commands run in bubblewrap: under workspace-write they write in the working directory, /tmp and
 * $TMPDIR and nowhere else, `.git` and the daemon's home stay read-only, and the host's network is
 * out of reach; a turn's sandbox policy narrows that exactly as its fields say; danger-full-access
 * lifts all of it. Real bubblewrap, real files, a real TCP server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnDaemonWithModel } from '../support/index.js';
import { runCommandsInTurn } from '../support/turn-commands.js';

const READ_ONLY = /Read-only file system/;

/** A TCP server on the host's loopback that counts who connects. */
async function loopbackServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { port: address.port, connections: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A project (a git repository) in a scratch folder under /tmp, a folder outside every writable root, and a $TMPDIR. */
async function layout() {
  const scratch = realpathSync(await mkdtemp('/tmp/agentd-sbx-'));
  const project = join(scratch, 'project');
  await mkdir(project);
  execFileSync('git', ['init', '-q', project]);
  const outside = await mkdtemp('/var/tmp/agentd-outside-');
  const tmpdir = await mkdtemp('/var/tmp/agentd-tmpdir-');
  const server = await loopbackServer();
  cleanups.push(async () => {
    await server.close();
    for (const dir of [scratch, outside, tmpdir]) await rm(dir, { recursive: true, force: true });
  });
  return { scratch, project, outside, tmpdir, server };
}

/** The same writes and connection, to be allowed or refused. */
function probes(l: Awaited<ReturnType<typeof layout>>, home: string) {
  return [
    'echo cwd > in-cwd.txt',
    `echo out > ${l.outside}/escape.txt`,
    'echo hook > .git/injected',
    `echo tmp > ${l.scratch}/in-tmp.txt`,
    'echo tmpdir > "$TMPDIR/in-tmpdir.txt"',
    `exec 3<>/dev/tcp/127.0.0.1/${l.server.port} && echo connected`,
    `echo planted > ${home}/planted.txt`,
  ];
}

describe('the sandbox', () => {
  it('workspace-write: writes only in cwd, /tmp and $TMPDIR; .git and the home stay read-only; no network', async () => {
    const l = await layout();
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' }, env: { TMPDIR: l.tmpdir } });
    const { daemon } = env;
    const home = realpathSync(env.home);
    const started = await daemon.request('thread/start', { cwd: l.project });
    expect(started.sandboxEnforcement).toEqual({
      mechanism: 'bubblewrap',
      writableRoots: ['/tmp', l.tmpdir],
      readOnlyPaths: [home, join(l.project, '.git')].filter((path) => path.startsWith('/tmp/')).sort(),
      networkAccess: false,
    });

    const { items } = await runCommandsInTurn(env, started.thread.id, probes(l, home));
    const [cwd, outside, git, tmp, tmpdir, network, planted] = items;
    expect(cwd).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(outside).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(git).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(tmp).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(tmpdir).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(network).toMatchObject({ status: 'failed' });
    expect(network.aggregatedOutput).not.toContain('connected');
    expect(planted).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });

    expect(existsSync(join(l.project, 'in-cwd.txt'))).toBe(true);
    expect(existsSync(join(l.outside, 'escape.txt'))).toBe(false);
    expect(existsSync(join(l.project, '.git/injected'))).toBe(false);
    expect(existsSync(join(l.scratch, 'in-tmp.txt'))).toBe(true);
    expect(existsSync(join(l.tmpdir, 'in-tmpdir.txt'))).toBe(true);
    expect(existsSync(join(home, 'planted.txt'))).toBe(false);
    expect(l.server.connections()).toBe(0);
  });

  it("a turn's policy excluding /tmp and $TMPDIR makes them read-only, the parent folder under /tmp included", async () => {
    const l = await layout();
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never' }, env: { TMPDIR: l.tmpdir } });
    const { thread } = await env.daemon.request('thread/start', { cwd: l.project, sandbox: 'workspace-write' });
    const sandboxPolicy = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };
    const { items } = await runCommandsInTurn(
      env,
      thread.id,
      ['echo parent > ../parent.txt', 'echo tmpdir > "$TMPDIR/excluded.txt"', 'echo cwd > still-writable.txt', 'echo hook > .git/injected'],
      { sandboxPolicy },
    );
    const [parent, tmpdir, cwd, git] = items;
    expect(parent).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(tmpdir).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(cwd).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(git).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(existsSync(join(l.scratch, 'parent.txt'))).toBe(false);
    expect(existsSync(join(l.tmpdir, 'excluded.txt'))).toBe(false);
    expect(existsSync(join(l.project, 'still-writable.txt'))).toBe(true);

    // The policy stays for the turns after it.
    const next = await runCommandsInTurn(env, thread.id, ['echo again > ../parent.txt']);
    expect(next.items[0]).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(existsSync(join(l.scratch, 'parent.txt'))).toBe(false);
  });

  it('read-only: nothing is writable, not even the working directory', async () => {
    const l = await layout();
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never' } });
    const started = await env.daemon.request('thread/start', { cwd: l.project, sandbox: 'read-only' });
    expect(started.sandboxEnforcement).toEqual({ mechanism: 'bubblewrap', writableRoots: [], readOnlyPaths: [], networkAccess: false });
    const { items } = await runCommandsInTurn(env, started.thread.id, ['cat .git/HEAD', 'echo no > in-cwd.txt']);
    expect(items[0]).toMatchObject({ status: 'completed', exitCode: 0, aggregatedOutput: expect.stringContaining('ref:') });
    expect(items[1]).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(READ_ONLY) });
    expect(existsSync(join(l.project, 'in-cwd.txt'))).toBe(false);
  });

  it('danger-full-access: every one of those writes and the connection succeed', async () => {
    const l = await layout();
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never' }, env: { TMPDIR: l.tmpdir } });
    const home = realpathSync(env.home);
    const started = await env.daemon.request('thread/start', { cwd: l.project, sandbox: 'danger-full-access' });
    expect(started.sandboxEnforcement).toEqual({ mechanism: 'none', writableRoots: ['/'], readOnlyPaths: [], networkAccess: true });

    const { items } = await runCommandsInTurn(env, started.thread.id, probes(l, home));
    for (const item of items) expect(item, item.command).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(items[5].aggregatedOutput).toContain('connected');
    expect(existsSync(join(l.outside, 'escape.txt'))).toBe(true);
    expect(existsSync(join(l.project, '.git/injected'))).toBe(true);
    expect(existsSync(join(home, 'planted.txt'))).toBe(true);
    expect(l.server.connections()).toBe(1);
    // No warning: running unconfined is what the client asked for.
    expect(env.daemon.notifications.filter((n) => n.method === 'warning')).toEqual([]);
  });

  it("a command cannot read the daemon's OPENAI_API_KEY, from its environment or the daemon's", async () => {
    const secret = 'sk-agentd-test-secret-0123456789';
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' },
      env: { OPENAI_API_KEY: secret },
    });
    const cwd = realpathSync(await mkdtemp('/tmp/agentd-secret-'));
    cleanups.push(() => rm(cwd, { recursive: true, force: true }));
    const { thread } = await env.daemon.request('thread/start', { cwd });
    const { items } = await runCommandsInTurn(env, thread.id, [
      'echo "key=[$OPENAI_API_KEY] test=[$AGENTD_TEST_API_KEY]"; env',
      // Every environment this command can see in /proc: its own namespace's processes only.
      'for f in /proc/[0-9]*/environ; do tr "\\0" "\\n" < "$f"; done 2>/dev/null; echo scanned',
    ]);
    expect(items[0]).toMatchObject({ status: 'completed', aggregatedOutput: expect.stringContaining('key=[] test=[]') });
    expect(items[1]).toMatchObject({ status: 'completed', aggregatedOutput: expect.stringContaining('scanned') });
    for (const item of items) expect(item.aggregatedOutput).not.toContain(secret);
    // The daemon did have it.
    expect(readEnviron(env.daemon.pid)).toContain(secret);
  });
});

function readEnviron(pid: number | undefined): string {
  return execFileSync('cat', [`/proc/${pid}/environ`], { encoding: 'utf8' });
}
