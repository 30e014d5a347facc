import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { threadSessionFields, toProtocolThread, withTurnsInParts } from '../mapping/thread.js';
import { threadOverrides } from './thread-overrides.js';

/**
 * Copies a thread (up to `lastTurnId` when given) into a new thread with its own id and
 * `forkedFromId`, subscribes the caller to the copy, and announces it with `thread/started`.
 */
export const threadFork: Handler<'thread/fork'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const thread = await threads.fork(params.threadId, {
    ...threadOverrides(params, threads.config, ctx.log),
    ephemeral: params.ephemeral ?? false,
    originator: ctx.connection.session.clientInfo?.name ?? null,
    lastTurnId: params.lastTurnId ?? null,
  });
  const subscription = ctx.app.hub.subscribe(thread, ctx.connection);
  const started = toProtocolThread(thread, { includeTurns: false });
  ctx.afterResponse(() => {
    ctx.connection.notify('thread/started', { thread: started });
    subscription.start();
  });
  return withTurnsInParts({ thread: toProtocolThread(thread, { includeTurns: params.excludeTurns !== true }), ...threadSessionFields(thread) });
};
