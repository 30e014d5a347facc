/**
 * What a server needs before the first request is answered: the handshake's schemas and the
 * JSON-RPC error codes. Kept apart from the full method table so a daemon can answer `initialize`
 * without building every schema of the protocol first.
 */
export {
  type ClientInfo,
  type InitializeParams,
  type InitializeResponse,
  ClientInfoSchema,
  InitializeCapabilitiesSchema,
  InitializeParamsSchema,
  InitializeResponseSchema,
} from './v2/initialize.js';
export { type RequestId, ErrorCodes } from './jsonrpc.js';
export { isExperimental } from './define.js';
