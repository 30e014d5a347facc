// Zed's way of running Codex, with agentd in Codex's place: the ACP adapter
// `@agentclientprotocol/codex-acp` spawns the program named by CODEX_PATH with `app-server` and
// speaks the Codex app-server protocol to it; an ACP client made with `@agentclientprotocol/sdk`
// plays the editor. Both packages live in test/fixtures/codex-acp/ with their own lock file, out of
// the workspace's dependencies (the adapter pulls a large native Codex binary through optional
// dependencies, which `npm ci --omit=optional` leaves out); `installCodexAcp()` installs them when
// missing or stale, so a fresh clone (and CI) needs nothing more than `npm test`.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { AGENTD_BIN, REPO_ROOT } from './daemon.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from './mock-config.js';
import { ProtocolValidator } from './protocol-validator.js';
import { clip, WaitList } from './wait.js';

export const CODEX_ACP_FIXTURE = join(REPO_ROOT, 'test/fixtures/codex-acp');
const INSTALL_STAMP = join(CODEX_ACP_FIXTURE, 'node_modules/.agentd-lock-sha256');

/** Runs `npm ci --omit=optional` in the fixture unless node_modules matches its lock file. */
export async function installCodexAcp(): Promise<void> {
  const lock = readFileSync(join(CODEX_ACP_FIXTURE, 'package-lock.json'));
  const digest = createHash('sha256').update(lock).digest('hex');
  if (existsSync(INSTALL_STAMP) && (await readFile(INSTALL_STAMP, 'utf8')) === digest) return;
  // Under `npm test`, npm_execpath is the npm that runs us; otherwise the one on PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli?.endsWith('.js')
    ? [process.execPath, [npmCli]]
    : ['npm', [] as string[]];
  const child = spawn(command, [...args, 'ci', '--omit=optional', '--no-audit', '--no-fund'], {
    cwd: CODEX_ACP_FIXTURE,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`npm ci in ${CODEX_ACP_FIXTURE} failed (exit ${code}):\n${output}`);
  await writeFile(INSTALL_STAMP, digest);
}

// ---- the part of the ACP SDK the tests use (the SDK is not a workspace dependency) ----

interface AcpHandlerContext {
  readonly params: any;
}

interface AcpClientApp {
  onRequest(method: string, handler: (ctx: AcpHandlerContext) => unknown): AcpClientApp;
  onNotification(method: string, handler: (ctx: AcpHandlerContext) => unknown): AcpClientApp;
  connect(stream: unknown): AcpClientConnection;
}

interface AcpClientConnection {
  readonly agent: {
    request(method: string, params: unknown): Promise<any>;
    notify(method: string, params: unknown): Promise<void>;
  };
  readonly closed: Promise<void>;
  close(error?: unknown): void;
}

interface AcpSdk {
  client(options?: { name?: string }): AcpClientApp;
  ndJsonStream(output: WritableStream<Uint8Array>, input: ReadableStream<Uint8Array>): unknown;
  readonly PROTOCOL_VERSION: number;
}

function fixtureRequire(): NodeJS.Require {
  return createRequire(join(CODEX_ACP_FIXTURE, 'package.json'));
}

async function loadSdk(): Promise<AcpSdk> {
  return (await import(fixtureRequire().resolve('@agentclientprotocol/sdk'))) as AcpSdk;
}

/** A `session/request_permission` the editor was asked. */
export interface PermissionRequest {
  readonly params: any;
  /** Answer with the option of this kind (`allow_once`, `reject_once`, …), or cancel the request. */
  choose(kind: string): void;
  cancel(): void;
}

export interface ZedOptions {
  /** Written to `$AGENTD_HOME/config.toml`. */
  config: string;
  /** Default 10 s. */
  timeoutMs?: number;
}

/**
 * An editor session: the adapter runs as a child process with CODEX_PATH pointing at a wrapper
 * that execs agentd. Every `session/update` and permission request is recorded; `agent` sends ACP
 * requests. The adapter's wire log (APP_SERVER_LOGS) holds everything agentd sent it, which
 * `agentdProblems()` checks against the Codex reference schema.
 */
export class ZedSession {
  readonly updates: any[] = [];
  readonly permissions: PermissionRequest[] = [];
  readonly #waiters = new WaitList();
  readonly #timeoutMs: number;
  #stderr = '';

  private constructor(
    readonly home: string,
    readonly scratch: string,
    readonly adapter: ChildProcessWithoutNullStreams,
    readonly connection: AcpClientConnection,
    timeoutMs: number,
  ) {
    this.#timeoutMs = timeoutMs;
    adapter.stderr.setEncoding('utf8');
    adapter.stderr.on('data', (chunk: string) => (this.#stderr += chunk));
  }

  static async start(options: ZedOptions): Promise<ZedSession> {
    const sdk = await loadSdk();
    const scratch = await mkdtemp(join(tmpdir(), 'agentd-zed-'));
    const home = join(scratch, 'agentd-home');
    const codexPath = join(scratch, 'agentd-as-codex');
    // What a user points CODEX_PATH at: a program that runs agentd with the adapter's arguments.
    await writeFile(codexPath, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(AGENTD_BIN)} "$@"\n`);
    await chmod(codexPath, 0o755);
    await mkdir(home, { recursive: true });
    await writeFile(join(home, 'config.toml'), options.config);
    const adapter = spawn(process.execPath, [fixtureRequire().resolve('@agentclientprotocol/codex-acp')], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: scratch,
        CODEX_PATH: codexPath,
        AGENTD_HOME: home,
        [TEST_API_KEY_ENV]: TEST_API_KEY,
        APP_SERVER_LOGS: join(scratch, 'adapter-logs'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stream = sdk.ndJsonStream(Writable.toWeb(adapter.stdin) as WritableStream<Uint8Array>, Readable.toWeb(adapter.stdout) as ReadableStream<Uint8Array>);
    let session!: ZedSession;
    const connection = sdk
      .client({ name: 'agentd-test-editor' })
      .onNotification('session/update', ({ params }) => {
        session.updates.push(params.update);
        session.#waiters.poke();
      })
      .onRequest(
        'session/request_permission',
        ({ params }) =>
          new Promise((resolve) => {
            session.permissions.push({
              params,
              choose(kind) {
                const option = (params.options as Array<{ optionId: string; kind: string }>).find((candidate) => candidate.kind === kind);
                if (!option) throw new Error(`no ${kind} option in ${JSON.stringify(params.options)}`);
                resolve({ outcome: { outcome: 'selected', optionId: option.optionId } });
              },
              cancel() {
                resolve({ outcome: { outcome: 'cancelled' } });
              },
            });
            session.#waiters.poke();
          }),
      )
      .connect(stream);
    session = new ZedSession(home, scratch, adapter, connection, options.timeoutMs ?? 10_000);
    return session;
  }

  get agent(): AcpClientConnection['agent'] {
    return this.connection.agent;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** The first recorded update (from `from` on) that `match` accepts. */
  waitForUpdate(match: (update: any) => boolean, what: string, from = 0): Promise<any> {
    return this.#waiters.wait(() => this.updates.slice(from).find(match), {
      timeoutMs: this.#timeoutMs,
      what,
      context: () => `updates so far:\n${this.updates.map((update) => `  ${clip(JSON.stringify(update), 300)}`).join('\n')}\nadapter stderr:\n${this.#stderr}`,
    });
  }

  /** The next permission request not yet taken. */
  nextPermission(taken = 0): Promise<PermissionRequest> {
    return this.#waiters.wait(() => this.permissions[taken], { timeoutMs: this.#timeoutMs, what: 'a session/request_permission' });
  }

  /** What agentd sent to the adapter, read back from the adapter's wire log, as parsed messages. */
  async agentdWire(): Promise<{ sent: any[]; received: any[] }> {
    const log = await readFile(join(this.scratch, 'adapter-logs/app-server.log'), 'utf8').catch(() => '');
    return parseWireLog(log);
  }

  /** Every message agentd sent the adapter that breaks the Codex reference schema. */
  async agentdProblems(): Promise<string[]> {
    const { sent, received } = await this.agentdWire();
    const methods = new Map<string, string>();
    for (const message of received) if (message.method && message.id !== undefined) methods.set(JSON.stringify(message.id), message.method);
    const validator = new ProtocolValidator();
    const problems: string[] = [];
    for (const message of sent) {
      const found = message.method
        ? message.id !== undefined
          ? validator.serverRequest(message.method, message)
          : validator.notification(message.method, message)
        : message.error
          ? validator.errorResponse(message)
          : validator.response(methods.get(JSON.stringify(message.id)) ?? 'unknown', message);
      problems.push(...found.map((problem) => `${clip(JSON.stringify(message), 200)}: ${problem}`));
    }
    return problems;
  }

  /** Closes the editor's end; the adapter stops agentd and exits (SIGKILL after 5 s). */
  async close(): Promise<void> {
    this.connection.close();
    this.adapter.stdin.end();
    if (this.adapter.exitCode === null && this.adapter.signalCode === null) {
      const exited = new Promise((resolve) => this.adapter.once('exit', resolve));
      const timer = setTimeout(() => this.adapter.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.scratch, { recursive: true, force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The adapter logs every chunk it writes to the app-server as `<time> [IN] <chunk> {"pid":N}` and
 * every chunk it reads as `<time> [OUT] …`; chunks are joined back into lines.
 */
export function parseWireLog(log: string): { sent: any[]; received: any[] } {
  const chunks: Record<'IN' | 'OUT', string> = { IN: '', OUT: '' };
  const entries = log.split(/^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[)/m);
  for (const entry of entries) {
    const head = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[(IN|OUT)\] /.exec(entry);
    if (!head) continue;
    const body = entry.slice(head[0].length).replace(/ \{"pid":\d+\}\n?$/, '');
    chunks[head[1] as 'IN' | 'OUT'] += body;
  }
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  return { sent: lines(chunks.OUT), received: lines(chunks.IN) };
}
