/**
 * A bench client for the built daemon: a bare-bones JSON-RPC client (no schema validation, so the
 * client is never the bottleneck) plus what a benchmark needs to see inside the process from
 * outside: its CPU time and resident memory from /proc, a forced garbage collection, and a stdout
 * that can be read slowly on purpose.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENTD_BIN, TEST_API_KEY, TEST_API_KEY_ENV } from '../support/index.js';
import { LineSplitter } from '../support/line-splitter.js';

/** Preloaded into the daemon: SIGUSR2 runs a full GC and reports memory on stderr. Bench only. */
const GC_HOOK = fileURLToPath(new URL('./gc-on-signal.cjs', import.meta.url));
const MEMORY_MARKER = 'agentd-bench-memory ';

/** Node options for a benchmarked daemon: AGENTD_BENCH_PROFILE=<dir> writes its CPU profile there. */
export function profilingArgs(): string[] {
  const dir = process.env.AGENTD_BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
/** Kernel clock ticks per second for /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface BenchDaemonOptions {
  /** `AGENTD_HOME`; config.toml is written there when `config` is given. */
  readonly home: string;
  readonly config?: string;
  /** Read stdout at this many bytes per second instead of as fast as it comes. */
  readonly readBytesPerSecond?: number;
}

/** The daemon's memory right after a forced full GC, as `process.memoryUsage()` saw it. */
export interface MemoryAfterGc {
  readonly rss: number;
  /** The heap V8 has committed, used or not. */
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** The resident part of V8's young generation (new space), part of `heapTotal`. */
  readonly youngResident: number;
}

export type NotificationListener = (message: any, receivedAt: number) => void;

export class BenchDaemon {
  readonly pid: number;
  /** Called with every notification (the last one set wins). */
  onNotification: NotificationListener = () => undefined;
  /** Bytes of stdout read so far. */
  bytesRead = 0;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void; method: string }>();
  readonly #memoryWaiters: Array<(memory: MemoryAfterGc) => void> = [];
  readonly #exited: Promise<void>;
  #nextId = 1;
  readonly #lines = new LineSplitter((line) => {
    if (line.length > 0) this.#onLine(line, this.#receivedAt);
  });
  /** When the chunk being split arrived. */
  #receivedAt = 0;
  #stderrPartial = '';
  #stderrTail: string[] = [];
  #readTimer: NodeJS.Timeout | undefined;

  private constructor(child: ChildProcessWithoutNullStreams, options: BenchDaemonOptions) {
    this.#child = child;
    this.pid = child.pid as number;
    child.stdin.on('error', () => undefined);
    child.stdout.setEncoding('utf8');
    if (options.readBytesPerSecond === undefined) child.stdout.on('data', (chunk: string) => this.#onStdout(chunk));
    else this.readSlowly(options.readBytesPerSecond);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.#onStderr(chunk));
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.#exited.then(() => {
      for (const [, pending] of this.#pending) pending.reject(new Error(`the daemon exited while ${pending.method} was pending:\n${this.#stderrTail.join('\n')}`));
      this.#pending.clear();
    });
  }

  /** Spawns `agentd app-server` (with the GC hook preloaded) and completes the handshake. */
  static async start(options: BenchDaemonOptions): Promise<BenchDaemon> {
    if (options.config !== undefined) await writeFile(join(options.home, 'config.toml'), options.config);
    const child = spawn(process.execPath, ['--expose-gc', '--require', GC_HOOK, ...profilingArgs(), AGENTD_BIN, 'app-server'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: options.home,
        AGENTD_HOME: options.home,
        [TEST_API_KEY_ENV]: TEST_API_KEY,
        AGENTD_LOG: 'warn',
        // AGENTD_BENCH_HEAP_DIR=<dir>: a heap snapshot there at each forced GC (see gc-on-signal.cjs).
        ...(process.env.AGENTD_BENCH_HEAP_DIR ? { AGENTD_BENCH_HEAP_DIR: process.env.AGENTD_BENCH_HEAP_DIR } : {}),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const daemon = new BenchDaemon(child, options);
    await daemon.request('initialize', { clientInfo: { name: 'bench', version: '1' } });
    daemon.notify('initialized');
    return daemon;
  }

  request(method: string, params?: unknown): Promise<any> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#child.stdin.write(`${JSON.stringify(params === undefined ? { id, method } : { id, method, params })}\n`);
    });
  }

  notify(method: string, params?: unknown): void {
    this.#child.stdin.write(`${JSON.stringify(params === undefined ? { method } : { method, params })}\n`);
  }

  /** Reads stdout at `bytesPerSecond` from now on (in 50 ms steps); `readFast` goes back. */
  readSlowly(bytesPerSecond: number): void {
    const stdout = this.#child.stdout;
    stdout.removeAllListeners('data');
    stdout.pause();
    clearInterval(this.#readTimer);
    const stepMs = 50;
    const budget = Math.max(1, Math.round((bytesPerSecond * stepMs) / 1000));
    this.#readTimer = setInterval(() => {
      // Fill the stream's buffer from the pipe (bounded by its highWaterMark), then take a slice.
      stdout.read(0);
      const take = Math.min(budget, stdout.readableLength);
      if (take === 0) return;
      const chunk = stdout.read(take) as string | null;
      if (chunk) this.#onStdout(chunk);
    }, stepMs);
  }

  readFast(): void {
    clearInterval(this.#readTimer);
    this.#readTimer = undefined;
    const stdout = this.#child.stdout;
    stdout.on('data', (chunk: string) => this.#onStdout(chunk));
    stdout.resume();
  }

  /** User + system CPU time the daemon has used, in ms (10 ms resolution). */
  cpuMs(): number {
    return cpuMsOf(this.pid);
  }

  /** Resident memory now (VmRSS) and at its peak (VmHWM), in KiB. */
  memoryKiB(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]), peak: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) };
  }

  /** File descriptors the daemon holds open now. */
  openFiles(): number {
    return readdirSync(`/proc/${this.pid}/fd`).length;
  }

  /** Forces a full GC in the daemon (the bench's preload) and returns its memory after it. */
  async collectGarbage(): Promise<MemoryAfterGc> {
    const answer = new Promise<MemoryAfterGc>((resolve) => this.#memoryWaiters.push(resolve));
    this.#child.kill('SIGUSR2');
    return answer;
  }

  /**
   * Resident memory once the daemon has settled: a forced GC, a pause, then the median of a few
   * VmRSS samples (RSS lags what the heap frees).
   */
  async settledMemory(samples = 5): Promise<{ rssKiB: number; afterGc: MemoryAfterGc }> {
    const afterGc = await this.collectGarbage();
    const values: number[] = [];
    for (let index = 0; index < samples; index++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      values.push(this.memoryKiB().rss);
    }
    values.sort((a, b) => a - b);
    return { rssKiB: values[Math.floor(values.length / 2)] as number, afterGc };
  }

  /** Closes stdin and waits for the daemon to exit. */
  async close(): Promise<void> {
    clearInterval(this.#readTimer);
    if (this.#child.stdout.isPaused()) this.readFast();
    this.#child.stdin.end();
    await this.#exited;
  }

  /** Kills the daemon at once (SIGKILL): a crash, or a bench that gave up. */
  async kill(): Promise<void> {
    clearInterval(this.#readTimer);
    this.#child.kill('SIGKILL');
    await this.#exited;
  }

  #onStdout(chunk: string): void {
    this.bytesRead += Buffer.byteLength(chunk);
    this.#receivedAt = performance.now();
    this.#lines.push(chunk);
  }

  #onLine(line: string, receivedAt: number): void {
    const message = JSON.parse(line);
    if ('id' in message && !('method' in message)) {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error) pending.reject(Object.assign(new Error(`${pending.method}: ${message.error.message}`), { code: message.error.code }));
      else pending.resolve(message.result);
    } else if ('method' in message && !('id' in message)) {
      this.onNotification(message, receivedAt);
    }
  }

  #onStderr(chunk: string): void {
    const lines = (this.#stderrPartial + chunk).split('\n');
    this.#stderrPartial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(MEMORY_MARKER)) {
        const memory = JSON.parse(line.slice(MEMORY_MARKER.length)) as MemoryAfterGc;
        for (const resolve of this.#memoryWaiters.splice(0)) resolve(memory);
      } else {
        this.#stderrTail = [...this.#stderrTail.slice(-19), line];
        if (process.env.AGENTD_BENCH_STDERR === '1') process.stderr.write(`${line}\n`);
      }
    }
  }
}

/** User + system CPU time of a process, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
