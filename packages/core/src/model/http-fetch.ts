/**
 * The fetch the openai package sends model requests with: node:http(s) over kept-alive
 * connections, instead of Node's own fetch. Node's fetch spends a few milliseconds of CPU on each
 * request (its WHATWG machinery), twice per tool call of a turn; this spends about half of that.
 *
 * An event stream's body stays a Node stream, read through `responseBody` (the Response itself
 * carries no body): Node's web streams would add work to each of the stream's many small chunks.
 * Any other response (an error's JSON, say) is read whole into an ordinary Response.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
} as const;

/** The bodies of event-stream responses, which the Response objects do not carry. */
const streamedBodies = new WeakMap<Response, Readable>();

/** What to read a response's body from: its Node stream when it has one, else its own body. */
export function responseBody(response: Response): AsyncIterable<Uint8Array> | null {
  return streamedBodies.get(response) ?? (response.body as AsyncIterable<Uint8Array> | null);
}

export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(abortError());
    let url: URL;
    let body: string | Uint8Array | undefined;
    try {
      url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      body = bodyOf(init.body);
    } catch (error) {
      return reject(new TypeError('fetch failed', { cause: error }));
    }
    const agent = url.protocol === 'http:' || url.protocol === 'https:' ? agents[url.protocol] : undefined;
    if (!agent) return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

    const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers, agent });
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
      const responseHeaders = new Headers();
      for (let index = 0; index + 1 < message.rawHeaders.length; index += 2) {
        responseHeaders.append(message.rawHeaders[index] as string, message.rawHeaders[index + 1] as string);
      }
      const init = { status: message.statusCode ?? 0, statusText: message.statusMessage ?? '', headers: responseHeaders };
      const stream = decoded(message);
      message.once('close', stopWatching);
      if (init.status >= 200 && init.status < 300 && responseHeaders.get('content-type')?.includes('text/event-stream')) {
        const response = new Response(null, init);
        streamedBodies.set(response, stream);
        return resolve(response);
      }
      readAll(stream).then(
        (bytes) => resolve(new Response(NULL_BODY_STATUSES.has(init.status) ? null : bytes, init)),
        (error: unknown) => reject(signal?.aborted ? abortError() : new TypeError('fetch failed', { cause: error })),
      );
    });
    request.end(body);
  });
}

/** Statuses a Response may not have a body with. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new Error('model requests send a string or bytes as their body');
}

/** The body as sent, decompressed when the server compressed it. */
function decoded(message: IncomingMessage): Readable {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return message;
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
