import { failedPrecondition } from '@agentd/core';
import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';

/** Stops a running turn: answers at once, then `turn/completed` (interrupted) follows. */
export const turnInterrupt: Handler<'turn/interrupt'> = async ({ threadId, turnId }, ctx) => {
  const thread = requireThreads(ctx.app).require(threadId);
  if (thread.activeTurnId !== turnId) throw failedPrecondition(`turn ${turnId} is not running on thread ${threadId}`);
  ctx.afterResponse(() => void thread.interrupt(turnId).catch((error: unknown) => ctx.log.warn({ err: error }, 'interrupt failed')));
  return {};
};
