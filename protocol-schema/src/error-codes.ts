/**
 * The JSON-RPC error codes agentd answers with. Plain constants, apart from the schemas, so that a
 * daemon can answer its first request without loading zod.
 */
/** The request is not a valid request object, or arrived in the wrong connection state. */
export const INVALID_REQUEST = -32600;
/** No such method. */
export const METHOD_NOT_FOUND = -32601;
/** The params did not parse; `data` carries the zod issues. */
export const INVALID_PARAMS = -32602;
/** The server failed; the message never carries a stack trace. */
export const INTERNAL_ERROR = -32603;
/** The server is too busy to take the request now; the client may retry later. */
export const OVERLOADED = -32001;
/** Reserved by JSON-RPC for unparsable input. agentd sends no response to a non-JSON line. */
export const PARSE_ERROR = -32700;

/** All error codes by name, for callers that prefer one import. */
export const ErrorCodes = {
  PARSE_ERROR,
  INVALID_REQUEST,
  METHOD_NOT_FOUND,
  INVALID_PARAMS,
  INTERNAL_ERROR,
  OVERLOADED,
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
