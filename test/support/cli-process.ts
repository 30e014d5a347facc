// Runs a command-line program (the reference client, `agentd exec`, a README block) as a child
// process and lets a test wait for what it prints, answer on its stdin, signal it and read its exit
// status — without sleeps: every wait is for output or exit, with a deadline that shows what was seen.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { TimeoutError, WaitList } from './wait.js';

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; leave undefined to keep stdin open. */
  input?: string;
  /** Default for every wait, in ms (default 20 s). */
  timeoutMs?: number;
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<CliExit>;
  stdout = '';
  stderr = '';
  readonly #waits = new WaitList();
  readonly #timeoutMs: number;
  readonly #what: string;

  constructor(command: string, args: readonly string[], options: CliOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#what = [command, ...args].join(' ');
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.#waits.poke();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.#waits.poke();
    });
    this.child.stdin.on('error', () => {}); // the program may exit before reading everything
    if (options.input !== undefined) this.child.stdin.end(options.input);
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.once('exit', (code, signal) => {
        const finish = () => {
          this.#waits.rejectAll((what) => new Error(`${this.#what} exited (code ${code}, signal ${signal}) while waiting for ${what}.\n${this.#context()}`));
          resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
        };
        // Output written just before exit still counts; a grandchild holding the pipes open (a
        // daemon finishing its shutdown) does not hold the test up for long.
        if (this.child.stdout.closed && this.child.stderr.closed) return finish();
        const timer = setTimeout(finish, 2_000);
        this.child.once('close', () => {
          clearTimeout(timer);
          finish();
        });
      });
    });
  }

  /** Resolves with the stdout text once it matches (already printed text counts). */
  waitForStdout(pattern: string | RegExp, timeoutMs = this.#timeoutMs): Promise<string> {
    return this.#waitFor('stdout', pattern, timeoutMs);
  }

  waitForStderr(pattern: string | RegExp, timeoutMs = this.#timeoutMs): Promise<string> {
    return this.#waitFor('stderr', pattern, timeoutMs);
  }

  /** The exit status, failing after the deadline (the process is then killed). */
  async finished(timeoutMs = this.#timeoutMs): Promise<CliExit> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new TimeoutError(`Timed out after ${timeoutMs} ms waiting for ${this.#what} to exit.\n${this.#context()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  write(text: string): void {
    this.child.stdin.write(text);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  #waitFor(stream: 'stdout' | 'stderr', pattern: string | RegExp, timeoutMs: number): Promise<string> {
    const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    return this.#waits.wait(() => (matches(this[stream]) ? this[stream] : undefined), {
      timeoutMs,
      what: `${stream} matching ${String(pattern)} from ${this.#what}`,
      context: () => this.#context(),
    });
  }

  #context(): string {
    return `stdout (end): ${this.stdout.slice(-2000)}\nstderr (end): ${this.stderr.slice(-2000)}`;
  }
}

/** Starts a program; `await using` kills it if the test ends first. */
export function runCli(command: string, args: readonly string[], options?: CliOptions): CliProcess & AsyncDisposable {
  const process = new CliProcess(command, args, options) as CliProcess & AsyncDisposable;
  process[Symbol.asyncDispose] = async () => {
    if (process.child.exitCode === null && process.child.signalCode === null) {
      process.child.kill('SIGKILL');
      await process.exited.catch(() => undefined);
    }
  };
  return process;
}
