import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { threadSessionFields, toProtocolThread, withTurnsInParts } from '../mapping/thread.js';
import { applyThreadOverrides } from './thread-overrides.js';

/**
 * Loads a stored thread (or takes the loaded one) and subscribes the caller. The turns come back as
 * the client saw them live; a turn the daemon died in is `interrupted`. With `afterSeq`, every
 * notification after it is replayed once the response is written, before live ones.
 */
export const threadResume: Handler<'thread/resume'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const wasLoaded = threads.get(params.threadId) !== undefined;
  const thread = await threads.load(params.threadId);
  applyThreadOverrides(threads, thread, params, ctx.log);
  const subscription = ctx.app.hub.subscribe(thread, ctx.connection, { afterSeq: params.afterSeq });
  const lastTurn = thread.turns.at(-1);
  ctx.afterResponse(() => {
    subscription.start();
    // As the reference does: a freshly loaded thread tells its token usage so far.
    if (!wasLoaded && lastTurn && thread.usage.total.totalTokens > 0) {
      ctx.app.hub.notify(thread.id, {
        method: 'thread/tokenUsage/updated',
        params: {
          threadId: thread.id,
          turnId: lastTurn.id,
          tokenUsage: {
            last: { ...thread.usage.last, cacheWriteInputTokens: 0 },
            total: { ...thread.usage.total, cacheWriteInputTokens: 0 },
            modelContextWindow: thread.usage.modelContextWindow,
          },
        },
      });
    }
  });
  return withTurnsInParts({ thread: toProtocolThread(thread, { includeTurns: params.excludeTurns !== true }), ...threadSessionFields(thread) });
};
