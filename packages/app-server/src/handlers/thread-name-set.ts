import { invalidArgument } from '@agentd/core';
import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';

/**
 * Names a thread (loading it if it is stored but not loaded). The answer comes first, then
 * `thread/name/updated` goes to every client following the thread, and to the caller even if it
 * does not follow it: a client waits for that echo after the answer.
 */
export const threadNameSet: Handler<'thread/name/set'> = async ({ threadId, name }, ctx) => {
  const title = name.trim();
  if (title === '') throw invalidArgument('thread name must not be empty');
  const threads = requireThreads(ctx.app);
  const thread = threads.get(threadId) ?? (await threads.load(threadId));
  ctx.afterResponse(() => {
    thread.setName(title);
    if (!ctx.app.hub.isSubscribed(thread.id, ctx.connection)) {
      ctx.connection.notify('thread/name/updated', { threadId: thread.id, threadName: title });
    }
  });
  return {};
};
