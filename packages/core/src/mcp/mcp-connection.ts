/**
 * One connection to one MCP server: a child process spoken to over stdio, or a streamable HTTP
 * endpoint. It starts on demand within the startup timeout, lists the server's tools, calls them
 * with a per-call timeout and progress, and — when the server dies — starts again on the next use.
 */
import type { Readable } from 'node:stream';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Implementation, ServerCapabilities, Tool as McpToolDescriptor } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from '../config/config-schema.js';
import { terminateProcess } from '../exec/process-group.js';
import type { Logger } from '../logging.js';
import { type McpSdk, loadMcpSdk } from './mcp-sdk.js';
import { startupTimeoutMs } from './mcp-server-config.js';

export type { CallToolResult, McpToolDescriptor };

/** `ready` serves calls; `failed` did not start; `exited` died after starting. Both start again on use. */
export type McpConnectionState = 'notStarted' | 'starting' | 'ready' | 'failed' | 'exited' | 'closed';

export interface McpCallOptions {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  onProgress?(message: string): void;
}

/** Why a call did not return a result, in words for the model and the user. */
export class McpCallError extends Error {
  constructor(
    readonly kind: 'timeout' | 'connectionLost' | 'unavailable' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'McpCallError';
  }
}

const STDERR_TAIL_LINES = 20;
/** Listing more pages than this is a server bug, not a tool catalogue. */
const MAX_TOOL_PAGES = 100;

export interface McpConnectionOptions {
  readonly name: string;
  readonly config: McpServerConfig;
  readonly log: Logger;
  readonly clientVersion: string;
  /** Where `bearer_token_env_var` is looked up. */
  readonly env: NodeJS.ProcessEnv;
}

export class McpConnection {
  readonly name: string;
  readonly config: McpServerConfig;
  readonly #options: McpConnectionOptions;
  readonly #log: Logger;
  #state: McpConnectionState = 'notStarted';
  #error: string | null = null;
  #client: Client | undefined;
  /** The stdio server's process, once started: the SDK forgets it as soon as it starts closing. */
  #serverPid: number | undefined;
  #starting: Promise<void> | undefined;
  /** Bumped on every start, so the death of an old process is not taken for the new one's. */
  #generation = 0;
  #tools: McpToolDescriptor[] = [];
  #toolListMeta: unknown;
  #serverInfo: Implementation | undefined;
  #capabilities: ServerCapabilities | undefined;
  #stderrTail: string[] = [];
  readonly #closing = new Set<Promise<void>>();
  /** Progress listeners by the token sent with the call (see `#watchProgress`). */
  readonly #progress = new Map<string, (message: string) => void>();
  #nextProgressToken = 0;

  constructor(options: McpConnectionOptions) {
    this.name = options.name;
    this.config = options.config;
    this.#options = options;
    this.#log = options.log.child({ mcpServer: options.name });
  }

  get state(): McpConnectionState {
    return this.#state;
  }

  /** Why it failed to start or died, while it is `failed` or `exited`. */
  get error(): string | null {
    return this.#error;
  }

  /** The tools of the last successful listing, in the order the server gave them. */
  get tools(): readonly McpToolDescriptor[] {
    return this.#tools;
  }

  get toolListMeta(): unknown {
    return this.#toolListMeta;
  }

  get serverInfo(): Implementation | undefined {
    return this.#serverInfo;
  }

  get capabilities(): ServerCapabilities | undefined {
    return this.#capabilities;
  }

  get transport(): 'stdio' | 'http' {
    return this.config.url === undefined ? 'stdio' : 'http';
  }

  /** Starts the server unless it is running; concurrent callers share one start. Throws why it failed. */
  ensureReady(): Promise<void> {
    if (this.#state === 'ready') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(new Error(`the MCP server \`${this.name}\` was shut down`));
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  /** Calls a tool; restarts a dead server first. Throws `McpCallError`, or the abort when `signal` fires. */
  async callTool(tool: string, args: Record<string, unknown> | undefined, options: McpCallOptions): Promise<CallToolResult> {
    try {
      await this.ensureReady();
    } catch (error) {
      throw new McpCallError('unavailable', `the MCP server \`${this.name}\` is not available: ${messageOf(error)}`);
    }
    const client = this.#client as Client;
    const generation = this.#generation;
    // The SDK never removes its abort listener: give it a signal that lives only as long as the call.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(options.signal.reason);
    options.signal.addEventListener('abort', forwardAbort, { once: true });
    if (options.signal.aborted) forwardAbort();
    const progressToken = `agentd-${++this.#nextProgressToken}`;
    if (options.onProgress) this.#progress.set(progressToken, options.onProgress);
    try {
      const params = { name: tool, arguments: args, ...(options.onProgress ? { _meta: { progressToken } } : {}) };
      const result = await client.callTool(params, undefined, { timeout: options.timeoutMs, signal: controller.signal });
      return result as CallToolResult;
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason ?? error;
      throw await this.#callError(error, generation, options.timeoutMs);
    } finally {
      options.signal.removeEventListener('abort', forwardAbort);
      this.#progress.delete(progressToken);
    }
  }

  /** Stops the server for good (daemon shutdown, last user gone). */
  async close(): Promise<void> {
    this.#state = 'closed';
    this.#generation += 1;
    const client = this.#client;
    this.#client = undefined;
    if (client) this.#closeInBackground(client);
    await Promise.all([...this.#closing]);
  }

  async #start(): Promise<void> {
    const generation = ++this.#generation;
    this.#state = 'starting';
    this.#error = null;
    this.#stderrTail = [];
    const timeoutMs = startupTimeoutMs(this.config);
    let client: Client | undefined;
    try {
      const sdk = await loadMcpSdk();
      client = new sdk.Client({ name: 'agentd', version: this.#options.clientVersion }, { capabilities: {} });
      client.onclose = () => this.#onClosed(generation);
      // Our progress tokens are unknown to the SDK, which says so here: that is expected.
      client.onerror = (error) => {
        if (!error.message.includes('progress notification for an unknown token')) this.#log.debug({ err: error.message }, 'MCP client error');
      };
      const started = client;
      await withDeadline(timeoutMs, async (signal) => {
        await started.connect(this.#transport(sdk), { timeout: timeoutMs, signal });
        await this.#listTools(started, timeoutMs, signal);
      });
    } catch (error) {
      if (client) this.#closeInBackground(client);
      if (generation !== this.#generation) throw new Error(`the MCP server \`${this.name}\` was shut down`);
      this.#state = 'failed';
      this.#error = this.#withStderr(error instanceof DeadlineExceeded ? `did not start within ${timeoutMs / 1000} s` : messageOf(error));
      this.#log.warn({ error: this.#error }, 'an MCP server failed to start');
      throw new Error(this.#error, { cause: error });
    }
    if (generation !== this.#generation) {
      this.#closeInBackground(client);
      throw new Error(`the MCP server \`${this.name}\` was shut down`);
    }
    this.#client = client;
    this.#serverInfo = client.getServerVersion();
    this.#capabilities = client.getServerCapabilities();
    this.#state = 'ready';
    this.#log.debug({ tools: this.#tools.length }, 'MCP server ready');
  }

  #transport(sdk: McpSdk): Transport {
    return this.#watchProgress(this.#newTransport(sdk));
  }

  /**
   * Progress notifications are caught as they arrive, before the SDK sees them. The SDK hands them
   * to its handler a microtask later, by which time the call's result — read in the same chunk —
   * has already dropped the handler, and the progress is lost. Our calls carry our own token.
   */
  #watchProgress(transport: Transport): Transport {
    transport.onmessage = (message) => {
      if (!('method' in message) || message.method !== 'notifications/progress' || 'id' in message) return;
      const params = message.params as { progressToken?: unknown; progress: number; total?: number; message?: string } | undefined;
      const listener = typeof params?.progressToken === 'string' ? this.#progress.get(params.progressToken) : undefined;
      if (params && listener) listener(progressMessage(params));
    };
    return transport;
  }

  #newTransport(sdk: McpSdk): Transport {
    const { config } = this;
    if (config.url !== undefined) {
      const headers: Record<string, string> = {};
      if (config.bearer_token_env_var) {
        const token = this.#options.env[config.bearer_token_env_var];
        if (!token) throw new Error(`the environment variable ${config.bearer_token_env_var} (bearer_token_env_var) is not set`);
        headers.Authorization = `Bearer ${token}`;
      }
      return new sdk.StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers } });
    }
    const transport = new sdk.StdioClientTransport({
      command: config.command as string,
      args: config.args,
      ...(config.env ? { env: config.env } : {}),
      ...(config.cwd ? { cwd: config.cwd } : {}),
      stderr: 'pipe',
    });
    this.#serverPid = undefined;
    const start = transport.start.bind(transport);
    transport.start = async () => {
      await start();
      this.#serverPid = transport.pid ?? undefined;
    };
    // stderr is 'pipe', so this is the PassThrough the transport made for it.
    this.#followStderr(transport.stderr as Readable | null);
    return transport;
  }

  /** The server's stderr goes to the debug log; its last lines explain a failure. */
  #followStderr(stream: Readable | null): void {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.#stderrLine(line);
    });
    stream.on('end', () => {
      if (partial) this.#stderrLine(partial);
      partial = '';
    });
  }

  #stderrLine(line: string): void {
    const text = line.trimEnd();
    if (!text) return;
    this.#log.debug({ line: text }, 'MCP server stderr');
    this.#stderrTail.push(text);
    if (this.#stderrTail.length > STDERR_TAIL_LINES) this.#stderrTail.shift();
  }

  async #listTools(client: Client, timeoutMs: number, signal: AbortSignal): Promise<void> {
    const tools: McpToolDescriptor[] = [];
    let cursor: string | undefined;
    let meta: unknown;
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const result = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: timeoutMs, signal });
      if (page === 0) meta = result._meta;
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    this.#tools = tools;
    this.#toolListMeta = meta;
  }

  #onClosed(generation: number): void {
    if (generation !== this.#generation || this.#state !== 'ready') return;
    this.#state = 'exited';
    this.#client = undefined;
    this.#error = this.#withStderr('the server exited');
    this.#log.warn({ error: this.#error }, 'an MCP server exited; it starts again on its next use');
  }

  async #callError(error: unknown, generation: number, timeoutMs: number): Promise<McpCallError> {
    const { McpError, ErrorCode, StreamableHTTPError } = await loadMcpSdk();
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return new McpCallError('timeout', `the tool call timed out after ${timeoutMs / 1000} s`);
    }
    // Connection lost: stdio closed, or HTTP that cannot be reached (fetch failed) or no longer
    // knows our session. An error the server answered with, or a bad result, leaves it usable.
    const lost =
      (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) ||
      error instanceof StreamableHTTPError ||
      (error instanceof TypeError && (error as { cause?: { code?: unknown } }).cause?.code !== undefined);
    if (lost || generation !== this.#generation || this.#state !== 'ready') {
      // An HTTP server that went away fails the fetch without closing the transport: drop it here.
      if (generation === this.#generation && this.#state === 'ready') {
        const client = this.#client;
        this.#state = 'exited';
        this.#client = undefined;
        this.#error = `the connection failed: ${messageOf(error)}`;
        if (client) this.#closeInBackground(client);
      }
      const why = this.#state === 'exited' && this.#error ? this.#error : messageOf(error);
      return new McpCallError('connectionLost', `the MCP server \`${this.name}\` stopped during the call (${why}); it starts again on the next call`);
    }
    return new McpCallError('server', messageOf(error));
  }

  #withStderr(message: string): string {
    const tail = this.#stderrTail.slice(-3).join(' | ');
    return tail ? `${message} (stderr: ${tail})` : message;
  }

  /**
   * Closes the client; a stdio server still running after `STDIO_EXIT_GRACE_MS` is terminated. The
   * SDK only closes its stdin, then waits on timers that do not keep the daemon alive: a server
   * that ignores the end of its input (one stuck starting up) outlived the daemon.
   */
  #closeInBackground(client: Client): void {
    const pid = this.#serverPid;
    this.#serverPid = undefined;
    const closing = settledWithin(client.close(), STDIO_EXIT_GRACE_MS)
      .catch((error: unknown) => this.#log.debug({ err: messageOf(error) }, 'closing an MCP client failed'))
      .then(() => (pid === undefined ? undefined : terminateProcess(pid)))
      .finally(() => this.#closing.delete(closing));
    this.#closing.add(closing);
  }
}

/** How long a stdio server gets to exit by itself once its input is closed. */
const STDIO_EXIT_GRACE_MS = 1_000;

/** Resolves when `promise` settles (rejecting with it) or after `ms`, whichever comes first. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise.then(() => undefined), late]).finally(() => clearTimeout(timer));
}

class DeadlineExceeded extends Error {}

/** Runs `task` with a signal that fires after `ms`; rejects then even if the task ignores the signal. */
async function withDeadline<T>(ms: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceeded(`deadline of ${ms} ms exceeded`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function progressMessage(progress: { progress: number; total?: number; message?: string }): string {
  if (progress.message) return progress.message;
  return progress.total === undefined ? String(progress.progress) : `${progress.progress}/${progress.total}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
