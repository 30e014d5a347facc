/**
 * A process a client drives while it runs (`command/exec`): its stdin can be fed and closed, it can
 * be terminated, and its output arrives as raw bytes, each stream cut at a byte cap. Unlike
 * `runCommand` (the model's commands, decoded and kept head + tail), nothing here is text: the
 * client gets the bytes.
 *
 * The process leads its own process group; a timeout or `terminate()` stops the whole group. When
 * the consumer of the output is slow (`onOutput` returns a promise), the stream is paused until it
 * settles, so the process blocks on a full pipe instead of the daemon buffering without bound.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { OutputStreamName } from './command-output.js';
import { registerGroup, signalGroup, terminateGroup, unregisterGroup } from './process-group.js';

export interface SpawnProcessOptions {
  /** Program and arguments; no shell is added. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The whole environment of the process. */
  readonly env: Record<string, string>;
  /** Stop the process group after this long; never when undefined. */
  readonly timeoutMs?: number;
  /** Connect stdin to `write` / `closeStdin`; otherwise stdin is /dev/null. */
  readonly pipeStdin: boolean;
  /** Bytes taken from each stream; the rest is read and dropped. Unlimited when undefined. */
  readonly outputBytesCap?: number;
  /** Keep what was taken for `exit`; otherwise only `onOutput` sees it. */
  readonly keepOutput: boolean;
  /**
   * Each piece taken from a stream, in order; `capReached` on the piece that fills the cap. A
   * returned promise pauses that stream until it settles.
   */
  readonly onOutput?: (chunk: Buffer, stream: OutputStreamName, capReached: boolean) => void | Promise<void>;
}

export interface ProcessExit {
  /** Null when a signal ended it or it never started. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** `terminate()` stopped it. */
  readonly terminated: boolean;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly stdoutCapReached: boolean;
  readonly stderrCapReached: boolean;
  readonly durationMs: number;
  /** Why it could not start; exitCode is null then. */
  readonly spawnError?: string;
}

/** After the process exits, how long its pipes may stay open before what holds them is killed. */
const DRAIN_AFTER_EXIT_MS = 2_000;
/** After killing the group, how long to wait for the pipes before closing our ends. */
const CLOSE_AFTER_KILL_MS = 500;

export class ProcessInputError extends Error {
  override readonly name = 'ProcessInputError';
}

export class RunningProcess {
  readonly pid: number | undefined;
  readonly exit: Promise<ProcessExit>;
  readonly #child: ChildProcess;
  readonly #streams: CappedStream[];
  #stopReason: 'timeout' | 'terminate' | undefined;
  #exited = false;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: SpawnProcessOptions) {
    const startedAt = performance.now();
    const [file = '', ...args] = options.argv;
    this.#child = spawn(file, args, {
      cwd: options.cwd,
      env: options.pipeStdin ? withoutSshGuess(options.env) : options.env,
      // Its own process group (and session): the pid is the group id we signal.
      detached: true,
      stdio: [options.pipeStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    this.pid = this.#child.pid;
    this.#child.stdin?.on('error', () => {});
    const stdout = new CappedStream(this.#child.stdout, 'stdout', options);
    const stderr = new CappedStream(this.#child.stderr, 'stderr', options);
    this.#streams = [stdout, stderr];

    this.exit = new Promise<ProcessExit>((resolve) => {
      const finish = (status: { code: number | null; signal: NodeJS.Signals | null; spawnError?: string }) => {
        this.#clearTimers();
        if (this.pid !== undefined) unregisterGroup(this.pid);
        resolve({
          exitCode: status.code,
          signal: status.signal,
          timedOut: this.#stopReason === 'timeout',
          terminated: this.#stopReason === 'terminate',
          stdout: stdout.bytes,
          stderr: stderr.bytes,
          stdoutCapReached: stdout.capReached,
          stderrCapReached: stderr.capReached,
          durationMs: Math.round(performance.now() - startedAt),
          ...(status.spawnError === undefined ? {} : { spawnError: status.spawnError }),
        });
      };
      this.#child.once('error', (error: NodeJS.ErrnoException) => {
        // Only a failed spawn has no pid; other errors (a kill that found nothing) change nothing.
        if (this.pid === undefined) finish({ code: null, signal: null, spawnError: describeSpawnError(error, file) });
      });
      if (this.pid === undefined) return;
      // 'close' comes after 'exit' and after both pipes closed: all output has been seen.
      this.#child.once('exit', () => {
        this.#exited = true;
        this.#after(DRAIN_AFTER_EXIT_MS, () => this.#releasePipes());
      });
      this.#child.once('close', (code: number | null, signal: NodeJS.Signals | null) => finish({ code, signal }));
    });

    if (this.pid === undefined) return;
    const pgid = this.pid;
    registerGroup({ pgid, terminate: () => this.terminate() });
    if (options.timeoutMs !== undefined) this.#after(options.timeoutMs, () => void this.#stop('timeout'));
  }

  /** Writes to stdin; fails when stdin is not piped or already closed. */
  write(data: Uint8Array): Promise<void> {
    const stdin = this.#child.stdin;
    if (!stdin) return Promise.reject(new ProcessInputError('stdin streaming is not enabled for this process'));
    if (stdin.writableEnded || stdin.destroyed) return Promise.reject(new ProcessInputError('stdin is already closed'));
    if (data.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      stdin.write(data, (error) => (error ? reject(new ProcessInputError(`could not write to stdin: ${error.message}`)) : resolve()));
    });
  }

  closeStdin(): void {
    const stdin = this.#child.stdin;
    if (!stdin) throw new ProcessInputError('stdin streaming is not enabled for this process');
    stdin.end();
  }

  /** Stops the whole process group (SIGTERM, then SIGKILL); `exit` says `terminated`. */
  terminate(): Promise<void> {
    return this.#stop('terminate');
  }

  async #stop(reason: 'timeout' | 'terminate'): Promise<void> {
    if (this.pid === undefined) return;
    if (!this.#exited) this.#stopReason ??= reason;
    await terminateGroup(this.pid);
    this.#after(CLOSE_AFTER_KILL_MS, () => this.#destroyPipes());
  }

  /**
   * The process exited but its pipes are still open. While the consumer is slow that is expected;
   * otherwise something it left running holds them: that group is killed and the pipes closed.
   */
  #releasePipes(): void {
    if (this.#streams.some((stream) => stream.waitingOnConsumer)) {
      this.#after(DRAIN_AFTER_EXIT_MS, () => this.#releasePipes());
      return;
    }
    if (this.pid !== undefined) signalGroup(this.pid, 'SIGKILL');
    this.#after(CLOSE_AFTER_KILL_MS, () => this.#destroyPipes());
  }

  #destroyPipes(): void {
    if (this.#streams.some((stream) => stream.waitingOnConsumer)) return;
    this.#child.stdout?.destroy();
    this.#child.stderr?.destroy();
  }

  #after(ms: number, task: () => void): void {
    const timer = setTimeout(task, ms);
    this.#timers.push(timer);
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }
}

export function spawnProcess(options: SpawnProcessOptions): RunningProcess {
  return new RunningProcess(options);
}

/** One output stream: taken up to the cap, handed on, kept if asked; the rest drained unseen. */
class CappedStream {
  readonly #name: OutputStreamName;
  readonly #cap: number | undefined;
  readonly #keep: boolean;
  readonly #onOutput: SpawnProcessOptions['onOutput'];
  readonly #kept: Buffer[] = [];
  #taken = 0;
  #capReached = false;
  #pending = 0;

  constructor(stream: Readable | null, name: OutputStreamName, options: SpawnProcessOptions) {
    this.#name = name;
    this.#cap = options.outputBytesCap;
    this.#keep = options.keepOutput;
    this.#onOutput = options.onOutput;
    if (!stream) return;
    stream.on('data', (chunk: Buffer) => this.#take(chunk, stream));
    stream.on('error', () => {});
  }

  get bytes(): Buffer {
    return Buffer.concat(this.#kept);
  }

  get capReached(): boolean {
    return this.#capReached;
  }

  /** True while the consumer has not finished with a piece (the stream is paused). */
  get waitingOnConsumer(): boolean {
    return this.#pending > 0;
  }

  #take(chunk: Buffer, stream: Readable): void {
    if (this.#pending > 0) {
      // Node resumes a child's output streams when it exits; the consumer still has not caught up.
      stream.pause();
      stream.unshift(chunk);
      return;
    }
    if (this.#capReached) return;
    let piece = chunk;
    if (this.#cap !== undefined) {
      piece = chunk.subarray(0, Math.max(0, this.#cap - this.#taken));
      this.#taken += piece.length;
      this.#capReached = this.#taken >= this.#cap;
    }
    if (piece.length === 0 && !this.#capReached) return;
    if (this.#keep) this.#kept.push(piece);
    let consumed: void | Promise<void>;
    try {
      consumed = this.#onOutput?.(piece, this.#name, this.#capReached);
    } catch {
      // A consumer's fault must not take down the process or the daemon (this is a stream event).
      return;
    }
    if (consumed instanceof Promise) {
      this.#pending++;
      stream.pause();
      const resume = () => {
        this.#pending--;
        if (this.#pending === 0) stream.resume();
      };
      consumed.then(resume, resume);
    }
  }
}

/**
 * Node's pipes are socket pairs, and Debian's bash takes a socket on stdin for an ssh session and
 * sources ~/.bashrc — even for `bash -c`. It does not in a nested shell (SHLVL of 1 or more).
 */
function withoutSshGuess(env: Record<string, string>): Record<string, string> {
  return env.SHLVL === undefined ? { ...env, SHLVL: '1' } : env;
}

function describeSpawnError(error: NodeJS.ErrnoException, file: string): string {
  if (error.code === 'ENOENT') return `command not found (or the working directory does not exist): ${file}`;
  if (error.code === 'EACCES') return `permission denied: ${file}`;
  return `${error.code ?? 'spawn failed'}: ${error.message}`;
}
