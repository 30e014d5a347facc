/**
 * JSON-RPC framing shared by every protocol version: request ids, the error codes agentd answers
 * with, and the four message envelopes. The wire omits the `"jsonrpc": "2.0"` member; a peer that
 * sends it is tolerated (unknown keys are stripped).
 */
import * as z from 'zod';

export {
  type ErrorCode,
  ErrorCodes,
  INTERNAL_ERROR,
  INVALID_PARAMS,
  INVALID_REQUEST,
  METHOD_NOT_FOUND,
  OVERLOADED,
  PARSE_ERROR,
} from './error-codes.js';

export const RequestIdSchema = z
  .union([z.string(), z.int()])
  .meta({
    id: 'RequestId',
    description:
      'Identifies a request so its response can be matched to it: a string or an integer. ' +
      'Each side numbers its own requests; the ids of the two directions are unrelated.',
  });
export type RequestId = z.infer<typeof RequestIdSchema>;

export const JSONRPCRequestSchema = z
  .object({
    id: RequestIdSchema,
    method: z.string().describe('The method to call, e.g. `thread/start`.'),
    params: z.unknown().optional().describe('The method parameters; absent for methods that take none.'),
  })
  .meta({ id: 'JSONRPCRequest', description: 'A call that expects a response with the same id.' });
export type JSONRPCRequest = z.infer<typeof JSONRPCRequestSchema>;

export const JSONRPCNotificationSchema = z
  .object({
    method: z.string().describe('The notification method, e.g. `turn/started`.'),
    params: z.unknown().optional().describe('The notification payload.'),
    emittedAtMs: z
      .int()
      .optional()
      .describe('When the server emitted the notification, in epoch milliseconds (server to client only).'),
  })
  .meta({ id: 'JSONRPCNotification', description: 'A one-way message: no id, no response.' });
export type JSONRPCNotification = z.infer<typeof JSONRPCNotificationSchema>;

export const JSONRPCResponseSchema = z
  .object({
    id: RequestIdSchema,
    result: z.unknown().describe('The method result.'),
  })
  .meta({ id: 'JSONRPCResponse', description: 'The successful answer to a request.' });
export type JSONRPCResponse = z.infer<typeof JSONRPCResponseSchema>;

export const JSONRPCErrorErrorSchema = z
  .object({
    code: z.int().describe('One of the JSON-RPC error codes, e.g. -32602 for invalid params.'),
    message: z.string().describe('A short human-readable explanation.'),
    data: z.unknown().optional().describe('Machine-readable detail, e.g. the validation issues.'),
  })
  .meta({ id: 'JSONRPCErrorError', description: 'What went wrong.' });
export type JSONRPCErrorError = z.infer<typeof JSONRPCErrorErrorSchema>;

export const JSONRPCErrorSchema = z
  .object({
    id: RequestIdSchema,
    error: JSONRPCErrorErrorSchema,
  })
  .meta({ id: 'JSONRPCError', description: 'The failed answer to a request.' });
export type JSONRPCError = z.infer<typeof JSONRPCErrorSchema>;
