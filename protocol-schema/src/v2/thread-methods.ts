/** Managing threads once they exist: archive, rename, compact, revert, list, read, unsubscribe. */
import * as z from 'zod';
import { nullish } from '../define.js';
import { SortDirectionSchema, pageParams } from './common.js';
import { ThreadSchema, TurnItemsViewSchema, TurnSchema } from './thread.js';

const threadId = z.string().describe('The thread.');

export const ThreadArchiveParamsSchema = z
  .object({ threadId })
  .meta({ id: 'ThreadArchiveParams', description: 'Move a thread out of the default listing; it is kept on disk.' });
export type ThreadArchiveParams = z.infer<typeof ThreadArchiveParamsSchema>;

export const ThreadArchiveResponseSchema = z
  .object({})
  .meta({ id: 'ThreadArchiveResponse', description: 'The thread is archived.' });
export type ThreadArchiveResponse = z.infer<typeof ThreadArchiveResponseSchema>;

export const ThreadUnarchiveParamsSchema = z
  .object({ threadId })
  .meta({ id: 'ThreadUnarchiveParams', description: 'Bring an archived thread back into the default listing.' });
export type ThreadUnarchiveParams = z.infer<typeof ThreadUnarchiveParamsSchema>;

export const ThreadUnarchiveResponseSchema = z
  .object({ thread: ThreadSchema })
  .meta({ id: 'ThreadUnarchiveResponse', description: 'The restored thread.' });
export type ThreadUnarchiveResponse = z.infer<typeof ThreadUnarchiveResponseSchema>;

export const ThreadUnsubscribeParamsSchema = z
  .object({ threadId })
  .meta({ id: 'ThreadUnsubscribeParams', description: 'Stop receiving this thread’s notifications on this connection.' });
export type ThreadUnsubscribeParams = z.infer<typeof ThreadUnsubscribeParamsSchema>;

export const ThreadUnsubscribeStatusSchema = z.enum(['notLoaded', 'notSubscribed', 'unsubscribed']).meta({
  id: 'ThreadUnsubscribeStatus',
  description: 'What unsubscribing did: nothing (thread not loaded, or not subscribed), or unsubscribed.',
});
export type ThreadUnsubscribeStatus = z.infer<typeof ThreadUnsubscribeStatusSchema>;

export const ThreadUnsubscribeResponseSchema = z
  .object({ status: ThreadUnsubscribeStatusSchema })
  .meta({ id: 'ThreadUnsubscribeResponse', description: 'The outcome of unsubscribing.' });
export type ThreadUnsubscribeResponse = z.infer<typeof ThreadUnsubscribeResponseSchema>;

export const ThreadSetNameParamsSchema = z
  .object({ threadId, name: z.string().describe('The new title.') })
  .meta({ id: 'ThreadSetNameParams', description: 'Give a thread a title.' });
export type ThreadSetNameParams = z.infer<typeof ThreadSetNameParamsSchema>;

export const ThreadSetNameResponseSchema = z
  .object({})
  .meta({ id: 'ThreadSetNameResponse', description: 'The title is stored; `thread/name/updated` follows.' });
export type ThreadSetNameResponse = z.infer<typeof ThreadSetNameResponseSchema>;

export const ThreadCompactStartParamsSchema = z
  .object({ threadId })
  .meta({ id: 'ThreadCompactStartParams', description: 'Summarize the history now to free context.' });
export type ThreadCompactStartParams = z.infer<typeof ThreadCompactStartParamsSchema>;

export const ThreadCompactStartResponseSchema = z.object({}).meta({
  id: 'ThreadCompactStartResponse',
  description: 'Compaction has started; it runs as a turn and ends with `thread/compacted`.',
});
export type ThreadCompactStartResponse = z.infer<typeof ThreadCompactStartResponseSchema>;

export const ThreadRevertParamsSchema = z
  .object({
    threadId,
    beforeTurnId: z.string().describe('The earliest turn to drop; it and every later turn are removed.'),
  })
  .meta({ id: 'ThreadRevertParams', description: 'Drop the latest turns of a thread, back to before a given turn.' });
export type ThreadRevertParams = z.infer<typeof ThreadRevertParamsSchema>;

export const ThreadRevertResponseSchema = z
  .object({
    thread: ThreadSchema.describe('The thread as it is after the revert, with its remaining turns.'),
    turnsBackwardsCursor: nullish(z.string()).describe('Cursor for paging older turns, where supported.'),
    itemsBackwardsCursor: nullish(z.string()).describe('Cursor for paging older items, where supported.'),
  })
  .meta({ id: 'ThreadRevertResponse', description: 'The reverted thread.' });
export type ThreadRevertResponse = z.infer<typeof ThreadRevertResponseSchema>;

// ---- listing ----------------------------------------------------------------------------------

export const ThreadSortKeySchema = z
  .enum(['created_at', 'updated_at', 'recency_at', 'section_position'])
  .meta({ id: 'ThreadSortKey', description: 'What to order a thread listing by.' });
export type ThreadSortKey = z.infer<typeof ThreadSortKeySchema>;

export const ThreadSourceKindSchema = z
  .enum([
    'cli',
    'vscode',
    'exec',
    'appServer',
    'subAgent',
    'subAgentReview',
    'subAgentCompact',
    'subAgentThreadSpawn',
    'subAgentOther',
    'unknown',
  ])
  .meta({ id: 'ThreadSourceKind', description: 'A kind of thread origin to filter a listing by.' });
export type ThreadSourceKind = z.infer<typeof ThreadSourceKindSchema>;

export const ThreadListCwdFilterSchema = z
  .union([z.string(), z.array(z.string())])
  .meta({ id: 'ThreadListCwdFilter', description: 'One working directory, or several, to filter by.' });
export type ThreadListCwdFilter = z.infer<typeof ThreadListCwdFilterSchema>;

export const ThreadListParamsSchema = z
  .object({
    ...pageParams,
    archived: nullish(z.boolean()).describe('List archived threads instead of the others.'),
    cwd: nullish(ThreadListCwdFilterSchema).describe('Only threads started in these directories.'),
    searchTerm: nullish(z.string()).describe('Only threads whose title (name or first message) contains this, ignoring case.'),
    sortKey: nullish(ThreadSortKeySchema).describe('Order by this (default: creation time, as the reference does; `recency_at` orders by last update).'),
    sortDirection: nullish(SortDirectionSchema).describe('Order direction (default: newest first).'),
    sourceKinds: nullish(z.array(ThreadSourceKindSchema)).describe('Only threads of these origins.'),
    modelProviders: nullish(z.array(z.string())).describe('Only threads of these model providers.'),
    originators: nullish(z.array(z.string())).describe('Only threads created by these clients.'),
    excludedThreadIds: nullish(z.array(z.string())).describe('Leave these threads out.'),
    sectionId: nullish(z.string()).describe('Only threads filed under this section.'),
    currentAccountOnly: z.boolean().optional().describe('Only threads of the signed-in account.'),
    useStateDbOnly: z.boolean().optional().describe('Answer from the index only, without scanning files.'),
  })
  .meta({ id: 'ThreadListParams', description: 'List stored threads, newest first, page by page.' });
export type ThreadListParams = z.infer<typeof ThreadListParamsSchema>;

export const ThreadListResponseSchema = z
  .object({
    data: z.array(ThreadSchema).describe('This page of threads, without their turns.'),
    nextCursor: nullish(z.string()).describe('Pass as `cursor` for the next page; null on the last page.'),
    backwardsCursor: nullish(z.string()).describe('Cursor for the previous page, where supported.'),
  })
  .meta({ id: 'ThreadListResponse', description: 'A page of stored threads.' });
export type ThreadListResponse = z.infer<typeof ThreadListResponseSchema>;

export const ThreadLoadedListParamsSchema = z
  .object(pageParams)
  .meta({ id: 'ThreadLoadedListParams', description: 'List the threads currently loaded in this server.' });
export type ThreadLoadedListParams = z.infer<typeof ThreadLoadedListParamsSchema>;

export const ThreadLoadedListResponseSchema = z
  .object({
    data: z.array(z.string()).describe('Ids of the loaded threads on this page.'),
    nextCursor: nullish(z.string()).describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'ThreadLoadedListResponse', description: 'A page of loaded thread ids.' });
export type ThreadLoadedListResponse = z.infer<typeof ThreadLoadedListResponseSchema>;

export const ThreadReadParamsSchema = z
  .object({
    threadId,
    includeTurns: z.boolean().optional().describe('Also return the turns and their items (default false).'),
  })
  .meta({ id: 'ThreadReadParams', description: 'Read a thread without loading or subscribing to it.' });
export type ThreadReadParams = z.infer<typeof ThreadReadParamsSchema>;

export const ThreadReadResponseSchema = z
  .object({ thread: ThreadSchema })
  .meta({ id: 'ThreadReadResponse', description: 'The thread, with turns if asked for.' });
export type ThreadReadResponse = z.infer<typeof ThreadReadResponseSchema>;

export const ThreadTurnsListParamsSchema = z
  .object({
    threadId,
    ...pageParams,
    itemsView: nullish(TurnItemsViewSchema).describe('How much of each turn\'s items to include (default: `summary`).'),
    sortDirection: nullish(SortDirectionSchema).describe('Order direction (default: newest first).'),
  })
  .meta({ id: 'ThreadTurnsListParams', description: "A thread's turns, page by page: with `excludeTurns` on resume, how a client loads a long thread." });
export type ThreadTurnsListParams = z.infer<typeof ThreadTurnsListParamsSchema>;

export const ThreadTurnsListResponseSchema = z
  .object({
    data: z.array(TurnSchema).describe('This page of turns, in the order asked for.'),
    nextCursor: nullish(z.string()).describe('Pass as `cursor` for the next page; null on the last page.'),
    backwardsCursor: nullish(z.string()).describe(
      "Pass as `cursor` with the opposite `sortDirection` to page back from this page's first turn (included again); null on an empty page.",
    ),
  })
  .meta({ id: 'ThreadTurnsListResponse', description: 'A page of turns.' });
export type ThreadTurnsListResponse = z.infer<typeof ThreadTurnsListResponseSchema>;
