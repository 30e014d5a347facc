import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';

/**
 * Compacts a thread's history now. Answers at once; the compaction runs as a turn of its own
 * (`turn/started`, the `contextCompaction` item, `thread/compacted`, `turn/completed`). If it
 * fails, the turn fails with the reason and the history stays as it was.
 */
export const threadCompactStart: Handler<'thread/compact/start'> = async ({ threadId }, ctx) => {
  const thread = requireThreads(ctx.app).require(threadId);
  ctx.app.hub.subscribe(thread, ctx.connection);
  const pending = thread.beginCompaction();
  ctx.afterResponse(() => pending.start());
  return {};
};
