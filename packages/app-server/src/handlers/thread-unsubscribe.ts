import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';

/**
 * Stops this connection following a thread. The thread stays loaded (a running turn goes on and is
 * logged for a later `afterSeq` resume) until it has been unused for the idle time.
 */
export const threadUnsubscribe: Handler<'thread/unsubscribe'> = ({ threadId }, ctx) => {
  if (!requireThreads(ctx.app).get(threadId)) return { status: 'notLoaded' };
  return { status: ctx.app.hub.unsubscribe(threadId, ctx.connection) ? 'unsubscribed' : 'notSubscribed' };
};
