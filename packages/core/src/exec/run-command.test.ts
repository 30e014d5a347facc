import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesMatching } from '../../../../test/support/index.js';
import { killAllCommands, liveCommandCount } from './process-group.js';
import { type RunCommandOptions, runCommand } from './run-command.js';

const scratch = mkdtempSync(join(tmpdir(), 'agentd-run-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch, LANG: 'C.UTF-8' };

function bash(script: string, options: Partial<RunCommandOptions> = {}) {
  return runCommand({ argv: ['bash', '-c', script], cwd: scratch, env, ...options });
}

/** Live (not zombie) processes whose process group is `pgid`, read from /proc. */
function liveMembersOf(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
  }
  return members;
}

/** Resolves once `check` holds; there is no event for "a process that is not our child is gone". */
async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A FIFO the test writes to when it has seen what it waited for: the command blocks on it meanwhile. */
function gate(name: string): { path: string; open: () => Promise<void> } {
  const path = join(scratch, name);
  execFileSync('mkfifo', [path]);
  return { path, open: () => writeFile(path, 'go\n') };
}

describe('runCommand', () => {
  it('reports the exit code and both streams', async () => {
    const result = await bash('echo out; echo err >&2; exit 3');
    expect(result).toMatchObject({
      exitCode: 3,
      signal: null,
      stdout: 'out\n',
      stderr: 'err\n',
      truncatedBytes: 0,
      timedOut: false,
      aborted: false,
    });
    expect(result.pid).toBeTypeOf('number');
    expect(result.spawnError).toBeUndefined();
  });

  it('interleaves stdout and stderr in the order they arrived, and streams each piece', async () => {
    const step = gate('interleave');
    const pieces: [string, string][] = [];
    const result = await bash(`echo one; read _ < ${step.path}; echo two >&2; read _ < ${step.path}; echo three`, {
      onOutput: (text, stream) => {
        pieces.push([stream, text]);
        if (text.includes('one') || text.includes('two')) void step.open();
      },
    });
    expect(pieces).toEqual([
      ['stdout', 'one\n'],
      ['stderr', 'two\n'],
      ['stdout', 'three\n'],
    ]);
    expect(result.aggregatedOutput).toBe('one\ntwo\nthree\n');
    expect(result.stdout).toBe('one\nthree\n');
  });

  it('decodes a character split across two reads', async () => {
    const step = gate('utf8');
    const pieces: string[] = [];
    // The euro sign is e2 82 ac: two bytes now, the last one after the test has seen the first read.
    const result = await bash(`printf 'x\\xe2\\x82'; read _ < ${step.path}; printf '\\xac!'`, {
      onOutput: (text) => {
        pieces.push(text);
        if (text === 'x') void step.open();
      },
    });
    expect(pieces).toEqual(['x', '€!']);
    expect(result.stdout).toBe('x€!');
  });

  it('turns an incomplete character at the end into U+FFFD', async () => {
    const result = await bash(`printf 'a\\xe2\\x82'`);
    expect(result.stdout).toBe('a\uFFFD');
  });

  it('reports a missing program as a spawn error, not an exception', async () => {
    const result = await runCommand({ argv: ['agentd-no-such-program'], cwd: scratch, env });
    expect(result).toMatchObject({ exitCode: null, pid: undefined, spawnError: 'command not found: agentd-no-such-program' });
  });

  it('reports a missing working directory as such', async () => {
    const cwd = join(scratch, 'missing');
    const result = await runCommand({ argv: ['ls'], cwd, env });
    expect(result).toMatchObject({ exitCode: null, spawnError: `working directory does not exist: ${cwd}` });
  });

  it('leaves "command not found" inside a shell to the shell', async () => {
    const result = await runCommand({ argv: ['bash', '-lc', 'agentd-no-such-program'], cwd: scratch, env });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain('command not found');
  });

  it('reports a command killed by a signal', async () => {
    const result = await bash('kill -TERM $$');
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: false, aborted: false });
  });

  it('feeds stdin and closes it, or leaves it unconnected', async () => {
    expect((await runCommand({ argv: ['cat'], cwd: scratch, env, stdin: 'hello\n' })).stdout).toBe('hello\n');
    const unconnected = await runCommand({ argv: ['cat'], cwd: scratch, env });
    expect(unconnected).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('copes with a command that does not read the stdin it is given', async () => {
    const result = await runCommand({ argv: ['true'], cwd: scratch, env, stdin: 'x'.repeat(4 * 1024 * 1024) });
    expect(result.exitCode).toBe(0);
    expect(result.spawnError).toBeUndefined();
  });

  it('is not disturbed by a listener that throws', async () => {
    const result = await bash('echo one; echo two', {
      onOutput: () => {
        throw new Error('the UI broke');
      },
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'one\ntwo\n' });
  });

  it('gives the command exactly the environment it is handed', async () => {
    const result = await bash('echo "[$FOO][${HOSTNAME_FROM_DAEMON:-unset}]"', { env: { ...env, FOO: 'bar' } });
    expect(result.stdout).toBe('[bar][unset]\n');
  });

  it('kills the whole process group on timeout', async () => {
    const result = await runCommand({ argv: ['bash', '-lc', 'sleep 30 & sleep 30'], cwd: scratch, env, timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, aborted: false, exitCode: null });
    expect(result.durationMs).toBeLessThan(5_000);
    const pgid = result.pid as number;
    await eventually(() => liveMembersOf(pgid).length === 0, 2_000, `the processes of group ${pgid} to be gone`);
  });

  it('kills the whole process group on abort, and escalates to SIGKILL for a process ignoring SIGTERM', async () => {
    const controller = new AbortController();
    const result = await bash(`trap '' TERM; sleep 30 & echo started; sleep 30`, {
      signal: controller.signal,
      onOutput: (text) => text.includes('started') && controller.abort(),
    });
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null, signal: 'SIGKILL' });
    const pgid = result.pid as number;
    await eventually(() => liveMembersOf(pgid).length === 0, 2_000, `the processes of group ${pgid} to be gone`);
  });

  it('also stops descendants that left the group (a new session), and they are gone when it returns', async () => {
    const controller = new AbortController();
    const marker = `sleep 30.${process.pid}7`;
    const result = await bash(`setsid ${marker} & echo started; ${marker}`, {
      signal: controller.signal,
      onOutput: (text) => text.includes('started') && setTimeout(() => controller.abort(), 100),
    });
    expect(result.aborted).toBe(true);
    expect(processesMatching(marker)).toEqual([]);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const result = await bash('echo never', { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ aborted: true, pid: undefined, stdout: '' });
  });

  it('completes a command that left a background process holding its output, and kills that process', async () => {
    const result = await bash('sleep 30 & echo started');
    expect(result).toMatchObject({ exitCode: 0, stdout: 'started\n', timedOut: false, aborted: false });
    const pgid = result.pid as number;
    await eventually(() => liveMembersOf(pgid).length === 0, 2_000, `the processes of group ${pgid} to be gone`);
  });

  it('stops every running command at shutdown', async () => {
    let started = 0;
    let bothStarted!: () => void;
    const allStarted = new Promise<void>((resolve) => (bothStarted = resolve));
    const onOutput = (text: string): void => {
      if (text.includes('started') && ++started === 2) bothStarted();
    };
    const runs = [bash('echo started; sleep 30', { onOutput }), bash('echo started; sleep 30', { onOutput })];
    await allStarted;
    expect(liveCommandCount()).toBe(2);
    await killAllCommands();
    const results = await Promise.all(runs);
    expect(results.map((result) => result.aborted)).toEqual([true, true]);
    expect(liveCommandCount()).toBe(0);
  });

  it('keeps the head and tail of 100 MB of output without holding it', async () => {
    const total = 100_000_000;
    let peakRss = 0;
    let seen = 0;
    global.gc?.();
    const before = process.memoryUsage();
    const result = await bash(`printf BEGIN; head -c ${total} /dev/zero | tr '\\0' a; printf END`, {
      onOutput: (text) => {
        seen += text.length;
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      },
    });
    const after = process.memoryUsage();
    const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
    console.log(
      `100 MB test: ${result.durationMs} ms; rss before ${mb(before.rss)}, peak ${mb(peakRss)} (+${mb(peakRss - before.rss)}), ` +
        `after ${mb(after.rss)}; heap before ${mb(before.heapUsed)}, after ${mb(after.heapUsed)}; ` +
        `kept stdout ${result.stdout.length} chars, truncated ${result.truncatedBytes} bytes`,
    );

    const printed = total + 'BEGIN'.length + 'END'.length;
    expect(seen).toBe(printed);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('BEGINaaa')).toBe(true);
    expect(result.stdout.endsWith('aaaEND')).toBe(true);
    expect(result.truncatedBytes).toBe(printed - 1024 * 1024);
    expect(result.stdout).toContain(`\n[… ${printed - 1024 * 1024} bytes elided …]\n`);
    expect(result.aggregatedOutput).toBe(result.stdout);
    expect(result.stdout.length).toBeLessThan(1024 * 1024 + 100);
    // A generous bound: the point is that memory does not follow the 100 MB.
    expect(peakRss - before.rss).toBeLessThan(150 * 1024 * 1024);
  });
});
