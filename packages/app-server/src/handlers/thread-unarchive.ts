import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { toProtocolThreadSummary } from '../mapping/thread.js';

/** Moves an archived thread's rollout back to its day directory; answers with the thread. */
export const threadUnarchive: Handler<'thread/unarchive'> = async ({ threadId }, ctx) => {
  const summary = await requireThreads(ctx.app).unarchive(threadId);
  ctx.afterResponse(() => ctx.app.hub.broadcastStored(threadId, { method: 'thread/unarchived', params: { threadId } }));
  return { thread: toProtocolThreadSummary(summary) };
};
