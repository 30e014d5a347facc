import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { threadOverrides } from './thread-overrides.js';
import { threadSessionFields, toProtocolThread } from '../mapping/thread.js';

/**
 * Creates a thread, subscribes the caller to it, and announces it with `thread/started`. A thread
 * whose sandbox cannot be enforced is refused; one the config lets run unconfined anyway is
 * announced with a `warning`.
 */
export const threadStart: Handler<'thread/start'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const thread = await threads.start({
    ...threadOverrides(params, threads.config, ctx.log),
    ephemeral: params.ephemeral ?? false,
    originator: ctx.connection.session.clientInfo?.name ?? null,
  });
  ctx.app.hub.subscribe(thread, ctx.connection);
  const view = toProtocolThread(thread, { includeTurns: false });
  const unenforced = thread.sandboxEnforcement?.unenforcedReason;
  ctx.afterResponse(() => {
    ctx.connection.notify('thread/started', { thread: view });
    if (unenforced) ctx.connection.notify('warning', { threadId: thread.id, message: unenforced });
  });
  return { thread: view, ...threadSessionFields(thread) };
};
