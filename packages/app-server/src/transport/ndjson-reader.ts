/**
 * Reads newline-delimited JSON-RPC messages (one JSON object per line) for vscode-jsonrpc, which
 * would otherwise expect `Content-Length` framing. Lines that are not JSON objects are dropped with
 * a warning: the reference protocol has no null id, so there is nobody to answer. Messages that
 * carry a usable id but cannot be a request or a response are handed to `onInvalid` so the
 * connection can answer them with an error instead of leaving the client waiting.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-jsonrpc/node';
import type { RequestId } from '@agentd/protocol/handshake';
import type { RequestIds } from './request-ids.js';

export interface InvalidMessage {
  /** The id to answer, when the line carried one that the schema allows. */
  readonly id: RequestId | undefined;
  /** Why the message was refused, for the error response and the log. */
  readonly reason: string;
}

export interface NdjsonReaderOptions {
  /** Longest line accepted, in bytes (UTF-16 code units, close enough for a limit). */
  readonly maxLineLength: number;
  readonly onInvalid: (message: InvalidMessage) => void;
  readonly onWarning: (message: string) => void;
  /**
   * Takes a response from the client (to a request the server sent); false when its id is unknown.
   * Responses never reach vscode-jsonrpc: the server's own requests are tracked outside it.
   */
  readonly onResponse: (message: Record<string, unknown>) => boolean;
  /** Gives each incoming request an internal id (see request-ids.ts). */
  readonly requestIds: RequestIds;
}

/** How many characters of an oversized line are kept to find its id. */
const ID_PROBE_LENGTH = 4096;

export class NdjsonMessageReader extends AbstractMessageReader {
  /** Messages handed to vscode-jsonrpc so far; the connection compares it with what it handled. */
  delivered = 0;
  readonly #input: Readable;
  readonly #options: NdjsonReaderOptions;
  readonly #decoder = new StringDecoder('utf8');
  #pending = '';
  /** When a line is over the limit, the start kept to find its id, until its newline arrives. */
  #oversizedHead: string | undefined;

  constructor(input: Readable, options: NdjsonReaderOptions) {
    super();
    this.#input = input;
    this.#options = options;
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.#onChunk(this.#decoder.write(chunk), callback);
    const onEnd = () => {
      this.#onChunk(this.#decoder.end() + '\n', callback);
      this.fireClose();
    };
    const onError = (error: Error) => this.fireError(error);
    this.#input.on('data', onData);
    this.#input.on('end', onEnd);
    this.#input.on('error', onError);
    return {
      dispose: () => {
        this.#input.off('data', onData);
        this.#input.off('end', onEnd);
        this.#input.off('error', onError);
      },
    };
  }

  #onChunk(text: string, callback: DataCallback): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.#oversizedHead !== undefined) {
        this.#refuseOversized(this.#oversizedHead);
        this.#oversizedHead = undefined;
        continue;
      }
      const line = this.#pending.length > 0 ? this.#pending + piece : piece;
      this.#pending = '';
      if (line.length > this.#options.maxLineLength) {
        this.#refuseOversized(line.slice(0, ID_PROBE_LENGTH));
        continue;
      }
      this.#onLine(line, callback);
    }
    const rest = text.slice(start);
    if (this.#oversizedHead !== undefined) return;
    this.#pending += rest;
    if (this.#pending.length > this.#options.maxLineLength) {
      // Stop buffering: keep only enough to find the id, and skip to the next newline.
      this.#oversizedHead = this.#pending.slice(0, ID_PROBE_LENGTH);
      this.#pending = '';
    }
  }

  #refuseOversized(head: string): void {
    const id = probeId(head);
    const reason = `message too large: lines longer than ${this.#options.maxLineLength} bytes are refused`;
    if (id === undefined) this.#options.onWarning(`dropped a line: ${reason}`);
    else this.#options.onInvalid({ id, reason });
  }

  #onLine(rawLine: string, callback: DataCallback): void {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim().length === 0) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#options.onWarning(`dropped a line that is not JSON: ${preview(line)}`);
      return;
    }
    const verdict = classify(parsed);
    if (verdict.kind === 'response') {
      if (!this.#options.onResponse(verdict.message)) {
        this.#options.onWarning(`dropped a response to an unknown request id: ${preview(line)}`);
      }
    } else if (verdict.kind === 'message') {
      this.delivered++;
      const message = verdict.message as Message & { id?: RequestId };
      if (message.id !== undefined) message.id = this.#options.requestIds.inbound(message.id);
      callback(message);
    } else if (verdict.kind === 'ignored') {
      this.#options.onWarning(`ignored a notification: ${verdict.reason}`);
    }
    else if (verdict.id !== undefined) this.#options.onInvalid({ id: verdict.id, reason: verdict.reason });
    else this.#options.onWarning(`dropped a message: ${verdict.reason}: ${preview(line)}`);
  }
}

type Verdict =
  | { kind: 'message'; message: Message }
  | { kind: 'response'; message: Record<string, unknown> }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; id: RequestId | undefined; reason: string };

/**
 * Decides whether a parsed line is something vscode-jsonrpc can handle. Anything it would
 * mishandle (an unusable id, a method that is not a string, a malformed cancel notification) is
 * refused here, with the id when there is one to answer.
 */
function classify(value: unknown): Verdict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', id: undefined, reason: 'a message must be a JSON object' };
  }
  const message = value as Record<string, unknown>;
  const hasId = 'id' in message && message.id !== undefined;
  const id = isRequestId(message.id) ? message.id : undefined;
  if (hasId && id === undefined && !('result' in message || 'error' in message)) {
    return { kind: 'invalid', id: undefined, reason: 'the id must be a string or an integer' };
  }
  if ('method' in message) {
    if (typeof message.method !== 'string') {
      return { kind: 'invalid', id, reason: 'the method must be a string' };
    }
    if (message.method.startsWith('$/') && !hasId) {
      // vscode-jsonrpc's own protocol notifications ($/cancelRequest, $/setTrace…) are not part of
      // this protocol; letting them through would let a client poke at the library's internals.
      return { kind: 'ignored', reason: `${message.method} is not part of this protocol` };
    }
    return { kind: 'message', message: { jsonrpc: '2.0', ...message } as Message };
  }
  if ('result' in message || 'error' in message) {
    if (id === undefined) return { kind: 'invalid', id: undefined, reason: 'a response needs a string or integer id' };
    return { kind: 'response', message };
  }
  return { kind: 'invalid', id, reason: 'a message needs a method (request or notification) or a result or error (response)' };
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
}

/** Finds `"id": <string or integer>` near the start of a line too large to parse. */
function probeId(head: string): RequestId | undefined {
  const match = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(head);
  if (!match?.[1]) return undefined;
  try {
    const id: unknown = JSON.parse(match[1]);
    return isRequestId(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function preview(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}… (${line.length} chars)` : line;
}
