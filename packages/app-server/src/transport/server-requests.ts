/**
 * Requests the server sends to the client ("may I run this command?"). They get their own id
 * counter, starting at 0 as on the reference server, and are kept apart from vscode-jsonrpc so the
 * server knows each request's id (clients see it again in `serverRequest/resolved`) and can stop
 * waiting for an answer without sending the client a cancellation it would not understand.
 */
import type { RequestId } from '@agentd/protocol/handshake';

export interface ServerRequestError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

export class ClientAnsweredWithError extends Error {
  constructor(readonly error: ServerRequestError) {
    super(`the client answered with an error: ${error.message} (${error.code})`);
  }
}

export class ServerRequestAbandoned extends Error {
  constructor(reason: string) {
    super(reason);
  }
}

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class ServerRequests {
  #nextId = 0;
  readonly #pending = new Map<RequestId, Pending>();
  readonly #send: (line: string) => void;

  constructor(send: (line: string) => void) {
    this.#send = send;
  }

  /** Sends a request; `answer` resolves with the client's raw result. */
  start(method: string, params: unknown): { id: number; answer: Promise<unknown> } {
    const id = this.#nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#send(JSON.stringify({ id, method, params }));
    return { id, answer };
  }

  /** Routes a response from the client; false when no request of ours has that id. */
  settle(message: { id?: unknown; result?: unknown; error?: unknown }): boolean {
    const id = message.id as RequestId;
    const pending = this.#pending.get(id);
    if (!pending) return false;
    this.#pending.delete(id);
    if (message.error !== undefined && message.error !== null) {
      pending.reject(new ClientAnsweredWithError(normalizeError(message.error)));
    } else {
      pending.resolve(message.result);
    }
    return true;
  }

  /** Stops waiting for one request (its turn ended); a late answer is then ignored. */
  abandon(id: number, reason: string): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.reject(new ServerRequestAbandoned(reason));
  }

  /** Stops waiting for all of them (the connection is closing). */
  abandonAll(reason: string): void {
    for (const id of [...this.#pending.keys()]) this.abandon(id as number, reason);
  }

  get pendingCount(): number {
    return this.#pending.size;
  }
}

function normalizeError(error: unknown): ServerRequestError {
  if (typeof error === 'object' && error !== null) {
    const { code, message, data } = error as Record<string, unknown>;
    return {
      code: typeof code === 'number' ? code : -32603,
      message: typeof message === 'string' ? message : 'unknown error',
      data,
    };
  }
  return { code: -32603, message: String(error) };
}
