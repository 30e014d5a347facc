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
export * as v2 from './v2/index.js';
