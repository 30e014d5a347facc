/**
 * Runs one command to completion and reports what happened as data: a missing program, a non-zero
 * exit, a timeout are results the model can act on, never exceptions.
 *
 * The command leads its own process group, so a timeout or an abort stops everything it started.
 * execa is loaded on the first command, not at daemon start-up.
 */
import { stat } from 'node:fs/promises';
import type { ResultPromise } from 'execa';
import { CommandOutput, type OutputListener } from './command-output.js';
import { registerGroup, terminateGroup, unregisterGroup } from './process-group.js';

export interface RunCommandOptions {
  /** The program and its arguments. No shell is added: pass `['bash', '-lc', script]` for one. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The whole environment of the command (see `buildCommandEnv`); nothing of the daemon's leaks in. */
  readonly env: Record<string, string>;
  /** Kill the command's process group after this long. */
  readonly timeoutMs?: number;
  /** Aborting kills the command's process group. */
  readonly signal?: AbortSignal;
  /** Bytes kept per stream (and for the interleaved output), as head and tail. Default 1 MiB. */
  readonly maxOutputBytes?: number;
  /** Called with each piece of decoded output as it arrives. Must not throw (a throw is ignored). */
  readonly onOutput?: OutputListener;
  /** Written to the command's stdin, which is then closed. Without it stdin is not connected. */
  readonly stdin?: string;
}

export interface CommandResult {
  /** Null when the command was killed by a signal or never started. */
  readonly exitCode: number | null;
  /** The signal that ended the command (`SIGTERM`, `SIGKILL`…), else null. */
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved in arrival order, capped like each stream. */
  readonly aggregatedOutput: string;
  /** Bytes of output missing from `aggregatedOutput` (a marker stands where they were). */
  readonly truncatedBytes: number;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly durationMs: number;
  readonly pid: number | undefined;
  /** Why the command could not start (`command not found: foo`); exitCode is null then. */
  readonly spawnError?: string;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * After the command exits, how long its output pipes may stay open. They stay open when it left a
 * background process holding them (`server &`); that group is then killed, or the command would
 * never complete.
 */
const DRAIN_AFTER_EXIT_MS = 2_000;

/** After the group is gone, how long to wait for the pipes before closing our ends. */
const CLOSE_AFTER_KILL_MS = 500;

type Execa = typeof import('execa');
let execaModule: Promise<Execa> | undefined;

function loadExeca(): Promise<Execa> {
  execaModule ??= import('execa');
  return execaModule;
}

export async function runCommand(options: RunCommandOptions): Promise<CommandResult> {
  let startedAt = performance.now();
  const output = new CommandOutput(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, options.onOutput);
  const result = (fields: Partial<CommandResult>): CommandResult => ({
    exitCode: null,
    signal: null,
    stdout: output.stdout,
    stderr: output.stderr,
    aggregatedOutput: output.aggregated,
    truncatedBytes: output.truncatedBytes,
    timedOut: false,
    aborted: false,
    durationMs: Math.round(performance.now() - startedAt),
    pid: undefined,
    ...fields,
  });

  const [file, ...args] = options.argv;
  if (file === undefined || file === '') return result({ spawnError: 'no command given' });
  const { execa } = await loadExeca();
  if (options.signal?.aborted) return result({ aborted: true });
  // Wall time is the command's, not the first command's share of loading execa.
  startedAt = performance.now();

  let subprocess: ResultPromise;
  try {
    subprocess = execa(file, args, {
      cwd: options.cwd,
      env: options.env,
      extendEnv: false,
      // Its own process group: the pid is the group id we signal.
      detached: true,
      stdin: options.stdin === undefined ? 'ignore' : 'pipe',
      ...(options.stdin === undefined ? {} : { input: options.stdin }),
      stdout: 'pipe',
      stderr: 'pipe',
      // We read the pipes ourselves, within the budget; execa must not keep a copy.
      buffer: false,
      reject: false,
    });
  } catch (error) {
    return result({ spawnError: error instanceof Error ? error.message : String(error) });
  }

  // A command that exits without reading all its input closes the pipe (EPIPE): not an error of ours,
  // and without a listener the stream's 'error' event would take the daemon down.
  subprocess.stdin?.on('error', () => undefined);
  output.attach(subprocess.stdout, 'stdout');
  output.attach(subprocess.stderr, 'stderr');
  const pid = subprocess.pid;
  if (pid === undefined) {
    const failed = await subprocess;
    return result({ spawnError: await describeSpawnFailure(failed, file, options.cwd) });
  }
  const run = new GroupLifetime(pid, subprocess);
  registerGroup({ pgid: pid, terminate: () => run.stop('abort') });

  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => void run.stop('timeout'), options.timeoutMs);
  const onAbort = (): void => void run.stop('abort');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await subprocess;
    await run.stopped;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    run.dispose();
    unregisterGroup(pid);
  }
  const exit = run.exit ?? { code: null, signal: null };
  return result({
    exitCode: exit.code,
    signal: exit.signal,
    timedOut: run.stopReason === 'timeout',
    aborted: run.stopReason === 'abort',
    pid,
  });
}

interface ExitStatus {
  readonly code: number | null;
  readonly signal: string | null;
}

/** The life of a started command's group: how it exited, and stopping it early. */
class GroupLifetime {
  readonly #pgid: number;
  readonly #subprocess: ResultPromise;
  #exit: ExitStatus | undefined;
  #stopReason: 'timeout' | 'abort' | undefined;
  #stopping: Promise<void> | undefined;
  #drainTimer: NodeJS.Timeout | undefined;
  #closeTimer: NodeJS.Timeout | undefined;

  constructor(pgid: number, subprocess: ResultPromise) {
    this.#pgid = pgid;
    this.#subprocess = subprocess;
    subprocess.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      this.#exit = { code, signal };
      this.#drainTimer = setTimeout(() => this.#killLeftovers(), DRAIN_AFTER_EXIT_MS);
    });
  }

  get exit(): ExitStatus | undefined {
    return this.#exit;
  }

  get stopReason(): 'timeout' | 'abort' | undefined {
    return this.#stopReason;
  }

  /** Resolves when a stop that was started has finished its SIGTERM → SIGKILL sequence. */
  get stopped(): Promise<void> {
    return this.#stopping ?? Promise.resolve();
  }

  /**
   * Kills the group; the first reason wins. When the command already exited, only what it left
   * behind is killed, and the result does not count as stopped.
   */
  stop(reason: 'timeout' | 'abort'): Promise<void> {
    if (this.#stopping) return this.#stopping;
    if (!this.#exit) this.#stopReason = reason;
    this.#stopping = this.#endGroup();
    return this.#stopping;
  }

  /** The leader exited but something it started still holds the output pipes. */
  #killLeftovers(): void {
    this.#stopping ??= this.#endGroup();
  }

  async #endGroup(): Promise<void> {
    await terminateGroup(this.#pgid);
    this.#closePipesLater();
  }

  /** A process that left the group (setsid) may still hold the pipes; stop waiting for it. */
  #closePipesLater(): void {
    this.#closeTimer ??= setTimeout(() => {
      this.#subprocess.stdout?.destroy();
      this.#subprocess.stderr?.destroy();
    }, CLOSE_AFTER_KILL_MS);
  }

  dispose(): void {
    clearTimeout(this.#drainTimer);
    clearTimeout(this.#closeTimer);
  }
}

/** Turns a failed spawn into the sentence the model reads. */
async function describeSpawnFailure(failed: unknown, file: string, cwd: string): Promise<string> {
  const { code, message } = failed as { code?: string; message?: string };
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // Node reports a missing working directory as a missing program; tell them apart.
    const dir = await stat(cwd).catch(() => undefined);
    if (!dir) return `working directory does not exist: ${cwd}`;
    if (!dir.isDirectory()) return `working directory is not a directory: ${cwd}`;
    return `command not found: ${file}`;
  }
  if (code === 'EACCES') return `permission denied: ${file}`;
  return `${code ?? 'spawn failed'}: ${firstLine(message ?? 'unknown error')}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
