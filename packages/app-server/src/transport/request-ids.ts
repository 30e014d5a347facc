/**
 * vscode-jsonrpc keys its queue of incoming requests by id, so two requests that arrive with the
 * same id (a buggy or hostile client) would collapse into one and the other would never be
 * answered. Every incoming request therefore gets a fresh internal id on the way in, and its
 * response gets the client's id back on the way out.
 */
import type { RequestId } from '@agentd/protocol/handshake';

export class RequestIds {
  #next = 0;
  readonly #clientIds = new Map<number, RequestId>();

  /** A fresh internal id standing for the client's id until the response is written. */
  inbound(clientId: RequestId): number {
    const internal = this.#next++;
    this.#clientIds.set(internal, clientId);
    return internal;
  }

  /** The client's id for a response, forgetting the mapping. */
  outbound(internalId: unknown): RequestId | undefined {
    if (typeof internalId !== 'number') return undefined;
    const clientId = this.#clientIds.get(internalId);
    this.#clientIds.delete(internalId);
    return clientId;
  }
}
