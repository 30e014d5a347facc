import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { threadOverrides } from './thread-overrides.js';
import { threadSessionFields, toProtocolThread } from '../mapping/thread.js';

/**
 * Creates a thread, subscribes the caller to it, and announces it with `thread/started`; then a
 * `warning` for each AGENTS.md file that was cut or could not be read (`instructionSources` in
 * the answer lists what was loaded). A thread whose sandbox cannot be enforced is refused; one the
 * config lets run unconfined anyway gets a `warning` saying so.
 */
export const threadStart: Handler<'thread/start'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const thread = await threads.start({
    ...threadOverrides(params, threads.config, ctx.log),
    ephemeral: params.ephemeral ?? false,
    originator: ctx.connection.session.clientInfo?.name ?? null,
  });
  const subscription = ctx.app.hub.subscribe(thread, ctx.connection);
  const view = toProtocolThread(thread, { includeTurns: false });
  const unenforced = thread.sandboxEnforcement?.unenforcedReason;
  ctx.afterResponse(() => {
    ctx.connection.notify('thread/started', { thread: view });
    subscription.start();
    if (unenforced) thread.warn(unenforced);
    for (const message of thread.instructionWarnings) thread.warn(message);
  });
  return { thread: view, ...threadSessionFields(thread) };
};
