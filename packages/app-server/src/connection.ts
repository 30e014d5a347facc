/**
 * One client connection over a pair of streams. It owns the JSON-RPC plumbing and the rules every
 * request goes through, once, before a handler sees it: the initialize handshake, the method table
 * lookup, the experimental gate, zod parsing of params (-32602 with the issues in `data`), ordering
 * of requests that name the same thread, backpressure, and mapping of any error to the wire.
 */
import type { Readable, Writable } from 'node:stream';
import { type MessageConnection, createMessageConnection } from 'vscode-jsonrpc/node';
import type * as z from 'zod';
import type { NotificationTable, RequestTable, v2 } from '@agentd/protocol';
import { ErrorCodes, type InitializeParams, isInitializeParams } from '@agentd/protocol/handshake';
import type { Logger } from '@agentd/core/startup';
import type { AppContext, ServerInfo } from './app-context.js';
import { invalidParams, invalidRequest, methodNotFound, overloaded, toWireError } from './errors.js';
import type { HandlerContext, HandlerTable } from './handler.js';
import { initialize } from './handlers/initialize.js';
import { isDeliverable } from './notification-gate.js';
import { Session } from './session.js';
import { NdjsonMessageReader } from './transport/ndjson-reader.js';
import { type BacklogMarks, NdjsonMessageWriter } from './transport/ndjson-writer.js';
import { RequestIds } from './transport/request-ids.js';
import { ServerRequests } from './transport/server-requests.js';

export interface ConnectionOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly server: ServerInfo;
  /** Builds the handlers' context; called on the first request after the handshake. */
  readonly loadApp: () => Promise<AppContext>;
  readonly log: Logger;
  /** Longest accepted line. */
  readonly maxMessageBytes: number;
  /** Unread output, in bytes, above which producers wait, and above which new requests are refused. */
  readonly backlog: BacklogMarks;
  /** Runs before output reaches the client (the thread event logs are written first). */
  readonly beforeWrite?: () => void;
}

/** The method table and the handlers, loaded after the handshake (start-up stays light). */
interface Dispatch {
  readonly protocol: typeof import('@agentd/protocol');
  readonly gate: typeof import('./experimental-gate.js');
  readonly handlers: HandlerTable;
  readonly app: AppContext;
}

const HANDSHAKE: v2.ClientRequestMethod = 'initialize';
const INITIALIZED: v2.ClientNotificationMethod = 'initialized';
const PRESSURE_LOG_INTERVAL_MS = 60_000;
/** Requests that shed load rather than add to it, so they are taken even when overloaded. */
const ACCEPTED_WHEN_OVERLOADED: ReadonlySet<string> = new Set<v2.ClientRequestMethod>(['turn/interrupt']);

export class Connection {
  readonly session = new Session();
  readonly #options: ConnectionOptions;
  readonly #writer: NdjsonMessageWriter;
  readonly #rpc: MessageConnection;
  readonly #serverRequests: ServerRequests;
  /** The tail of each thread's request chain: requests naming one thread run one at a time. */
  readonly #threadQueues = new Map<string, Promise<unknown>>();
  readonly #closed: Promise<void>;
  readonly #reader: NdjsonMessageReader;
  /** Messages that reached a handler, and requests whose handler has not returned yet. */
  #received = 0;
  #inFlight = 0;
  #dispatch: Promise<Dispatch> | undefined;
  #lastPressureLog = Number.NEGATIVE_INFINITY;
  /** Set once the dispatch is loaded, for the synchronous `notify`. */
  #serverNotifications: NotificationTable | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    const log = options.log;
    const requestIds = new RequestIds();
    this.#writer = new NdjsonMessageWriter(options.output, {
      backlog: options.backlog,
      requestIds,
      beforeWrite: options.beforeWrite,
      onPressure: (state, backlogBytes) => {
        // A client that keeps lagging would say so many times a second: once a minute is enough.
        const now = Date.now();
        const level = state === 'waiting' && now - this.#lastPressureLog > PRESSURE_LOG_INTERVAL_MS ? 'info' : 'debug';
        if (level === 'info') this.#lastPressureLog = now;
        if (state === 'waiting') log[level]({ backlogBytes }, 'the client is not reading fast enough: streaming waits for it');
        else log.debug({ backlogBytes }, 'the client caught up: streaming goes on');
      },
    });
    this.#serverRequests = new ServerRequests((line) => this.#writer.writeLine(line));
    const reader = (this.#reader = new NdjsonMessageReader(options.input, {
      maxLineLength: options.maxMessageBytes,
      onWarning: (message) => log.warn(message),
      onInvalid: ({ id, reason }) => {
        log.warn({ id }, `refused a message: ${reason}`);
        if (id !== undefined) {
          this.#writer.writeLine(JSON.stringify({ id, error: { code: ErrorCodes.INVALID_REQUEST, message: `invalid request: ${reason}` } }));
        }
      },
      onResponse: (message) => this.#serverRequests.settle(message),
      requestIds,
    }));
    this.#rpc = createMessageConnection(reader, this.#writer, {
      error: (message) => log.warn(message),
      warn: (message) => log.warn(message),
      info: (message) => log.debug(message),
      log: (message) => log.debug(message),
    });
    this.#rpc.onRequest((method, params) => this.#handleRequest(method, params));
    this.#rpc.onNotification((method, params) => this.#handleNotification(method, params));
    this.#closed = new Promise((resolve) => {
      this.#rpc.onClose(() => resolve());
      reader.onClose(() => resolve());
    });
  }

  listen(): void {
    this.#rpc.listen();
  }

  /** Resolves when the client closes its end (stdin EOF). */
  get closed(): Promise<void> {
    return this.#closed;
  }

  /** Requests received so far. */
  get requestsReceived(): number {
    return this.#received;
  }

  /** True while a request is being handled or output is waiting to be written to the client. */
  get busy(): boolean {
    return this.#inFlight > 0 || this.#writer.backlogBytes > 0;
  }

  /** Sends a notification, unless the client opted out of it or it is experimental and not asked for. */
  notify<M extends v2.ServerNotificationMethod>(method: M, params: v2.ServerNotificationParams<M>): void {
    this.notifySerialized(method, JSON.stringify({ method, params, emittedAtMs: Date.now() }));
  }

  /**
   * Asks the client something; the answer is parsed with the method table's result schema.
   * `id` is the request's wire id (clients see it again in `serverRequest/resolved`).
   */
  request<M extends v2.ServerRequestMethod>(
    method: M,
    params: v2.ServerRequestParams<M>,
  ): { id: number; result: Promise<v2.ServerRequestResult<M>> } {
    const { id, answer } = this.#serverRequests.start(method, params);
    const result = Promise.all([answer, this.#loadDispatch()]).then(([raw, { protocol }]) => {
      const spec = (protocol.v2.serverRequests as RequestTable)[method] as { result: z.ZodType } | undefined;
      if (!spec) return raw as v2.ServerRequestResult<M>;
      const parsed = spec.result.safeParse(raw);
      if (!parsed.success) {
        throw new Error(`the client's answer to ${method} is not valid: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      }
      return parsed.data as v2.ServerRequestResult<M>;
    });
    return { id, result };
  }

  /** Stops waiting for a server request's answer (its turn ended). */
  abandonRequest(id: number, reason: string): void {
    this.#serverRequests.abandon(id, reason);
  }

  /** Resolves once the client has caught up enough for producers to go on. */
  whenWritable(): Promise<void> {
    return this.#writer.whenWritable();
  }

  /** True while the client is so far behind that producers should wait (see `whenWritable`). */
  get behind(): boolean {
    return this.#writer.behind;
  }

  /**
   * Sends a notification already serialised (once, for every follower of a thread); same rules as
   * `notify`.
   */
  notifySerialized(method: v2.ServerNotificationMethod, line: string): void {
    if (!isDeliverable(method, this.session, this.#serverNotifications ?? {})) return;
    this.#writer.writeLine(line);
  }

  /**
   * Answers every request already received (waiting up to `graceMs` for slow handlers), flushes
   * what is queued and stops; pending server requests are abandoned.
   */
  async close(graceMs = 5_000): Promise<void> {
    this.#serverRequests.abandonAll('the connection is closing');
    const deadline = Date.now() + graceMs;
    while ((this.#received < this.#reader.delivered || this.#inFlight > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // One more turn so vscode-jsonrpc writes the last response.
    await new Promise((resolve) => setImmediate(resolve));
    await this.#writer.drain();
    this.#rpc.dispose();
  }

  async #handleRequest(method: string, rawParams: unknown): Promise<unknown> {
    this.#received++;
    this.#inFlight++;
    try {
      return method === HANDSHAKE ? await this.#handshake(rawParams) : await this.#dispatchRequest(method, rawParams);
    } catch (error) {
      const wire = toWireError(error);
      if (wire.code === ErrorCodes.INTERNAL_ERROR) {
        this.#options.log.error({ method, err: error }, 'request failed');
      }
      throw wire;
    } finally {
      this.#inFlight--;
    }
  }

  /**
   * Answers `initialize`. Valid params (the common case) are told by a check that needs no zod, so
   * the answer does not wait for the protocol's schemas; refused ones get zod's issues.
   */
  #handshake(rawParams: unknown): unknown {
    if (this.session.initialized) throw invalidRequest('Already initialized');
    const params = rawParams ?? undefined;
    if (isInitializeParams(params)) return this.#begin(params);
    return import('@agentd/protocol').then(({ v2 }) => {
      if (this.session.initialized) throw invalidRequest('Already initialized');
      const parsed = v2.InitializeParamsSchema.safeParse(params);
      if (!parsed.success) {
        throw invalidParams(`Invalid params for ${HANDSHAKE}: ${summarizeIssues(parsed.error.issues)}`, { issues: parsed.error.issues });
      }
      return this.#begin(parsed.data);
    });
  }

  #begin(params: InitializeParams): unknown {
    // Gate later requests at once; then load the rest while the client reads the answer.
    this.session.begin(params);
    setImmediate(() => void this.#loadDispatch().catch((error: unknown) => this.#options.log.error({ err: error }, 'loading the agent failed')));
    return initialize(params, this.#options.server);
  }

  #loadDispatch(): Promise<Dispatch> {
    return (this.#dispatch ??= Promise.all([
      import('@agentd/protocol'),
      import('./experimental-gate.js'),
      import('./handlers/index.js'),
      this.#options.loadApp(),
    ]).then(([protocol, gate, { handlers }, app]) => {
      this.#serverNotifications = protocol.v2.serverNotifications;
      return { protocol, gate, handlers, app };
    }));
  }

  async #dispatchRequest(method: string, rawParams: unknown): Promise<unknown> {
    const session = this.session;
    if (!session.initialized) throw invalidRequest('Not initialized');
    const { protocol, gate, handlers, app } = await this.#loadDispatch();
    const table = protocol.v2.clientRequests as RequestTable;
    const spec = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!spec) throw methodNotFound(method);
    // The capability gate comes first: it is part of the protocol, whether or not a handler exists
    // yet, and a client that used experimental surface should hear about the capability even when
    // the value it sent is also wrong.
    if (!session.experimentalApi) {
      const refusal = gate.experimentalRefusal(method, spec, rawParams);
      if (refusal) throw refusal;
    }
    const handler = (handlers as Record<string, HandlerFn | undefined>)[method];
    if (!handler) throw methodNotFound(method);
    const parsed = spec.params.safeParse(rawParams ?? undefined);
    if (!parsed.success) {
      throw invalidParams(`Invalid params for ${method}: ${summarizeIssues(parsed.error.issues)}`, { issues: parsed.error.issues });
    }
    if (this.#writer.overloaded && !ACCEPTED_WHEN_OVERLOADED.has(method)) throw overloaded();

    const afterResponse: Array<() => void> = [];
    const ctx: HandlerContext = {
      connection: this,
      app,
      log: this.#options.log,
      afterResponse: (task) => afterResponse.push(task),
    };
    const run = async () => {
      const result = await handler(parsed.data, ctx);
      // vscode-jsonrpc writes the response in the microtasks that follow; a macrotask runs after.
      if (afterResponse.length > 0) setImmediate(() => afterResponse.forEach((task) => task()));
      return result;
    };
    const threadId = (parsed.data as { threadId?: unknown } | undefined)?.threadId;
    return typeof threadId === 'string' ? this.#inThreadOrder(threadId, run) : run();
  }

  #inThreadOrder<T>(threadId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#threadQueues.get(threadId) ?? Promise.resolve();
    const current = previous.then(run, run);
    const tail = current.catch(() => undefined);
    this.#threadQueues.set(threadId, tail);
    void tail.then(() => {
      if (this.#threadQueues.get(threadId) === tail) this.#threadQueues.delete(threadId);
    });
    return current;
  }

  #handleNotification(method: string, _params: unknown): void {
    this.#received++;
    if (method === INITIALIZED) {
      this.session.markInitializedNotified();
      return;
    }
    this.#options.log.debug({ method }, 'ignored a client notification');
  }
}

type HandlerFn = (params: unknown, ctx: HandlerContext) => unknown;

function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
