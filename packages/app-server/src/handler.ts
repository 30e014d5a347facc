/**
 * The shape of a request handler. Handlers are thin: lifecycle gating, params parsing and error
 * mapping already happened in the connection; a handler calls core and shapes the result.
 */
import type { v2 } from '@agentd/protocol';
import type { Logger } from '@agentd/core/startup';
import type { AppContext } from './app-context.js';
import type { Connection } from './connection.js';

export interface HandlerContext {
  readonly connection: Connection;
  readonly app: AppContext;
  readonly log: Logger;
  /** Runs `task` once the response to this request has been written (e.g. start streaming a turn). */
  afterResponse(task: () => void): void;
}

export type Handler<M extends v2.ClientRequestMethod> = (
  params: v2.ClientRequestParams<M>,
  ctx: HandlerContext,
) => Promise<v2.ClientRequestResult<M>> | v2.ClientRequestResult<M>;

export type HandlerTable = { readonly [M in v2.ClientRequestMethod]?: Handler<M> };
