/**
 * What bounds a command: 100 MB of output ends capped (for the model, the client and command/exec)
 * while the daemon's memory stays bounded (its peak RSS, VmHWM, read from /proc); a command past
 * its timeout is killed with everything it started, sandboxed or not; killing the daemon kills its
 * sandboxed commands.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnDaemonWithModel } from '../support/index.js';
import { runCommandsInTurn } from '../support/turn-commands.js';

const MB = 1024 * 1024;
/** 100 MB of output, 10 bytes a line. */
const HUNDRED_MB = "yes 'agentd-xx' | head -c 100000000";
const WARM_UP_OUTPUT = "yes 'agentd-xx' | head -c 20000000";
/**
 * How much more than before the 100 MB the daemon may hold at its peak: less than one copy of the
 * output, while two go through. "Before" is after a warm-up that streamed 20 MB the same two ways:
 * what V8's heap grows to under any streaming command is the daemon's working size. Measured from
 * a daemon that had only run `echo`, that growth counted too, and with the client lagging on a busy
 * machine (the whole suite running) the total reached 97–115 MB. What the 100 MB add beyond it
 * (40–55 MB on the same busy machine) is garbage awaiting collection.
 */
const MEMORY_BOUND = 100_000_000;

const scratchDirs: string[] = [];
afterEach(async () => {
  for (const dir of scratchDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = realpathSync(await mkdtemp('/tmp/agentd-limits-'));
  scratchDirs.push(dir);
  return dir;
}

/** The peak resident memory of a process so far, in bytes. */
function peakRss(pid: number | undefined): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Processes whose command line contains `marker` (the test's own ones cannot: it never runs them). */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** A `sleep` unique to this test, so its processes can be found in /proc. */
function uniqueSleep(): { marker: string; seconds: string } {
  const seconds = `${300 + Math.floor(Math.random() * 1000)}.${process.pid}${Date.now() % 100000}`;
  return { marker: `sleep ${seconds}`, seconds };
}

describe('command limits', () => {
  it('100 MB of output: the item, the model and command/exec get capped output, the daemon stays bounded', async () => {
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' } });
    const { daemon, model } = env;
    const cwd = await scratch();
    const { thread } = await daemon.request('thread/start', { cwd });
    // Warm up: load everything a command needs, and stream some output the same ways, so that V8's
    // heap has the size streaming gives it before measuring (what it grows to under any streaming
    // command is the daemon's, not the 100 MB's).
    await runCommandsInTurn(env, thread.id, [WARM_UP_OUTPUT], {}, { timeoutMs: 60_000 });
    await daemon.request('command/exec', { command: ['bash', '-c', WARM_UP_OUTPUT], cwd }, { timeoutMs: 60_000 });
    const before = peakRss(daemon.pid);

    const { items } = await runCommandsInTurn(env, thread.id, [HUNDRED_MB], {}, { timeoutMs: 120_000 });
    const item = items[0];
    expect(item).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(Buffer.byteLength(item.aggregatedOutput)).toBeLessThanOrEqual(MB + 100);
    expect(item.aggregatedOutput).toMatch(/^agentd-xx\n/);
    expect(item.aggregatedOutput).toMatch(/bytes elided/);
    const toModel = String(model.modelRequests.at(-1)?.json.input.at(-1).output);
    expect(toModel.length).toBeLessThan(64 * 1024);
    // The client got the first 8 MiB live, then a note; the completed item has the head and tail.
    const deltas = daemon.notifications.filter((n) => n.method === 'item/commandExecution/outputDelta' && n.params.itemId === item.id);
    const streamed = deltas.reduce((sum, n) => sum + Buffer.byteLength(n.params.delta), 0);
    expect(streamed).toBeGreaterThanOrEqual(8 * MB);
    expect(streamed).toBeLessThan(8 * MB + 64 * 1024);
    expect(deltas.at(-1)?.params.delta).toMatch(/more output than can be streamed/);

    const exec = await daemon.request('command/exec', { command: ['bash', '-c', HUNDRED_MB], cwd }, { timeoutMs: 120_000 });
    expect(exec.exitCode).toBe(0);
    expect(Buffer.byteLength(exec.stdout)).toBe(MB);

    const after = peakRss(daemon.pid);
    console.log(`daemon peak RSS: ${(before / MB).toFixed(1)} MB before, ${(after / MB).toFixed(1)} MB after 2 × 100 MB of output`);
    expect(after - before).toBeLessThan(MEMORY_BOUND);
  }, 240_000);

  it.each(['workspace-write', 'danger-full-access'])('%s: a command past its timeout is killed with its whole process group', async (sandbox) => {
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never' } });
    const cwd = await scratch();
    const { thread } = await env.daemon.request('thread/start', { cwd, sandbox });
    const { marker, seconds } = uniqueSleep();
    const { items } = await runCommandsInTurn(env, thread.id, [
      { cmd: `sleep ${seconds} & (sleep ${seconds} &); echo started; sleep ${seconds}`, timeout_ms: 1_000 },
    ]);
    expect(items[0]).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringContaining('started') });
    const toModel = String(env.model.modelRequests[1]?.json.input.at(-1).output);
    expect(toModel).toMatch(/timed out/i);
    await expect.poll(() => processesWith(marker), { timeout: 5_000 }).toEqual([]);
  });

  it('killing the daemon kills its sandboxed commands', async () => {
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' } });
    const { daemon, model } = env;
    const cwd = await scratch();
    const { thread } = await daemon.request('thread/start', { cwd });
    const { marker, seconds } = uniqueSleep();
    const running = runCommandsInTurn(env, thread.id, [`sleep ${seconds} & echo started; sleep ${seconds}`]).catch(() => undefined);
    await daemon.nextNotification('item/commandExecution/outputDelta', { where: (p) => p.delta.includes('started') });
    expect(processesWith(marker).length).toBeGreaterThan(0);
    daemon.kill('SIGKILL');
    await daemon.exited;
    await expect.poll(() => processesWith(marker), { timeout: 5_000 }).toEqual([]);
    await running;
  });
});
