/**
 * Durable threads, against the real built daemon (the model is never called):
 * - thread/resume of a thread with 1,000 turns (about 10 MB of rollout): time from the request to
 *   the response at the client — target ≤ 250 ms; and the daemon's peak memory with the thread
 *   alone on disk and with 10,000 other threads there (it must not grow with them);
 * - thread/list, first page over 10,000 stored threads: on a fresh daemon with the index present
 *   — target ≤ 50 ms; on a warm daemon; and with the index missing (rebuilt from the rollouts).
 *
 *   npm run bench:threads
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { AGENTD_BIN } from '../support/daemon.js';
import { mockProviderConfig } from '../support/mock-config.js';
import { profilingArgs } from './bench-daemon.js';
import { type Figure, isMain, median, printTable } from './bench-table.js';
import { writeManyThreads, writeThread } from './rollout-builder.js';

export interface ThreadsBenchOptions {
  /** Turns of the big thread (default 1,000). */
  turns?: number;
  /** Command output per turn, in bytes (default 4,200: about 10 MB for 1,000 turns). */
  outputBytes?: number;
  /** Other threads on disk (default 10,000). */
  others?: number;
  /** Measurements per figure; the median is reported (default 5). */
  runs?: number;
  log?: (line: string) => void;
}

export interface ThreadsBenchResult {
  rolloutBytes: number;
  turns: number;
  others: number;
  resumeMs: { alone: number; withOthers: number };
  resumePeakRssMb: { alone: number; withOthers: number };
  /** The daemon's own CPU time for the resume (user + system): steadier than wall time on a busy machine. */
  resumeCpuMs: { alone: number; withOthers: number };
  idlePeakRssMb: number;
  listMs: { rebuild: number; fresh: number; warm: number };
  listPage: number;
}

const CONFIG = mockProviderConfig('http://127.0.0.1:9/v1');

export async function runThreadsBench(options: ThreadsBenchOptions = {}): Promise<ThreadsBenchResult> {
  const turns = options.turns ?? 1_000;
  const others = options.others ?? 10_000;
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => undefined);
  const alone = await mkdtemp(join(tmpdir(), 'agentd-bench-alone-'));
  const crowded = await mkdtemp(join(tmpdir(), 'agentd-bench-crowded-'));
  try {
    log(`writing a ${turns}-turn thread and ${others} other threads…`);
    const big = writeThread(alone, { turns, outputBytes: options.outputBytes ?? 4_200, createdAtMs: Date.now() - 60_000 });
    await cp(join(alone, 'sessions'), join(crowded, 'sessions'), { recursive: true });
    writeManyThreads(crowded, others, Date.now() - 120_000);

    log('thread/list over the stored threads…');
    const rebuild: number[] = [];
    const fresh: number[] = [];
    const warm: number[] = [];
    let listPage = 0;
    for (let run = 0; run < runs; run++) {
      await rm(join(crowded, 'state'), { recursive: true, force: true });
      rebuild.push(await withDaemon(crowded, async (daemon) => (await timed(() => daemon.request('thread/list', {}))).ms));
      await withDaemon(crowded, async (daemon) => {
        const first = await timed(() => daemon.request('thread/list', {}));
        fresh.push(first.ms);
        listPage = (first.value as { data: unknown[] }).data.length;
        warm.push((await timed(() => daemon.request('thread/list', {}))).ms);
      });
    }
    // Index the lone home too, so both resumes find the rollout through the index.
    await withDaemon(alone, (daemon) => daemon.request('thread/list', {}));

    log('thread/resume of the big thread…');
    const resume = async (home: string) => {
      const times: number[] = [];
      const peaks: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < runs; run++) {
        await withDaemon(home, async (daemon) => {
          const before = cpuMs(daemon);
          times.push((await timed(() => daemon.request('thread/resume', { threadId: big.id }))).ms);
          cpu.push(cpuMs(daemon) - before);
          peaks.push(peakRssMb(daemon));
        });
      }
      return { ms: median(times), peak: median(peaks), cpu: median(cpu) };
    };
    const resumeAlone = await resume(alone);
    const resumeCrowded = await resume(crowded);
    const idle = await withDaemon(crowded, async (daemon) => peakRssMb(daemon));
    return {
      rolloutBytes: big.bytes,
      turns,
      others,
      resumeMs: { alone: resumeAlone.ms, withOthers: resumeCrowded.ms },
      resumePeakRssMb: { alone: resumeAlone.peak, withOthers: resumeCrowded.peak },
      resumeCpuMs: { alone: resumeAlone.cpu, withOthers: resumeCrowded.cpu },
      idlePeakRssMb: idle,
      listMs: { rebuild: median(rebuild), fresh: median(fresh), warm: median(warm) },
      listPage,
    };
  } finally {
    await rm(alone, { recursive: true, force: true });
    await rm(crowded, { recursive: true, force: true });
  }
}

/** The figures, against their targets. */
export function threadsFigures(result: ThreadsBenchResult): Figure[] {
  const mb = (result.rolloutBytes / 1024 / 1024).toFixed(1);
  return [
    { name: `thread/resume, ${result.turns} turns (${mb} MB), alone on disk`, value: result.resumeMs.alone, unit: 'ms', target: { op: '<=', limit: 250 } },
    { name: `thread/resume, the same, beside ${result.others} other threads`, value: result.resumeMs.withOthers, unit: 'ms', target: { op: '<=', limit: 250 } },
    { name: 'daemon CPU time for that resume, alone', value: result.resumeCpuMs.alone, unit: 'ms' },
    { name: 'daemon peak RSS after that resume, alone', value: result.resumePeakRssMb.alone, unit: 'MB' },
    { name: `daemon peak RSS after that resume, beside ${result.others} others`, value: result.resumePeakRssMb.withOthers, unit: 'MB' },
    { name: `daemon peak RSS, started only, beside ${result.others} others`, value: result.idlePeakRssMb, unit: 'MB' },
    { name: `thread/list first page (${result.listPage}) of ${result.others + 1}, fresh daemon`, value: result.listMs.fresh, unit: 'ms', target: { op: '<=', limit: 50 } },
    { name: 'thread/list first page, warm daemon', value: result.listMs.warm, unit: 'ms', target: { op: '<=', limit: 50 } },
    { name: 'thread/list first page, index missing (rebuild)', value: result.listMs.rebuild, unit: 'ms' },
  ];
}

/**
 * A bare client: lines in, JSON out, no schema validation, so that a 5 MB response costs the client
 * one JSON.parse and nothing else.
 */
class BenchClient {
  readonly pid: number;
  readonly #child;
  #nextId = 1;
  readonly #pending = new Map<number, (message: any) => void>();

  constructor(home: string) {
    this.#child = spawn(process.execPath, [...profilingArgs(), AGENTD_BIN, 'app-server'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, AGENTD_HOME: home, AGENTD_LOG: 'warn' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.pid = this.#child.pid as number;
    createInterface({ input: this.#child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      const message = JSON.parse(line);
      if ('id' in message && !('method' in message)) this.#pending.get(message.id)?.(message);
    });
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
      this.#child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  async close(): Promise<void> {
    this.#child.stdin.end();
    await new Promise((resolve) => this.#child.once('close', resolve));
  }
}

/**
 * Runs `body` on a fresh daemon over `home`, once it has loaded its handlers (the first request after
 * the handshake loads them; start-up has its own benchmark), so figures time only the request.
 */
async function withDaemon<T>(home: string, body: (daemon: BenchClient) => Promise<T>): Promise<T> {
  await writeFile(join(home, 'config.toml'), CONFIG);
  const daemon = new BenchClient(home);
  try {
    await daemon.request('initialize', { clientInfo: { name: 'bench', version: '0' } });
    await daemon.request('thread/loaded/list', {});
    return await body(daemon);
  } finally {
    await daemon.close();
  }
}

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await action();
  return { ms: performance.now() - start, value };
}

/** The daemon's CPU time so far (Linux: utime + stime), in ms. */
function cpuMs(daemon: BenchClient): number {
  const fields = readFileSync(`/proc/${daemon.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The daemon's peak resident memory so far (Linux), in MB. */
function peakRssMb(daemon: BenchClient): number {
  const status = readFileSync(`/proc/${daemon.pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

if (isMain(import.meta.url)) {
  const result = await runThreadsBench({ log: (line) => process.stderr.write(`${line}\n`) });
  printTable('durable threads', threadsFigures(result));
}
