/**
 * The fetch the openai package sends model requests with: node:http(s) over kept-alive
 * connections, instead of Node's own fetch. Node's fetch spends a few milliseconds of CPU on each
 * request (its WHATWG machinery), twice per tool call of a turn; this spends about half of that.
 *
 * An event stream's body stays a Node stream, read through `responseBody` (the Response itself
 * carries no body): Node's web streams would add work to each of the stream's many small chunks.
 * Any other response (an error's JSON, say) is read whole into an ordinary Response.
 */
import type { Agent, IncomingMessage, RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';

interface Transport {
  readonly request: typeof import('node:http').request;
  readonly agent: Agent;
}

/**
 * node:http and node:https (with TLS), loaded with the first request that needs them, as Node's
 * own fetch is: the daemon does not pay for them until it talks to a model.
 */
const transports = new Map<string, Promise<Transport>>();

function transportFor(protocol: string): Promise<Transport> | undefined {
  if (protocol !== 'http:' && protocol !== 'https:') return undefined;
  let transport = transports.get(protocol);
  if (!transport) {
    const load = protocol === 'https:' ? import('node:https') : import('node:http');
    transport = load.then(({ default: module }) => ({ request: module.request as Transport['request'], agent: new module.Agent({ keepAlive: true }) }));
    transports.set(protocol, transport);
  }
  return transport;
}

/** The bodies of event-stream responses, which the Response objects do not carry. */
const streamedBodies = new WeakMap<Response, Readable>();

/** What to read a response's body from: its Node stream when it has one, else its own body. */
export function responseBody(response: Response): AsyncIterable<Uint8Array> | null {
  return streamedBodies.get(response) ?? (response.body as AsyncIterable<Uint8Array> | null);
}

export async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  let url: URL;
  let body: Uint8Array | undefined;
  try {
    url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    body = bodyOf(init.body);
  } catch (error) {
    throw new TypeError('fetch failed', { cause: error });
  }
  const transport = await transportFor(url.protocol);
  if (!transport) throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  return send(transport, url, { method: init.method ?? 'GET', headers, agent: transport.agent }, body, init.signal ?? undefined);
}

function send(transport: Transport, url: URL, options: RequestOptions, body: Uint8Array | undefined, signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const request = transport.request(url, options);
    let settled = false;
    const onAbort = () => request.destroy(abortError());
    const stopWatching = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    request.once('error', (error) => {
      if (!settled) {
        stopWatching();
        settled = true;
        reject(signal?.aborted ? abortError() : new TypeError('fetch failed', { cause: error }));
      }
    });
    request.once('response', (message) => {
      settled = true;
      message.once('close', stopWatching);
      const failed = (error: unknown) => reject(signal?.aborted ? abortError() : new TypeError('fetch failed', { cause: error }));
      toResponse(message).then(resolve, failed);
    });
    request.end(body);
  });
}

/** A Response for `message`: an event stream's body kept as a Node stream, any other read whole. */
async function toResponse(message: IncomingMessage): Promise<Response> {
  const headers = new Headers();
  for (let index = 0; index + 1 < message.rawHeaders.length; index += 2) {
    headers.append(message.rawHeaders[index] as string, message.rawHeaders[index + 1] as string);
  }
  const init = { status: message.statusCode ?? 0, statusText: message.statusMessage ?? '', headers };
  const stream = await decoded(message);
  if (init.status >= 200 && init.status < 300 && headers.get('content-type')?.includes('text/event-stream')) {
    const response = new Response(null, init);
    streamedBodies.set(response, stream);
    return response;
  }
  const bytes = await readAll(stream);
  return new Response(NULL_BODY_STATUSES.has(init.status) ? null : bytes, init);
}

/** Statuses a Response may not have a body with. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The request body as bytes. A string is encoded here, once: given a string, node:http would first
 * join it to the headers, a copy of the whole conversation on every request.
 */
function bodyOf(body: RequestInit['body']): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new Error('model requests send a string or bytes as their body');
}

/** The body as sent, decompressed when the server compressed it (zlib is loaded only then). */
async function decoded(message: IncomingMessage): Promise<Readable> {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== 'br') return message;
  const zlib = await import('node:zlib');
  const decoder = encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
  message.once('error', (error) => decoder.destroy(error));
  return message.pipe(decoder);
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function abortError(): DOMException {
  return new DOMException('This operation was aborted', 'AbortError');
}
