import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { failedPrecondition } from '@agentd/core';
import { unloadThread } from '../thread-unload.js';

/**
 * Moves a thread's rollout to `archived_sessions/`, out of the default listing. A loaded thread is
 * unloaded first (`thread/closed`); one with a running turn must be interrupted first.
 */
export const threadArchive: Handler<'thread/archive'> = async ({ threadId }, ctx) => {
  const threads = requireThreads(ctx.app);
  const loaded = threads.get(threadId);
  if (loaded?.activeTurnId) throw failedPrecondition(`thread ${threadId} has a turn in progress (${loaded.activeTurnId}); interrupt it first`);
  if (loaded) await unloadThread(ctx.app, threadId);
  await threads.archive(threadId);
  ctx.afterResponse(() => ctx.app.hub.broadcastStored(threadId, { method: 'thread/archived', params: { threadId } }));
  return {};
};
