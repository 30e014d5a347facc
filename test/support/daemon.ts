// The daemon driver: spawns the real built `agentd app-server` and drives it over stdio with
// newline-delimited JSON-RPC, as an editor would. Every message the daemon sends is checked against
// the Codex app-server reference schema; `close()` fails the test if any was invalid.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProtocolExtensions } from './agentd-extensions.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from './mock-config.js';
import { ProtocolValidator } from './protocol-validator.js';
import { AGENTD_BIN } from './repo-root.js';
import { LineSplitter } from './line-splitter.js';
import { clip, TimeoutError, WaitList } from './wait.js';

export type RequestId = string | number;

/** One line on the wire, as in the reference transcripts: `t` is ms since spawn. */
export interface WireMessage {
  t: number;
  dir: 'c->s' | 's->c';
  line: string;
}

export interface Notification<P = any> {
  method: string;
  params: P;
  emittedAtMs?: number;
}

export interface ServerRequest<P = any> {
  readonly id: RequestId;
  readonly method: string;
  readonly params: P;
  /** Whether an answer was sent. */
  readonly answered: boolean;
  respond(result: unknown): void;
  respondError(code: number, message: string, data?: unknown): void;
}

export type ServerRequestHandler = (params: any, request: ServerRequest) => unknown;

export interface SchemaViolation {
  kind: 'notification' | 'serverRequest' | 'response' | 'errorResponse' | 'message';
  method?: string;
  id?: RequestId;
  message: string;
  line: string;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A JSON-RPC error: what `request()` rejects with, and what a handler throws to answer with one. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
    /** The request it answered, when known. */
    readonly method?: string,
  ) {
    super(message);
  }
}

export interface DaemonOptions {
  /** `AGENTD_HOME`; default: a fresh temp dir, removed by `dispose()`. */
  home?: string;
  /** Written to `$AGENTD_HOME/config.toml` (see `mockProviderConfig`). */
  config?: string;
  /** Merged over a minimal environment; `undefined` removes a variable. The developer's
   * OPENAI_API_KEY / OPENAI_BASE_URL are never inherited. */
  env?: Record<string, string | undefined>;
  /** The daemon's working directory (default: the home). */
  cwd?: string;
  /** Extra arguments after `app-server`. */
  args?: string[];
  /** The script run by node (default: packages/app-server/bin/agentd.js). */
  bin?: string;
  /** Default timeout for requests and waits (default 10 s). */
  timeoutMs?: number;
  /** Check every message against the reference schema (default true). */
  validate?: boolean;
  /** Methods accepted beyond the reference and the agentd allow-list (test-only stand-ins). */
  extensions?: Partial<ProtocolExtensions>;
  /** Also copy the daemon's stderr to this process's stderr (or set AGENTD_TEST_STDERR=1). */
  echoStderr?: boolean;
}

export { AGENTD_BIN, REPO_ROOT } from './repo-root.js';
const DEFAULT_TIMEOUT_MS = 10_000;
/** What a spawned program keeps of the developer's environment (never their API keys). */
export const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LC_ALL', 'TMPDIR', 'TERM', 'NODE_V8_COVERAGE'];

/** Stands for the method of a raw request that had none (or not a string). */
const INVALID_REQUEST_METHOD = '(invalid request)';

export const DEFAULT_CLIENT_INFO = { name: 'agentd_test', title: 'agentd test driver', version: '0.0.0' };

interface Pending {
  method: string;
  resolve: (result: any) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Received<T> {
  value: T;
  consumed: boolean;
}

function idKey(id: unknown): string {
  return JSON.stringify(id);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Daemon {
  readonly home: string;
  readonly pid: number | undefined;
  /** Every line in both directions, in order. */
  readonly messages: WireMessage[] = [];
  /** Every notification received, in order. */
  readonly notifications: Notification[] = [];
  readonly schemaViolations: SchemaViolation[] = [];
  /** Resolves when the process exits. */
  readonly exited: Promise<ExitStatus>;

  readonly #child: ChildProcessWithoutNullStreams;
  readonly #ownsHome: boolean;
  readonly #timeoutMs: number;
  readonly #validator: ProtocolValidator | undefined;
  readonly #start = performance.now();
  readonly #waiters = new WaitList();
  readonly #pending = new Map<string, Pending>();
  readonly #abandoned = new Set<string>();
  readonly #rawRequests = new Map<string, string>();
  readonly #responses = new Map<string, Received<Record<string, unknown>>>();
  readonly #consumed = new Set<number>();
  readonly #serverRequests: Received<ServerRequest>[] = [];
  readonly #handlers = new Map<string, ServerRequestHandler>();
  #nextId = 1;
  #stderr = '';
  readonly #stdoutLines = new LineSplitter((line) => {
    if (line.trim() !== '') this.#onLine(line);
  });
  #exit: ExitStatus | undefined;

  constructor(child: ChildProcessWithoutNullStreams, home: string, ownsHome: boolean, opts: DaemonOptions) {
    this.#child = child;
    this.home = home;
    this.pid = child.pid;
    this.#ownsHome = ownsHome;
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#validator = opts.validate === false ? undefined : new ProtocolValidator(opts.extensions);
    const echo = opts.echoStderr ?? process.env.AGENTD_TEST_STDERR === '1';

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.#onStdout(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.#stderr += chunk;
      if (echo) process.stderr.write(chunk);
      this.#waiters.poke();
    });
    // Writing after the daemon died raises EPIPE here; the exit handling reports it instead.
    child.stdin.on('error', () => {});
    this.exited = new Promise<ExitStatus>((resolve) => {
      child.once('exit', (code, signal) => {
        const finish = (): void => {
          if (this.#exit) return;
          this.#exit = { code, signal };
          this.#onExit();
          resolve(this.#exit);
        };
        // Let stdout drain first, so lines written just before exit still count; but do not wait
        // forever on a grandchild that kept the pipe open.
        if (child.stdout.readableEnded || child.stdout.destroyed) return finish();
        child.stdout.once('close', finish);
        setTimeout(finish, 500).unref();
      });
    });
  }

  /** Everything the daemon wrote to stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }

  get exitStatus(): ExitStatus | undefined {
    return this.#exit;
  }

  // ---- client → server ----

  /** Sends `initialize`, then the `initialized` notification; returns the result. */
  async initialize<R = any>(params?: Record<string, unknown>, opts?: { timeoutMs?: number }): Promise<R> {
    const result = await this.request<R>(
      'initialize',
      params ?? { clientInfo: DEFAULT_CLIENT_INFO, capabilities: { experimentalApi: false } },
      opts,
    );
    this.notify('initialized');
    return result;
  }

  /** Sends a request; resolves with its result, rejects with an `RpcError` on an error response. */
  request<R = any>(method: string, params?: unknown, opts: { timeoutMs?: number } = {}): Promise<R> {
    const id = this.#nextId++;
    const key = idKey(id);
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs;
    return new Promise<R>((resolve, reject) => {
      if (this.#exit) return reject(this.#exitError(`the response to request ${id} "${method}"`));
      const timer = setTimeout(() => {
        this.#pending.delete(key);
        this.#abandoned.add(key);
        reject(new TimeoutError(`Timed out after ${timeoutMs} ms waiting for the response to request ${id} "${method}".\n${this.#context()}`));
      }, timeoutMs);
      this.#pending.set(key, { method, resolve, reject, timer });
      this.#send(params === undefined ? { id, method } : { id, method, params });
    });
  }

  notify(method: string, params?: unknown): void {
    this.#send(params === undefined ? { method } : { method, params });
  }

  /** Writes a line as is (a newline is added). A request in it is remembered, so its response is
   * validated and can be awaited with `waitForResponse`. */
  sendRaw(line: string): void {
    try {
      const msg: unknown = JSON.parse(line);
      if (isObject(msg) && 'id' in msg && !('result' in msg) && !('error' in msg)) {
        // An invalid request (no method, a method that is not a string) still used its id: the
        // daemon may answer it with an error.
        this.#rawRequests.set(idKey(msg.id), typeof msg.method === 'string' ? msg.method : INVALID_REQUEST_METHOD);
      }
    } catch {
      // Not JSON: that is the point of most raw lines.
    }
    this.#write(line);
  }

  /** The response (result or error message) with this id, for requests sent with `sendRaw`. */
  waitForResponse(id: RequestId, opts: { timeoutMs?: number } = {}): Promise<Record<string, unknown>> {
    const key = idKey(id);
    return this.#wait(
      () => {
        const r = this.#responses.get(key);
        if (!r || r.consumed) return undefined;
        r.consumed = true;
        return r.value;
      },
      `the response with id ${key}`,
      opts.timeoutMs,
    );
  }

  // ---- server → client ----

  /** Resolves with stderr (so far) once it contains `pattern`: a logged warning, say. */
  waitForStderr(pattern: string | RegExp, opts: { timeoutMs?: number } = {}): Promise<string> {
    const found = (): boolean => (typeof pattern === 'string' ? this.#stderr.includes(pattern) : pattern.test(this.#stderr));
    return this.#wait(() => (found() ? this.#stderr : undefined), `stderr to contain ${String(pattern)}`, opts.timeoutMs);
  }

  /** The first notification with this method (and matching `where`) not returned before, including
   * ones already received. Successive calls see successive notifications. */
  nextNotification<P = any>(
    method: string,
    opts: { where?: (params: P, notification: Notification<P>) => boolean; timeoutMs?: number } = {},
  ): Promise<Notification<P>> {
    const where = opts.where;
    return this.#wait(
      () => {
        for (let i = 0; i < this.notifications.length; i++) {
          const n = this.notifications[i]!;
          if (n.method !== method || this.#consumed.has(i)) continue;
          if (where && !where(n.params as P, n as Notification<P>)) continue;
          this.#consumed.add(i);
          return n as Notification<P>;
        }
        return undefined;
      },
      `notification "${method}"${where ? ` matching ${clip(where.toString(), 120)}` : ''}`,
      opts.timeoutMs,
    );
  }

  /** Answers every request with this method (queued ones too) with `handler(params)`; a thrown
   * error becomes an error response (an `RpcError` keeps its code). Returns an unsubscribe. */
  onServerRequest(method: string, handler: ServerRequestHandler): () => void {
    this.#handlers.set(method, handler);
    for (const r of this.#serverRequests) {
      if (!r.consumed && r.value.method === method) {
        r.consumed = true;
        this.#runHandler(handler, r.value);
      }
    }
    return () => {
      if (this.#handlers.get(method) === handler) this.#handlers.delete(method);
    };
  }

  /** The next server request with this method not handled or returned before, to answer by hand. */
  nextServerRequest<P = any>(method: string, opts: { timeoutMs?: number } = {}): Promise<ServerRequest<P>> {
    return this.#wait(
      () => {
        const r = this.#serverRequests.find((x) => !x.consumed && x.value.method === method);
        if (!r) return undefined;
        r.consumed = true;
        return r.value as ServerRequest<P>;
      },
      `server request "${method}"`,
      opts.timeoutMs,
    );
  }

  /** Resolves with the first non-undefined `probe()`, checked now and after every message the
   * daemon sends; for waits the helpers above do not cover (the session replay matches in order). */
  waitFor<T>(probe: () => T | undefined, what: string, opts: { timeoutMs?: number } = {}): Promise<T> {
    return this.#wait(probe, what, opts.timeoutMs);
  }

  /** Every server request received, in order. */
  get serverRequests(): ServerRequest[] {
    return this.#serverRequests.map((r) => r.value);
  }

  // ---- lifecycle ----

  /** Throws if any message so far broke the reference schema. */
  expectValid(): void {
    if (this.schemaViolations.length === 0) return;
    const list = this.schemaViolations
      .slice(0, 10)
      .map((v) => `  - ${v.kind}${v.method ? ` "${v.method}"` : ''}${v.id !== undefined ? ` (id ${idKey(v.id)})` : ''}: ${v.message}\n      ${clip(v.line, 400)}`)
      .join('\n');
    const more = this.schemaViolations.length > 10 ? `\n  … and ${this.schemaViolations.length - 10} more` : '';
    throw new Error(`The daemon sent ${this.schemaViolations.length} message(s) that break the reference schema:\n${list}${more}`);
  }

  /** Ends stdin, waits for the exit (then SIGKILL), and throws if any message was invalid. */
  async close(opts: { timeoutMs?: number } = {}): Promise<ExitStatus> {
    if (!this.#exit) {
      this.#child.stdin.end();
      const timeoutMs = opts.timeoutMs ?? 5_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) this.#child.kill('SIGKILL');
    }
    const status = await this.exited;
    this.expectValid();
    return status;
  }

  /** Stops reading the daemon's stdout, as a client that lags behind; `resumeStdout()` reads on. */
  pauseStdout(): void {
    this.#child.stdout.pause();
  }

  resumeStdout(): void {
    this.#child.stdout.resume();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.#child.kill(signal);
  }

  /** `close()`, then removes the home if the driver made it. */
  async dispose(): Promise<void> {
    try {
      await this.close();
    } finally {
      if (this.#ownsHome) await rm(this.home, { recursive: true, force: true });
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  /** The session as JSONL in the reference transcripts' format. */
  transcript(): string {
    return this.messages.map((m) => JSON.stringify(m)).join('\n') + (this.messages.length ? '\n' : '');
  }

  // ---- internals ----

  #elapsed(): number {
    return Math.round((performance.now() - this.#start) * 10) / 10;
  }

  #send(message: Record<string, unknown>): void {
    this.#write(JSON.stringify(message));
  }

  #write(line: string): void {
    this.messages.push({ t: this.#elapsed(), dir: 'c->s', line });
    if (!this.#exit && this.#child.stdin.writable) this.#child.stdin.write(`${line}\n`);
  }

  #onStdout(chunk: string): void {
    this.#stdoutLines.push(chunk);
  }

  #violation(v: SchemaViolation): void {
    this.schemaViolations.push(v);
  }

  #onLine(line: string): void {
    this.messages.push({ t: this.#elapsed(), dir: 's->c', line });
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      this.#violation({ kind: 'message', message: 'stdout line is not JSON (stdout must carry protocol only)', line });
      return;
    }
    if (!isObject(msg)) {
      this.#violation({ kind: 'message', message: 'message is not a JSON object', line });
      return;
    }
    const v = this.#validator;
    if (typeof msg.method === 'string') {
      const method = msg.method;
      if ('id' in msg) {
        for (const m of v?.serverRequest(method, msg) ?? []) this.#violation({ kind: 'serverRequest', method, id: msg.id as RequestId, message: m, line });
        this.#onServerRequest(msg.id as RequestId, method, msg.params);
      } else {
        for (const m of v?.notification(method, msg) ?? []) this.#violation({ kind: 'notification', method, message: m, line });
        const n: Notification = { method, params: msg.params };
        if (typeof msg.emittedAtMs === 'number') n.emittedAtMs = msg.emittedAtMs;
        this.notifications.push(n);
      }
    } else if ('id' in msg && ('result' in msg || 'error' in msg)) {
      this.#onResponse(msg, line);
    } else {
      this.#violation({ kind: 'message', message: 'neither a request, a notification nor a response', line });
    }
    this.#waiters.poke();
  }

  #onResponse(msg: Record<string, unknown>, line: string): void {
    const key = idKey(msg.id);
    const pending = this.#pending.get(key);
    const method = pending?.method ?? this.#rawRequests.get(key);
    const id = msg.id as RequestId;
    const v = this.#validator;
    if ('error' in msg) {
      for (const m of v?.errorResponse(msg) ?? []) this.#violation({ kind: 'errorResponse', ...(method ? { method } : {}), id, message: m, line });
    } else if (method === INVALID_REQUEST_METHOD) {
      this.#violation({ kind: 'response', id, message: 'a result for an invalid request', line });
    } else if (method !== undefined) {
      for (const m of v?.response(method, msg) ?? []) this.#violation({ kind: 'response', method, id, message: m, line });
    }
    if (method === undefined && !this.#abandoned.has(key) && msg.id !== null) {
      this.#violation({ kind: 'message', id, message: `response to id ${key}, which the client never used`, line });
    }
    this.#responses.set(key, { value: msg, consumed: pending !== undefined });
    if (!pending) return;
    this.#pending.delete(key);
    clearTimeout(pending.timer);
    if ('error' in msg) {
      const e = isObject(msg.error) ? msg.error : {};
      pending.reject(new RpcError(typeof e.code === 'number' ? e.code : 0, String(e.message ?? 'error'), e.data, pending.method));
    } else {
      pending.resolve(msg.result);
    }
  }

  #onServerRequest(id: RequestId, method: string, params: unknown): void {
    let answered = false;
    const answer = (body: Record<string, unknown>): void => {
      if (answered) throw new Error(`server request ${idKey(id)} "${method}" was already answered`);
      answered = true;
      this.#send({ id, ...body });
    };
    const request: ServerRequest = {
      id,
      method,
      params,
      get answered() {
        return answered;
      },
      respond: (result) => answer({ result }),
      respondError: (code, message, data) => answer({ error: data === undefined ? { code, message } : { code, message, data } }),
    };
    const handler = this.#handlers.get(method);
    this.#serverRequests.push({ value: request, consumed: handler !== undefined });
    if (handler) this.#runHandler(handler, request);
  }

  #runHandler(handler: ServerRequestHandler, request: ServerRequest): void {
    Promise.resolve()
      .then(() => handler(request.params, request))
      .then(
        (result) => {
          if (!request.answered) request.respond(result ?? null);
        },
        (err: unknown) => {
          if (request.answered) return;
          if (err instanceof RpcError) request.respondError(err.code, err.message, err.data);
          else request.respondError(-32603, err instanceof Error ? err.message : String(err));
        },
      );
  }

  #wait<T>(take: () => T | undefined, what: string, timeoutMs?: number): Promise<T> {
    if (this.#exit) {
      const now = take();
      return now !== undefined ? Promise.resolve(now) : Promise.reject(this.#exitError(what));
    }
    return this.#waiters.wait(take, { timeoutMs: timeoutMs ?? this.#timeoutMs, what, context: () => this.#context() });
  }

  #onExit(): void {
    const rest = this.#stdoutLines.takeRest();
    if (rest.trim() !== '') this.#onLine(rest);
    this.#waiters.rejectAll((what) => this.#exitError(what));
    for (const [key, p] of this.#pending) {
      clearTimeout(p.timer);
      this.#pending.delete(key);
      p.reject(this.#exitError(`the response to request ${key} "${p.method}"`));
    }
  }

  #exitError(what: string): Error {
    const e = this.#exit;
    return new Error(`The daemon exited (code ${e?.code ?? 'null'}, signal ${e?.signal ?? 'null'}) while waiting for ${what}.\n${this.#context()}`);
  }

  /** The last few messages and stderr lines, for error messages. */
  #context(): string {
    const last = this.messages.slice(-8).map((m) => `  ${m.t}ms ${m.dir} ${clip(m.line)}`);
    const stderr = this.#stderr.trimEnd().split('\n').slice(-10).map((l) => `  ${clip(l)}`);
    return [
      `Last messages (${this.messages.length} in all):`,
      ...(last.length ? last : ['  (none)']),
      'Last stderr lines:',
      ...(this.#stderr.trim() ? stderr : ['  (none)']),
    ].join('\n');
  }
}

/** Spawns `node <bin> app-server [...args]` with a temp `AGENTD_HOME` and a minimal environment. */
export async function spawnDaemon(opts: DaemonOptions = {}): Promise<Daemon> {
  const bin = opts.bin ?? AGENTD_BIN;
  if (!existsSync(bin)) {
    throw new Error(`agentd bin not found at ${bin}: build the workspace first (npm run build)`);
  }
  const ownsHome = opts.home === undefined;
  const home = opts.home ?? (await mkdtemp(join(tmpdir(), 'agentd-test-home-')));
  if (opts.config !== undefined) await writeFile(join(home, 'config.toml'), opts.config);

  const env: Record<string, string> = {};
  for (const k of INHERITED_ENV) {
    const value = process.env[k];
    if (value !== undefined) env[k] = value;
  }
  env.AGENTD_HOME = home;
  env[TEST_API_KEY_ENV] = TEST_API_KEY;
  for (const [k, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[k];
    else env[k] = value;
  }

  const child = spawn(process.execPath, [bin, 'app-server', ...(opts.args ?? [])], {
    cwd: opts.cwd ?? home,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return new Daemon(child, home, ownsHome, opts);
}
