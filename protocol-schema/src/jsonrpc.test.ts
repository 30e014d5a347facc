import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  INTERNAL_ERROR,
  INVALID_PARAMS,
  INVALID_REQUEST,
  JSONRPCErrorSchema,
  JSONRPCRequestSchema,
  METHOD_NOT_FOUND,
  OVERLOADED,
  PARSE_ERROR,
  RequestIdSchema,
} from './index.js';

describe('JSON-RPC framing', () => {
  it('uses the standard error codes plus -32001 for overload', () => {
    expect([INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, INTERNAL_ERROR, OVERLOADED, PARSE_ERROR]).toEqual([
      -32600, -32601, -32602, -32603, -32001, -32700,
    ]);
    expect(ErrorCodes.INVALID_PARAMS).toBe(INVALID_PARAMS);
  });

  it('takes string and integer request ids, nothing else', () => {
    expect(RequestIdSchema.safeParse(0).success).toBe(true);
    expect(RequestIdSchema.safeParse('req-1').success).toBe(true);
    expect(RequestIdSchema.safeParse(1.5).success).toBe(false);
    expect(RequestIdSchema.safeParse(null).success).toBe(false);
  });

  it('tolerates the optional "jsonrpc" member', () => {
    const parsed = JSONRPCRequestSchema.parse({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    expect(parsed).toEqual({ id: 1, method: 'initialize', params: {} });
  });

  it('describes error responses', () => {
    const error = { id: 3, error: { code: INVALID_PARAMS, message: 'Invalid params', data: [] } };
    expect(JSONRPCErrorSchema.parse(error)).toEqual(error);
  });
});
