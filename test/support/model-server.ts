// The scripted model server: a real HTTP server on 127.0.0.1 that speaks the OpenAI Responses API
// and Chat Completions (streaming or not), serves scripted turns in order, records every request,
// and misbehaves on demand. It is the only fake in agentd's end-to-end tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reply as replyBuilder, type ScriptEntry, type ScriptItem, type ScriptedFailure, type ScriptedReply } from './model-script.js';
import { clip, sleep, WaitList } from './wait.js';
import { chatWire } from './wire-chat.js';
import type { RenderContext, Rendered, Wire } from './wire-common.js';
import { responsesWire } from './wire-responses.js';

export { fail, part, reply, parseScript, parseScriptEntry } from './model-script.js';
export type { ScriptEntry, ScriptItem, ScriptedFailure, ScriptedReply, ReplyPart, UsageOverride } from './model-script.js';

export type Endpoint = 'responses' | 'chat' | 'models' | 'other';
export type RequestOutcome = 'pending' | 'completed' | 'aborted' | 'cut' | 'stalled';

export interface RecordedRequest {
  /** 0-based, over every request the server received. */
  readonly index: number;
  readonly method: string;
  /** Path and query, e.g. `/v1/responses`. */
  readonly path: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as received. */
  readonly raw: string;
  /** The body parsed as JSON (`undefined` when it is not JSON). Typed loosely: tests compare it whole. */
  readonly json: any;
  readonly endpoint: Endpoint;
  readonly receivedAt: number;
  /** What answered it: `reply`, `fail:status`, `fail:stall`, ..., `unscripted`, `unauthorized`, `models`. */
  served: string;
  /** How the exchange ended; `aborted` means the client hung up before the answer was complete. */
  outcome: RequestOutcome;
  /** Resolves when the exchange ends (not enumerable, so a record prints and serialises cleanly). */
  readonly settled: Promise<RequestOutcome>;
  /** Bytes of streamed response body handed to the socket so far, honouring backpressure (not
   * enumerable). A client that stops reading holds it at what it read plus the socket buffers. */
  readonly sentBytes: number;
}

export interface ModelServerOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Ids listed by `GET /v1/models` (default `["gpt-test"]`). */
  models?: string[];
  port?: number;
  /** Called with every recorded request (the CLI logs them). */
  onRequest?: (request: RecordedRequest) => void;
}

const MODEL_ENDPOINTS: ReadonlySet<Endpoint> = new Set(['responses', 'chat']);
const BATCH_BYTES = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

const STATUS_DEFAULTS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Bad request (scripted).', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided (scripted).', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'Forbidden (scripted).', type: 'invalid_request_error', code: null },
  404: { message: 'Not found (scripted).', type: 'invalid_request_error', code: null },
  429: { message: 'Rate limit reached (scripted).', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request (scripted).', type: 'server_error', code: null },
  502: { message: 'Bad gateway (scripted).', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded (scripted).', type: 'server_error', code: null },
};

function errorBody(message: string, type: string, code: string | null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function endpointOf(method: string, path: string): Endpoint {
  const p = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  if (method === 'POST' && p === '/v1/responses') return 'responses';
  if (method === 'POST' && p === '/v1/chat/completions') return 'chat';
  if (method === 'GET' && p === '/v1/models') return 'models';
  return 'other';
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function defaultPrefixReply(): ScriptedReply {
  return replyBuilder.text('This reply never completes.');
}

export class ModelServer {
  readonly requests: RecordedRequest[] = [];
  /** Things a test author should know about: unscripted requests, script functions that threw. */
  readonly errors: string[] = [];
  readonly #server: Server;
  readonly #opts: ModelServerOptions;
  readonly #queue: ScriptItem[] = [];
  readonly #waiters = new WaitList();
  #default: ScriptItem | undefined;
  #itemCounter = 0;
  #responseCounter = 0;
  #url = '';
  #closed = false;

  constructor(opts: ModelServerOptions = {}) {
    this.#opts = opts;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        this.errors.push(`handler failed: ${String(err)}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(errorBody(`model server bug: ${String(err)}`, 'server_error', null));
        } else {
          res.destroy();
        }
      });
    });
    // A stalled request must not be cut by Node's own timeouts: only the client or close() ends it.
    this.#server.requestTimeout = 0;
    this.#server.headersTimeout = 0;
  }

  /** Base URL ending in `/v1`, as `base_url` / `OPENAI_BASE_URL` want it. */
  get url(): string {
    return this.#url;
  }

  /** Requests to the generation endpoints (`/v1/responses`, `/v1/chat/completions`). */
  get modelRequests(): RecordedRequest[] {
    return this.requests.filter((r) => MODEL_ENDPOINTS.has(r.endpoint));
  }

  /** Scripted entries not served yet. */
  get remaining(): number {
    return this.#queue.length;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  /** Queues turns, served in order, one per model request. A function entry decides from the request. */
  enqueue(...items: ScriptItem[]): this {
    this.#queue.push(...items);
    return this;
  }

  /** What to serve once the queue is empty (default: a 500 saying no scripted response is left). */
  setDefault(item: ScriptItem | undefined): this {
    this.#default = item;
    return this;
  }

  /** Resolves with the model requests once there are at least `n` of them. */
  waitForRequests(n: number, opts: { timeoutMs?: number } = {}): Promise<RecordedRequest[]> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return this.#waiters.wait(
      () => {
        const got = this.modelRequests;
        return got.length >= n ? got : undefined;
      },
      {
        timeoutMs,
        what: `${n} model request(s) at ${this.#url}`,
        context: () => {
          const got = this.requests.map((r) => `  ${describeRequest(r)}`).join('\n');
          return `Got ${this.modelRequests.length}. Requests so far:\n${got || '  (none)'}`;
        },
      },
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#waiters.rejectAll((what) => new Error(`model server ${this.#url} closed while waiting for ${what}`));
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    let json: unknown;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      json = undefined;
    }
    let settle!: (o: RequestOutcome) => void;
    const settled = new Promise<RequestOutcome>((resolve) => (settle = resolve));
    const record = {
      index: this.requests.length,
      method,
      path,
      headers: flatHeaders(req),
      raw,
      json,
      endpoint: endpointOf(method, path),
      receivedAt: Date.now(),
      served: 'pending',
      outcome: 'pending' as RequestOutcome,
    } as RecordedRequest;
    Object.defineProperty(record, 'settled', { value: settled, enumerable: false });
    Object.defineProperty(record, 'sentBytes', { value: 0, writable: true, enumerable: false });
    const hangup = new AbortController();
    res.once('close', () => {
      if (record.outcome === 'pending' || record.outcome === 'stalled') {
        record.outcome = res.writableFinished ? 'completed' : 'aborted';
      }
      hangup.abort();
      settle(record.outcome);
    });
    this.requests.push(record);
    this.#opts.onRequest?.(record);
    this.#waiters.poke();

    const auth = this.#opts.apiKey;
    if (auth !== undefined && record.headers.authorization !== `Bearer ${auth}`) {
      record.served = 'unauthorized';
      return this.#sendJson(res, 401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    switch (record.endpoint) {
      case 'models': {
        record.served = 'models';
        const data = (this.#opts.models ?? ['gpt-test']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'agentd-test' }));
        return this.#sendJson(res, 200, JSON.stringify({ object: 'list', data }));
      }
      case 'other':
        record.served = 'not-found';
        this.errors.push(`no route for ${method} ${path}`);
        return this.#sendJson(res, 404, errorBody(`agentd test model server: no route for ${method} ${path}`, 'invalid_request_error', null));
      case 'responses':
      case 'chat':
        break;
    }
    if (json === undefined || typeof json !== 'object' || json === null) {
      record.served = 'bad-request';
      return this.#sendJson(res, 400, errorBody('request body is not a JSON object', 'invalid_request_error', null));
    }

    const entry = await this.#nextEntry(record);
    if (typeof entry === 'string') {
      record.served = 'unscripted';
      this.errors.push(entry);
      return this.#sendJson(res, 500, errorBody(entry, 'server_error', null));
    }
    record.served = entry.kind === 'reply' ? 'reply' : `fail:${entry.type}`;
    const wire = record.endpoint === 'chat' ? chatWire : responsesWire;
    const body = json as { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
    const ctx = this.#context(body, raw, entry.kind === 'fail');
    const streaming = body.stream === true;
    if (entry.kind === 'reply') {
      await sleep(entry.delayMs ?? 0, hangup.signal);
      if (hangup.signal.aborted) return;
      const rendered = wire.render(entry, ctx);
      if (!streaming) return this.#sendJson(res, 200, JSON.stringify(rendered.body));
      return this.#stream(res, record, ctx, rendered.events, entry.chunkDelayMs ?? 0, hangup.signal);
    }
    return this.#misbehave(res, record, entry, wire, ctx, streaming, hangup.signal);
  }

  /** The next script entry, or an explanation of why there is none. */
  async #nextEntry(record: RecordedRequest): Promise<ScriptEntry | string> {
    const item = this.#queue.length > 0 ? this.#queue.shift() : this.#default;
    if (item === undefined) {
      return `agentd test model server: no scripted response left for ${record.method} ${record.path} (model request #${this.modelRequests.length}); enqueue more replies or setDefault()`;
    }
    if (typeof item !== 'function') return item;
    try {
      return await item(record.json, record);
    } catch (err) {
      return `agentd test model server: the script function for ${record.method} ${record.path} threw: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  #context(body: { model?: unknown; stream_options?: { include_usage?: unknown } }, raw: string, scratch: boolean): RenderContext {
    // A failure's partial output takes numbers from a scratch counter: the retry that follows then
    // streams the same ids, and a failure never shifts the ids of later replies.
    let scratchCounter = this.#itemCounter;
    return {
      nextItemNumber: scratch ? () => ++scratchCounter : () => ++this.#itemCounter,
      responseNumber: ++this.#responseCounter,
      model: typeof body.model === 'string' ? body.model : 'gpt-test',
      inputChars: raw.length,
      includeUsage: body.stream_options?.include_usage === true,
      now: Math.floor(Date.now() / 1000),
    };
  }

  #sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  }

  #startSse(res: ServerResponse, ctx: RenderContext): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': `req_${ctx.responseNumber}`,
    });
  }

  /** Writes events in big batches (or one by one, `chunkDelayMs` apart), honouring backpressure. */
  async #write(res: ServerResponse, events: readonly string[], chunkDelayMs: number, signal: AbortSignal, record?: RecordedRequest): Promise<void> {
    let batch = '';
    const flush = async (): Promise<void> => {
      if (batch === '' || res.destroyed) return;
      const ok = res.write(batch);
      if (record) (record as { sentBytes: number }).sentBytes += Buffer.byteLength(batch);
      batch = '';
      if (!ok) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    };
    for (const e of events) {
      if (signal.aborted) return;
      batch += e;
      if (chunkDelayMs > 0) {
        await flush();
        await sleep(chunkDelayMs, signal);
      } else if (batch.length >= BATCH_BYTES) {
        await flush();
      }
    }
    await flush();
  }

  async #stream(res: ServerResponse, record: RecordedRequest, ctx: RenderContext, events: readonly string[], chunkDelayMs: number, signal: AbortSignal): Promise<void> {
    this.#startSse(res, ctx);
    await this.#write(res, events, chunkDelayMs, signal, record);
    if (!signal.aborted) res.end();
  }

  async #misbehave(
    res: ServerResponse,
    record: RecordedRequest,
    f: ScriptedFailure,
    wire: Wire,
    ctx: RenderContext,
    streaming: boolean,
    signal: AbortSignal,
  ): Promise<void> {
    await sleep(f.delayMs ?? 0, signal);
    if (signal.aborted) return;
    if (f.type === 'status') {
      const d = STATUS_DEFAULTS[f.status] ?? { message: `HTTP ${f.status} (scripted).`, type: 'server_error', code: null };
      const headers: Record<string, string> = { 'x-request-id': `req_${ctx.responseNumber}`, ...f.headers };
      if (f.retryAfterSeconds !== undefined) headers['retry-after'] = String(f.retryAfterSeconds);
      if (f.retryAfterMs !== undefined) headers['retry-after-ms'] = String(f.retryAfterMs);
      const body = f.body ?? errorBody(f.message ?? d.message, f.errorType ?? d.type, f.code !== undefined ? f.code : d.code);
      return this.#sendJson(res, f.status, body, headers);
    }

    const rendered: Rendered = wire.render(f.reply ?? defaultPrefixReply(), ctx);
    const open = rendered.events.length - rendered.terminal;
    const clamp = (n: number): number => Math.max(0, Math.min(n, open));

    if (f.type === 'stall') {
      if (f.afterEvents !== undefined && streaming) {
        this.#startSse(res, ctx);
        await this.#write(res, rendered.events.slice(0, clamp(f.afterEvents)), 0, signal);
      }
      if (record.outcome === 'pending') record.outcome = 'stalled';
      // Never answer: the exchange ends when the client hangs up or the server closes.
      await new Promise<void>((resolve) => res.once('close', () => resolve()));
      return;
    }

    if (f.type === 'cutMidEvent') {
      record.outcome = 'cut';
      if (!streaming) {
        res.socket?.destroy();
        return;
      }
      const sent = Math.min(f.afterEvents ?? open, rendered.events.length - 1);
      const cutEvent = rendered.events[sent] ?? '';
      this.#startSse(res, ctx);
      await this.#write(res, rendered.events.slice(0, Math.max(0, sent)), 0, signal);
      if (signal.aborted) return;
      const half = cutEvent.slice(0, Math.max(1, Math.floor(cutEvent.length / 2)));
      res.write(half, () => res.socket?.destroy());
      return;
    }

    const sent = clamp(f.afterEvents ?? 2);
    if (f.type === 'badSse') {
      if (!streaming) return this.#sendJson(res, 200, '{"id": "resp_bad", "output": [');
      this.#startSse(res, ctx);
      const line = f.line !== undefined ? `${f.line}\n\n` : wire.badEvent(sent);
      await this.#write(res, [...rendered.events.slice(0, sent), line], 0, signal);
      if (!signal.aborted) res.end();
      return;
    }

    // streamError
    const failure = { message: f.message ?? 'The model failed to respond (scripted).', code: f.code ?? 'server_error', event: f.event ?? 'response.failed' } as const;
    if (!streaming) return this.#sendJson(res, 500, errorBody(failure.message, 'server_error', failure.code));
    this.#startSse(res, ctx);
    await this.#write(res, [...rendered.events.slice(0, sent), wire.streamError(ctx, sent, failure)], 0, signal);
    if (!signal.aborted) res.end();
  }
}

/** Starts a scripted model server on 127.0.0.1 (a free port unless `port` is given). */
export async function startModelServer(opts: ModelServerOptions = {}): Promise<ModelServer> {
  return new ModelServer(opts).listen();
}

/** For error messages: a one-line description of a recorded request. */
export function describeRequest(r: RecordedRequest): string {
  return `#${r.index} ${r.method} ${r.path} -> ${r.served} (${r.outcome}) ${clip(r.raw, 200)}`;
}
