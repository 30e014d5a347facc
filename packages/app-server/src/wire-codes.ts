/**
 * JSON-RPC error codes used on the wire. Kept here until @agentd/protocol exports them; then this
 * file re-exports the protocol's constants.
 */
export const ErrorCodes = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  OVERLOADED: -32001,
} as const;
