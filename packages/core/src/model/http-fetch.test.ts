import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch, responseBody } from './http-fetch.js';

let server: Server | undefined;

async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function text(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  let out = '';
  for await (const chunk of body ?? []) out += Buffer.from(chunk).toString('utf8');
  return out;
}

describe('httpFetch', () => {
  it('sends the body and headers, and hands over an event stream as it arrives', async () => {
    let seen: { method?: string; auth?: string; length?: string; body?: string } = {};
    const url = await serve((req, res, body) => {
      seen = { method: req.method, auth: req.headers.authorization, length: req.headers['content-length'], body };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      setTimeout(() => res.end('data: two\n\n'), 20);
    });
    const response = await httpFetch(`${url}/v1/responses`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"é":1}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await text(responseBody(response))).toBe('data: one\n\ndata: two\n\n');
    expect(seen).toEqual({ method: 'POST', auth: 'Bearer k', length: String(Buffer.byteLength('{"é":1}')), body: '{"é":1}' });
  });

  it('gives an error response whole, with its headers, for the SDK to read', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end('{"error":{"message":"slow down"}}');
    });
    const response = await httpFetch(url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ error: { message: 'slow down' } });
  });

  it('decompresses a compressed body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      res.end(gzipSync('data: zipped\n\n'));
    });
    expect(await text(responseBody(await httpFetch(url)))).toBe('data: zipped\n\n');
  });

  it('keeps the connection for the next request', async () => {
    const ports = new Set<number | undefined>();
    const url = await serve((req, res) => {
      ports.add(req.socket.remotePort);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: x\n\n');
    });
    for (let index = 0; index < 3; index++) await text(responseBody(await httpFetch(url)));
    expect(ports.size).toBe(1);
  });

  it('rejects as fetch does: AbortError when aborted, TypeError when the server is unreachable', async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    const pending = httpFetch(url, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const closed = url.replace(/:\d+$/, ':1');
    await expect(httpFetch(closed)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('ends a stream being read when the request is aborted', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
    });
    const controller = new AbortController();
    const body = responseBody(await httpFetch(url, { signal: controller.signal }));
    const reading = text(body);
    setTimeout(() => controller.abort(), 20);
    await expect(reading).rejects.toThrow();
  });
});
