import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProcessInputError, type SpawnProcessOptions, spawnProcess } from './spawn-process.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'agentd-spawn-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function bash(script: string, options: Partial<SpawnProcessOptions> = {}) {
  return spawnProcess({
    argv: ['bash', '-c', script],
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd },
    pipeStdin: false,
    keepOutput: true,
    ...options,
  });
}

/** Running, not a zombie. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('spawnProcess', () => {
  it('keeps raw output and the exit code', async () => {
    const exit = await bash('printf "out\\xff"; printf err >&2; exit 7').exit;
    expect(exit).toMatchObject({ exitCode: 7, signal: null, timedOut: false, terminated: false, stdoutCapReached: false });
    expect(exit.stdout).toEqual(Buffer.from([0x6f, 0x75, 0x74, 0xff]));
    expect(exit.stderr.toString()).toBe('err');
  });

  it('takes the first outputBytesCap bytes of each stream; capReached on the piece that fills it', async () => {
    const pieces: Array<[string, string, boolean]> = [];
    const exit = await bash('printf 0123456789; printf abc >&2', {
      outputBytesCap: 4,
      onOutput: (chunk, stream, capReached) => void pieces.push([stream, chunk.toString(), capReached]),
    }).exit;
    expect(exit).toMatchObject({ exitCode: 0, stdoutCapReached: true, stderrCapReached: false });
    expect(exit.stdout.toString()).toBe('0123');
    expect(exit.stderr.toString()).toBe('abc');
    expect(pieces.filter(([stream]) => stream === 'stdout')).toEqual([['stdout', '0123', true]]);
  });

  it('feeds stdin and closes it; without pipeStdin there is nothing to write to', async () => {
    const cat = bash('cat; echo end', { pipeStdin: true });
    await cat.write(Buffer.from('hello\n'));
    cat.closeStdin();
    await expect(cat.write(Buffer.from('late'))).rejects.toThrow(ProcessInputError);
    expect((await cat.exit).stdout.toString()).toBe('hello\nend\n');

    const noStdin = bash('true');
    await expect(noStdin.write(Buffer.from('x'))).rejects.toThrow('stdin streaming is not enabled');
    await noStdin.exit;
  });

  it("bash does not source ~/.bashrc because stdin is a socket", async () => {
    writeFileSync(join(cwd, '.bashrc'), 'echo BASHRC-SOURCED\n');
    const shell = bash('echo ran', { pipeStdin: true });
    shell.closeStdin();
    expect((await shell.exit).stdout.toString()).toBe('ran\n');
  });

  it('terminate stops the whole group', async () => {
    const pieces: string[] = [];
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const sleeper = bash('sleep 300 & echo $!; sleep 300', {
      onOutput: (chunk) => {
        pieces.push(chunk.toString());
        started();
      },
    });
    await ready;
    const child = Number(pieces.join('').trim());
    expect(isRunning(child)).toBe(true);
    await sleeper.terminate();
    const exit = await sleeper.exit;
    expect(exit).toMatchObject({ terminated: true, timedOut: false, exitCode: null, signal: 'SIGTERM' });
    await expect.poll(() => isRunning(child)).toBe(false);
  });

  it('a timeout stops it', async () => {
    const exit = await bash('echo started; sleep 300', { timeoutMs: 200 }).exit;
    expect(exit).toMatchObject({ timedOut: true, terminated: false, signal: 'SIGTERM' });
    expect(exit.stdout.toString()).toBe('started\n');
  });

  it('waits for a slow consumer: the next piece comes only once the last one was taken', async () => {
    let inFlight = 0;
    let overlapped = false;
    let bytes = 0;
    const exit = await bash('head -c 3000000 /dev/zero', {
      keepOutput: false,
      onOutput: async (chunk) => {
        if (inFlight > 0) overlapped = true;
        inFlight++;
        bytes += chunk.length;
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
      },
    }).exit;
    expect(exit.exitCode).toBe(0);
    expect(exit.stdout.length).toBe(0);
    expect(bytes).toBe(3_000_000);
    expect(overlapped).toBe(false);
  });

  it('a program that does not exist is a spawn error, not a crash', async () => {
    const exit = await spawnProcess({ argv: ['agentd-no-such-program'], cwd, env: {}, pipeStdin: false, keepOutput: true }).exit;
    expect(exit).toMatchObject({ exitCode: null, spawnError: expect.stringContaining('agentd-no-such-program') });
  });
});
