import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { toProtocolThread, toProtocolThreadSummary } from '../mapping/thread.js';

const DEFAULT_PAGE = 25;
const MAX_PAGE = 200;

/**
 * A page of stored threads from the index, newest first by creation time unless asked otherwise.
 * Loaded threads show their live state. agentd threads are all of the `appServer` source kind.
 */
export const threadList: Handler<'thread/list'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const limit = Math.min(params.limit || DEFAULT_PAGE, MAX_PAGE);
  if (params.sourceKinds && params.sourceKinds.length > 0 && !params.sourceKinds.includes('appServer')) return { data: [], nextCursor: null };
  const page = await threads.list({
    archived: params.archived === true,
    sortKey: params.sortKey === 'updated_at' || params.sortKey === 'recency_at' ? 'updated_at' : 'created_at',
    direction: params.sortDirection === 'asc' ? 'asc' : 'desc',
    limit,
    cursor: params.cursor ?? null,
    cwds: params.cwd === null || params.cwd === undefined ? undefined : typeof params.cwd === 'string' ? [params.cwd] : params.cwd,
    modelProviders: params.modelProviders ?? undefined,
    originators: params.originators ?? undefined,
    excludedIds: params.excludedThreadIds ?? undefined,
    searchTerm: params.searchTerm ?? null,
  });
  const data = page.threads.map((summary) => {
    const loaded = threads.get(summary.id);
    return loaded ? toProtocolThread(loaded, { includeTurns: false }) : toProtocolThreadSummary(summary);
  });
  return { data, nextCursor: page.nextCursor };
};
