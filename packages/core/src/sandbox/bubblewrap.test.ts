/**
 * The confinement itself, with the real bwrap: what a command may write, what it cannot undo (it
 * runs as root in CI, so only mounts hold, not permissions), what it can see and reach.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { processesMatching } from '../../../../test/support/index.js';
import { runCommand } from '../exec/run-command.js';
import { BubblewrapSandbox, bubblewrapArgs } from './bubblewrap.js';
import { findOnPath } from './bubblewrap-probe.js';
import type { SandboxPolicy } from './sandbox-policy.js';

const bwrap = findOnPath('bwrap', process.env.PATH);
if (!bwrap) throw new Error('these tests need bubblewrap (bwrap) on PATH; .ci/run installs it');

let base: string;
let home: string;
let sandbox: BubblewrapSandbox;
beforeEach(() => {
  base = realpathSync(mkdtempSync('/tmp/agentd-bwrap-'));
  home = join(base, 'home');
  mkdirSync(home);
  sandbox = new BubblewrapSandbox(bwrap, home);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const confined: SandboxPolicy = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };

async function run(script: string, cwd: string, policy: SandboxPolicy = confined) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  return runCommand({ argv: sandbox.wrap(['bash', '-c', script], policy, cwd, env), cwd, env, timeoutMs: 20_000 });
}

function project(name = 'project'): string {
  const cwd = join(base, name);
  mkdirSync(join(cwd, '.git'), { recursive: true });
  return cwd;
}

describe('BubblewrapSandbox', () => {
  it('builds its arguments from the plan: binds in order, /dev and /proc last', () => {
    expect(bubblewrapArgs({ writableRoots: ['/w'], readOnlyPaths: ['/w/.git'], networkAccess: false, hiddenPaths: ['/run'], missingRoots: [] }, '/w')).toEqual([
      '--new-session',
      '--die-with-parent',
      '--unshare-pid',
      '--cap-drop',
      'ALL',
      '--unshare-net',
      '--ro-bind',
      '/',
      '/',
      '--tmpfs',
      '/run',
      '--bind',
      '/w',
      '/w',
      '--ro-bind',
      '/w/.git',
      '/w/.git',
      '--dev',
      '/dev',
      '--proc',
      '/proc',
      '--chdir',
      '/w',
    ]);
    expect(sandbox.wrap(['true'], { type: 'dangerFullAccess' }, '/')).toEqual(['true']);
  });

  it('writes in the working directory, nowhere else, and never in .git or the home', async () => {
    const cwd = project();
    const result = await run(`echo ok > inside.txt; echo no > ${base}/outside.txt; echo no > .git/x; echo no > ${home}/x; echo done`, cwd);
    expect(result.exitCode).toBe(0);
    expect(result.aggregatedOutput.match(/Read-only file system/g)).toHaveLength(3);
    expect(existsSync(join(cwd, 'inside.txt'))).toBe(true);
    expect(existsSync(join(base, 'outside.txt'))).toBe(false);
    expect(existsSync(join(cwd, '.git/x'))).toBe(false);
  });

  it('even root cannot undo the read-only binds: no remount, no unmount, .git cannot be moved away', async () => {
    const cwd = project();
    const result = await run(
      `mount -o remount,rw / 2>&1; umount .git 2>&1; mv .git moved 2>&1; echo no > ${base}/outside.txt; echo no > .git/x; grep CapEff /proc/self/status`,
      cwd,
    );
    expect(result.aggregatedOutput).toMatch(/CapEff:\s+0+\n/);
    expect(existsSync(join(base, 'outside.txt'))).toBe(false);
    expect(existsSync(join(cwd, '.git/x'))).toBe(false);
    expect(existsSync(join(cwd, 'moved'))).toBe(false);
  });

  it('a symlinked working directory is writable through the link; a missing extra root is skipped', async () => {
    const real = project('real');
    const link = join(base, 'link');
    symlinkSync(real, link);
    const policy: SandboxPolicy = { ...confined, writableRoots: [join(base, 'missing')] } as SandboxPolicy;
    const result = await run('echo ok > via-link.txt && echo no > .git/x', link, policy);
    expect(result.aggregatedOutput).toMatch(/Read-only file system/);
    expect(existsSync(join(real, 'via-link.txt'))).toBe(true);
  });

  it('its own PID namespace and session: the host processes are invisible', async () => {
    const result = await run('echo "pid=$$ sid=$(cut -d" " -f6 /proc/self/stat)"; ls /proc | grep -c "^[0-9]"', project());
    const [ids, count] = result.stdout.trim().split('\n');
    expect(ids).toMatch(/^pid=\d sid=[1-9]\d*$/);
    expect(Number(count)).toBeLessThan(10);
    expect(result.stdout).not.toContain(`pid=${process.pid}`);
  });

  it('a command stopped while its sandbox is still starting leaves nothing running', async () => {
    // bwrap moves the sandbox to a session of its own as it starts: a stop landing then used to kill
    // bwrap alone and orphan the sandbox, which ran its command to the end.
    const cwd = project();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    for (let attempt = 0; attempt < 12; attempt++) {
      const marker = `sleep 33.${process.pid}${attempt}`;
      const stop = new AbortController();
      const running = runCommand({ argv: sandbox.wrap(['bash', '-c', marker], confined, cwd, env), cwd, env, signal: stop.signal });
      // The first milliseconds after spawning, when bwrap is setting the sandbox up.
      setTimeout(() => stop.abort(), 1 + (attempt % 6));
      const result = await running;
      expect(result.aborted).toBe(true);
      expect(processesMatching(marker)).toEqual([]);
    }
  });

  describe('the network', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((socket) => socket.end('hello from the host\n'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("is out of reach unless the policy allows it: the host's loopback included", async () => {
      const script = `exec 3<>/dev/tcp/127.0.0.1/${port} && head -1 <&3`;
      const denied = await run(script, project());
      expect(denied.exitCode).not.toBe(0);
      expect(denied.stdout).toBe('');
      const allowed = await run(script, project('net'), { ...confined, networkAccess: true } as SandboxPolicy);
      expect(allowed).toMatchObject({ exitCode: 0, stdout: 'hello from the host\n' });
    });

    it("cannot reach a Unix socket of the host's services in /run (Docker's, D-Bus') without network access", async () => {
      const path = `/run/agentd-test-${process.pid}-${Date.now()}.sock`;
      const unix = createServer((socket) => socket.end('hello from a host service\n'));
      await new Promise<void>((resolve) => unix.listen(path, resolve));
      try {
        const connect = `${JSON.stringify(process.execPath)} -e 'require("net").connect(process.argv[1]).on("data", (d) => process.stdout.write(d)).on("error", (e) => { console.log(e.code); process.exit(3); })' ${path}`;
        const denied = await run(connect, project('unix'), { type: 'readOnly', networkAccess: false });
        expect(denied).toMatchObject({ exitCode: 3, stdout: 'ENOENT\n' });
        // The check above means something: the same command reaches it where /run is visible.
        const allowed = await run(connect, project('unix-net'), { type: 'readOnly', networkAccess: true });
        expect(allowed).toMatchObject({ exitCode: 0, stdout: 'hello from a host service\n' });
      } finally {
        await new Promise<void>((resolve) => unix.close(() => resolve()));
      }
    });
  });
});
