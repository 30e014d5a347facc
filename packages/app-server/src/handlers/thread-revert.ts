import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { toProtocolThread } from '../mapping/thread.js';

/**
 * Drops `beforeTurnId` and every later turn from the thread — from what the client sees and from
 * what the model sees next — and records it in the rollout. Files the turns changed stay changed.
 */
export const threadRevert: Handler<'thread/revert'> = async ({ threadId, beforeTurnId }, ctx) => {
  const threads = requireThreads(ctx.app);
  const thread = await threads.load(threadId);
  ctx.app.hub.attach(thread);
  await threads.revert(threadId, beforeTurnId);
  ctx.afterResponse(() => ctx.app.hub.notify(threadId, { method: 'thread/reverted', params: { threadId } }, ctx.connection));
  return { thread: toProtocolThread(thread, { includeTurns: true }) };
};
