/**
 * Start-up: time from spawning `agentd app-server` to its answer to `initialize`, and the daemon's
 * peak resident memory, over 15 runs. Targets: median ≤ 150 ms, peak ≤ 70 MiB.
 *
 *   npm run bench:startup
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { AGENTD_BIN } from '../support/index.js';
import { type Figure, isMain, median, percentile, printTable } from './bench-table.js';

const INITIALIZE = '{"id":1,"method":"initialize","params":{"clientInfo":{"name":"bench","version":"1"}}}\n';

export interface StartupRun {
  /** Spawn to the first byte of the initialize response. */
  readonly answerMs: number;
  /** Peak resident set (VmHWM) once the daemon has also loaded the agent after answering. */
  readonly peakRssMiB: number;
}

/**
 * Spawns `agentd app-server` with `home` as its home and sends `initialize`; resolves at the first
 * byte of the answer with the time that took. The daemon runs on until its stdin is ended.
 */
export async function spawnUntilInitialized(home: string): Promise<{ child: ChildProcessByStdio<Writable, Readable, null>; answerMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [AGENTD_BIN, 'app-server'], {
    env: { PATH: process.env.PATH ?? '', HOME: home, AGENTD_HOME: home },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  child.stdin.write(INITIALIZE);
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
  });
  return { child, answerMs: performance.now() - started };
}

async function runOnce(home: string): Promise<StartupRun> {
  const { child, answerMs } = await spawnUntilInitialized(home);
  // Give the daemon time to load the rest (it does so right after answering), then read its peak.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakRssMiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  child.stdin.end();
  await new Promise((resolve) => child.once('close', resolve));
  return { answerMs, peakRssMiB };
}

/** Bare Node answering at once: the floor no daemon can beat on this machine, for reference. */
async function nodeFloorMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', 'process.stdout.write("{}\\n")'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const elapsed = performance.now() - started;
  await new Promise((resolve) => child.once('close', resolve));
  return elapsed;
}

export async function measureStartup(runs: number): Promise<{ runs: StartupRun[]; figures: Figure[] }> {
  const home = await mkdtemp(join(tmpdir(), 'agentd-bench-startup-'));
  try {
    await runOnce(home); // Warm the file system cache; not counted.
    const results: StartupRun[] = [];
    for (let index = 0; index < runs; index++) results.push(await runOnce(home));
    const answers = results.map((run) => run.answerMs);
    const floors: number[] = [];
    for (let index = 0; index < runs; index++) floors.push(await nodeFloorMs());
    const figures: Figure[] = [
      { name: 'spawn → initialize response, median', value: median(answers), unit: 'ms', target: { op: '<=', limit: 150 } },
      { name: 'spawn → initialize response, p90', value: percentile(answers, 90), unit: 'ms' },
      { name: 'for reference: bare `node -e` answering, median', value: median(floors), unit: 'ms' },
      { name: 'peak RSS (max over runs)', value: Math.max(...results.map((run) => run.peakRssMiB)), unit: 'MiB', target: { op: '<=', limit: 70 } },
    ];
    return { runs: results, figures };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { figures } = await measureStartup(15);
  printTable(`agentd start-up (15 runs, node ${process.version})`, figures);
}
