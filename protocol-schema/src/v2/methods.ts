/**
 * The v2 method table: the single source of truth for the wire protocol. Every method agentd speaks
 * is declared here once with its params and result schemas. Nothing else spells a method name as a
 * string literal: dispatch, handler types, generated JSON Schema and TypeScript, and the README
 * table are derived from these four tables.
 */
import type * as z from 'zod';
import {
  NoParamsSchema,
  type NotificationSpec,
  type NotificationTable,
  type RequestSpec,
  type RequestTable,
} from '../define.js';
import { InitializeParamsSchema, InitializeResponseSchema } from './initialize.js';

/** Requests the client sends to the server. */
export const clientRequests = {
  initialize: {
    params: InitializeParamsSchema,
    result: InitializeResponseSchema,
    summary: 'Handshake: identify the client, declare capabilities, learn about the server.',
  },
} as const satisfies RequestTable;

/** Notifications the client sends to the server. */
export const clientNotifications = {
  initialized: {
    params: NoParamsSchema,
    summary: 'The client has processed the initialize response.',
  },
} as const satisfies NotificationTable;

/** Requests the server sends to the client; the turn waits for the answer. */
export const serverRequests = {} as const satisfies RequestTable;

/** Notifications the server sends to the client. */
export const serverNotifications = {} as const satisfies NotificationTable;

export type ClientRequests = typeof clientRequests;
export type ClientRequestMethod = keyof ClientRequests;
export type ClientNotificationMethod = keyof typeof clientNotifications;
export type ServerRequests = typeof serverRequests;
export type ServerRequestMethod = keyof ServerRequests;
export type ServerNotifications = typeof serverNotifications;
export type ServerNotificationMethod = keyof ServerNotifications;

type ParamsOfSpec<S> = S extends RequestSpec<infer P, z.ZodType> | NotificationSpec<infer P>
  ? z.output<P>
  : never;
type ResultOfSpec<S> = S extends RequestSpec<z.ZodType, infer R> ? z.output<R> : never;

/** Params of a client request, as the server's handler receives them (after parsing). */
export type ClientRequestParams<M extends ClientRequestMethod> = ParamsOfSpec<ClientRequests[M]>;
/** Result a client request answers with. */
export type ClientRequestResult<M extends ClientRequestMethod> = ResultOfSpec<ClientRequests[M]>;
/** Params of a server request. */
export type ServerRequestParams<M extends ServerRequestMethod> = ParamsOfSpec<ServerRequests[M]>;
/** Result the client answers a server request with. */
export type ServerRequestResult<M extends ServerRequestMethod> = ResultOfSpec<ServerRequests[M]>;
/** Params of a server notification. */
export type ServerNotificationParams<M extends ServerNotificationMethod> = ParamsOfSpec<
  ServerNotifications[M]
>;
