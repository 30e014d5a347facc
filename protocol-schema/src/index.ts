/**
 * @agentd/protocol: the wire protocol of agentd as zod schemas (the single source of truth) with the
 * method tables everything else is derived from.
 *
 * - `import { v2 } from '@agentd/protocol'` then `v2.clientRequests`, `v2.ThreadSchema`,
 *   `v2.ClientRequestParams<'thread/start'>`, ...
 * - or named imports from `@agentd/protocol/v2`.
 */
export {
  type NotificationSpec,
  type NotificationTable,
  type ProtocolMeta,
  type RequestSpec,
  type RequestTable,
  EmptyResultSchema,
  NoParamsSchema,
  experimental,
  isExperimental,
  nullish,
} from './define.js';
export {
  type ErrorCode,
  type JSONRPCError,
  type JSONRPCErrorError,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type JSONRPCResponse,
  type RequestId,
  ErrorCodes,
  INTERNAL_ERROR,
  INVALID_PARAMS,
  INVALID_REQUEST,
  JSONRPCErrorErrorSchema,
  JSONRPCErrorSchema,
  JSONRPCNotificationSchema,
  JSONRPCRequestSchema,
  JSONRPCResponseSchema,
  METHOD_NOT_FOUND,
  OVERLOADED,
  PARSE_ERROR,
  RequestIdSchema,
} from './jsonrpc.js';
export * as v2 from './v2/index.js';
