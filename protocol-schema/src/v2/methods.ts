/**
 * The v2 method table: the single source of truth for the wire protocol. Every method agentd speaks
 * is declared here once with its params and result schemas. Nothing else spells a method name as a
 * string literal: dispatch, handler types, generated JSON Schema and TypeScript, and the README
 * table are derived from these four tables.
 */
import type * as z from 'zod';
import { NoParamsSchema, type NotificationTable, type RequestTable } from '../define.js';
import * as account from './account.js';
import * as approvals from './approvals.js';
import * as exec from './command-exec.js';
import * as config from './config.js';
import { InitializeParamsSchema, InitializeResponseSchema } from './initialize.js';
import * as mcp from './mcp.js';
import * as models from './models.js';
import * as n from './notifications.js';
import * as skills from './skills.js';
import * as lifecycle from './thread-lifecycle.js';
import * as threads from './thread-methods.js';
import * as turn from './turn.js';

/** Requests the client sends to the server. */
export const clientRequests = {
  initialize: {
    params: InitializeParamsSchema,
    result: InitializeResponseSchema,
    summary: 'Handshake: identify the client, declare capabilities, learn about the server.',
  },
  'thread/start': {
    params: lifecycle.ThreadStartParamsSchema,
    result: lifecycle.ThreadStartResponseSchema,
    summary: 'Create a thread and subscribe to its events.',
  },
  'thread/resume': {
    params: lifecycle.ThreadResumeParamsSchema,
    result: lifecycle.ThreadResumeResponseSchema,
    summary: 'Load a stored thread with its turns and subscribe to its events.',
  },
  'thread/fork': {
    params: lifecycle.ThreadForkParamsSchema,
    result: lifecycle.ThreadForkResponseSchema,
    summary: 'Copy a thread into a new one and subscribe to it.',
  },
  'thread/archive': {
    params: threads.ThreadArchiveParamsSchema,
    result: threads.ThreadArchiveResponseSchema,
    summary: 'Archive a thread.',
  },
  'thread/unarchive': {
    params: threads.ThreadUnarchiveParamsSchema,
    result: threads.ThreadUnarchiveResponseSchema,
    summary: 'Restore an archived thread.',
  },
  'thread/unsubscribe': {
    params: threads.ThreadUnsubscribeParamsSchema,
    result: threads.ThreadUnsubscribeResponseSchema,
    summary: "Stop receiving a thread's notifications on this connection.",
  },
  'thread/name/set': {
    params: threads.ThreadSetNameParamsSchema,
    result: threads.ThreadSetNameResponseSchema,
    summary: 'Set the title of a thread.',
  },
  'thread/compact/start': {
    params: threads.ThreadCompactStartParamsSchema,
    result: threads.ThreadCompactStartResponseSchema,
    summary: "Compact a thread's history now.",
  },
  'thread/revert': {
    params: threads.ThreadRevertParamsSchema,
    result: threads.ThreadRevertResponseSchema,
    summary: 'Drop the latest turns of a thread.',
  },
  'thread/list': {
    params: threads.ThreadListParamsSchema,
    result: threads.ThreadListResponseSchema,
    summary: 'List stored threads, page by page.',
  },
  'thread/loaded/list': {
    params: threads.ThreadLoadedListParamsSchema,
    result: threads.ThreadLoadedListResponseSchema,
    summary: 'List the ids of the threads loaded in memory.',
  },
  'thread/read': {
    params: threads.ThreadReadParamsSchema,
    result: threads.ThreadReadResponseSchema,
    summary: 'Read a thread without loading it.',
  },
  'thread/turns/list': {
    params: threads.ThreadTurnsListParamsSchema,
    result: threads.ThreadTurnsListResponseSchema,
    summary: "List a thread's turns, page by page, newest first.",
  },
  'turn/start': {
    params: turn.TurnStartParamsSchema,
    result: turn.TurnStartResponseSchema,
    summary: 'Send user input and start a turn; progress streams as notifications.',
  },
  'turn/steer': {
    params: turn.TurnSteerParamsSchema,
    result: turn.TurnSteerResponseSchema,
    summary: 'Add user input to the running turn.',
  },
  'turn/interrupt': {
    params: turn.TurnInterruptParamsSchema,
    result: turn.TurnInterruptResponseSchema,
    summary: 'Stop the running turn.',
  },
  'model/list': {
    params: models.ModelListParamsSchema,
    result: models.ModelListResponseSchema,
    summary: 'List the available models.',
  },
  'command/exec': {
    params: exec.CommandExecParamsSchema,
    result: exec.CommandExecResponseSchema,
    summary: "Run one command in the server's sandbox, outside any thread.",
  },
  'command/exec/write': {
    params: exec.CommandExecWriteParamsSchema,
    result: exec.CommandExecWriteResponseSchema,
    summary: 'Write to or close the stdin of a running `command/exec`.',
  },
  'command/exec/terminate': {
    params: exec.CommandExecTerminateParamsSchema,
    result: exec.CommandExecTerminateResponseSchema,
    summary: 'Kill a running `command/exec`.',
  },
  'command/exec/resize': {
    params: exec.CommandExecResizeParamsSchema,
    result: exec.CommandExecResizeResponseSchema,
    summary: 'Resize the terminal of a running `command/exec`.',
  },
  'config/read': {
    params: config.ConfigReadParamsSchema,
    result: config.ConfigReadResponseSchema,
    summary: 'Read the effective configuration and its layers.',
  },
  'account/read': {
    params: account.GetAccountParamsSchema,
    result: account.GetAccountResponseSchema,
    summary: 'Read the account used for model requests.',
  },
  'permissionProfile/list': {
    params: account.PermissionProfileListParamsSchema,
    result: account.PermissionProfileListResponseSchema,
    summary: 'List the named permission profiles.',
  },
  'skills/list': {
    params: skills.SkillsListParamsSchema,
    result: skills.SkillsListResponseSchema,
    summary: 'List the skills visible from some directories.',
  },
  'mcpServerStatus/list': {
    params: mcp.ListMcpServerStatusParamsSchema,
    result: mcp.ListMcpServerStatusResponseSchema,
    summary: 'List the MCP servers with their tools and resources.',
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
export const serverRequests = {
  'item/commandExecution/requestApproval': {
    params: approvals.CommandExecutionRequestApprovalParamsSchema,
    result: approvals.CommandExecutionRequestApprovalResponseSchema,
    summary: 'Ask the user whether a command may run.',
  },
  'item/fileChange/requestApproval': {
    params: approvals.FileChangeRequestApprovalParamsSchema,
    result: approvals.FileChangeRequestApprovalResponseSchema,
    summary: 'Ask the user whether a patch may be applied.',
  },
  'item/tool/requestUserInput': {
    params: approvals.ToolRequestUserInputParamsSchema,
    result: approvals.ToolRequestUserInputResponseSchema,
    summary: 'Ask the user the questions the model has.',
  },
} as const satisfies RequestTable;

/** Notifications the server sends to the client. */
export const serverNotifications = {
  error: { params: n.ErrorNotificationSchema, summary: 'A turn hit an error; final unless `willRetry`.' },
  'thread/started': { params: n.ThreadStartedNotificationSchema, summary: 'A thread was created and loaded.' },
  'thread/status/changed': {
    params: n.ThreadStatusChangedNotificationSchema,
    summary: 'A thread became idle, active or waiting for the client.',
  },
  'thread/archived': { params: n.ThreadArchivedNotificationSchema, summary: 'A thread was archived.' },
  'thread/unarchived': { params: n.ThreadUnarchivedNotificationSchema, summary: 'A thread was unarchived.' },
  'thread/closed': { params: n.ThreadClosedNotificationSchema, summary: 'A thread was unloaded.' },
  'thread/reverted': { params: n.ThreadRevertedNotificationSchema, summary: 'Turns were dropped from a thread.' },
  'thread/name/updated': { params: n.ThreadNameUpdatedNotificationSchema, summary: "A thread's title changed." },
  'thread/tokenUsage/updated': {
    params: n.ThreadTokenUsageUpdatedNotificationSchema,
    summary: 'Token usage after a model request.',
  },
  'thread/compacted': { params: n.ContextCompactedNotificationSchema, summary: "A thread's history was compacted." },
  'turn/started': { params: n.TurnStartedNotificationSchema, summary: 'A turn began.' },
  'turn/completed': { params: n.TurnCompletedNotificationSchema, summary: 'A turn ended, with its final status.' },
  'turn/diff/updated': { params: n.TurnDiffUpdatedNotificationSchema, summary: "The turn's combined diff changed." },
  'turn/plan/updated': { params: n.TurnPlanUpdatedNotificationSchema, summary: "The agent's plan changed." },
  'item/started': { params: n.ItemStartedNotificationSchema, summary: 'An item began.' },
  'item/completed': { params: n.ItemCompletedNotificationSchema, summary: 'An item finished (authoritative).' },
  'item/agentMessage/delta': {
    params: n.AgentMessageDeltaNotificationSchema,
    summary: 'Streamed text of an agent message.',
  },
  'item/plan/delta': { params: n.PlanDeltaNotificationSchema, summary: 'Streamed text of a plan.' },
  'item/commandExecution/outputDelta': {
    params: n.CommandExecutionOutputDeltaNotificationSchema,
    summary: 'Streamed output of a command.',
  },
  'item/fileChange/outputDelta': {
    params: n.FileChangeOutputDeltaNotificationSchema,
    summary: 'Streamed output of applying a patch.',
  },
  'item/reasoning/summaryTextDelta': {
    params: n.ReasoningSummaryTextDeltaNotificationSchema,
    summary: 'Streamed text of a reasoning summary part.',
  },
  'item/reasoning/summaryPartAdded': {
    params: n.ReasoningSummaryPartAddedNotificationSchema,
    summary: 'A new reasoning summary part began.',
  },
  'item/reasoning/textDelta': { params: n.ReasoningTextDeltaNotificationSchema, summary: 'Streamed raw reasoning.' },
  'item/mcpToolCall/progress': {
    params: n.McpToolCallProgressNotificationSchema,
    summary: 'Progress message of an MCP tool call.',
  },
  'serverRequest/resolved': {
    params: n.ServerRequestResolvedNotificationSchema,
    summary: 'A server request was answered or withdrawn.',
  },
  'mcpServer/startupStatus/updated': {
    params: n.McpServerStatusUpdatedNotificationSchema,
    summary: 'An MCP server is starting, ready or failed.',
  },
  warning: { params: n.WarningNotificationSchema, summary: 'A problem that does not stop the work.' },
  configWarning: {
    params: config.ConfigWarningNotificationSchema,
    summary: 'Something in the configuration was ignored or is suspicious.',
  },
  'command/exec/outputDelta': {
    params: exec.CommandExecOutputDeltaNotificationSchema,
    summary: 'Streamed output of a `command/exec`.',
  },
} as const satisfies NotificationTable;

export type ClientRequests = typeof clientRequests;
export type ClientRequestMethod = keyof ClientRequests;
export type ClientNotifications = typeof clientNotifications;
export type ClientNotificationMethod = keyof ClientNotifications;
export type ServerRequests = typeof serverRequests;
export type ServerRequestMethod = keyof ServerRequests;
export type ServerNotifications = typeof serverNotifications;
export type ServerNotificationMethod = keyof ServerNotifications;

// Read the schemas off the specs by property rather than by matching `RequestSpec`: matching makes
// the compiler compare every zod schema with `ZodType`, which costs an editor seconds per use.
type ParamsOfSpec<S> = S extends { readonly params: infer P extends z.ZodType } ? z.output<P> : never;
type ResultOfSpec<S> = S extends { readonly result: infer R extends z.ZodType } ? z.output<R> : never;

/** Params of a client request, as the server's handler receives them (after parsing). */
export type ClientRequestParams<M extends ClientRequestMethod> = ParamsOfSpec<ClientRequests[M]>;
/** Result a client request answers with. */
export type ClientRequestResult<M extends ClientRequestMethod> = ResultOfSpec<ClientRequests[M]>;
/** Params of a server request. */
export type ServerRequestParams<M extends ServerRequestMethod> = ParamsOfSpec<ServerRequests[M]>;
/** Result the client answers a server request with. */
export type ServerRequestResult<M extends ServerRequestMethod> = ResultOfSpec<ServerRequests[M]>;
/** Params of a client notification. */
export type ClientNotificationParams<M extends ClientNotificationMethod> = ParamsOfSpec<
  ClientNotifications[M]
>;
/** Params of a server notification. */
export type ServerNotificationParams<M extends ServerNotificationMethod> = ParamsOfSpec<
  ServerNotifications[M]
>;
