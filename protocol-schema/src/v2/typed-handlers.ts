/**
 * Types for the client side of the method table: what an editor integration or a script writes to
 * send typed requests and handle what the server sends, with `@agentd/protocol` as its only
 * agentd dependency. Everything is derived from the four tables in methods.ts.
 */
import type { RequestId } from '../jsonrpc.js';
import type {
  ClientRequestMethod,
  ClientRequestParams,
  ServerNotificationMethod,
  ServerNotificationParams,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from './methods.js';

/** A request the client sends, discriminated by `method`. */
export type ClientRequest = {
  [M in ClientRequestMethod]: { id: RequestId; method: M; params: ClientRequestParams<M> };
}[ClientRequestMethod];

/** A notification the server sends, discriminated by `method`. */
export type ServerNotification = {
  [M in ServerNotificationMethod]: { method: M; params: ServerNotificationParams<M>; emittedAtMs?: number };
}[ServerNotificationMethod];

/** A request the server sends (the turn waits for the answer), discriminated by `method`. */
export type ServerRequest = {
  [M in ServerRequestMethod]: { id: RequestId; method: M; params: ServerRequestParams<M> };
}[ServerRequestMethod];

/**
 * Handlers of server notifications, by method. A client handles the ones it cares about and must
 * ignore the rest: servers add notifications without notice (protocol-schema/README.md).
 */
export type ServerNotificationHandlers = {
  readonly [M in ServerNotificationMethod]?: (params: ServerNotificationParams<M>) => void;
};

/** Handlers of server requests, by method: each answers with the request's result. */
export type ServerRequestHandlers = {
  readonly [M in ServerRequestMethod]?: (
    params: ServerRequestParams<M>,
  ) => ServerRequestResult<M> | Promise<ServerRequestResult<M>>;
};
