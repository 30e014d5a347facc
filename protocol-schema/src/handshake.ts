/**
 * What a server needs before the first request is answered: the JSON-RPC error codes and a check
 * of `initialize`'s params. None of it loads zod, so a daemon can answer the handshake before it
 * builds (or even loads) the schemas of the protocol. The check is generated from the zod schema;
 * when it refuses params, `InitializeParamsSchema` (from the main entry) says why.
 */
import { checkInitializeParams } from './generated/initialize-params-check.js';
import type { InitializeParams } from './v2/initialize.js';

export type { ClientInfo, InitializeParams, InitializeResponse } from './v2/initialize.js';
export type { RequestId } from './jsonrpc.js';
export { type ErrorCode, ErrorCodes } from './error-codes.js';

/** True when `value` is valid InitializeParams, as `InitializeParamsSchema` would judge it. */
export function isInitializeParams(value: unknown): value is InitializeParams {
  return checkInitializeParams(value) === true;
}
