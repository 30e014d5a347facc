import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { fromProtocolInput } from '../mapping/user-input.js';

/** Adds input to the running turn; the model gets it with its next request. */
export const turnSteer: Handler<'turn/steer'> = async ({ threadId, expectedTurnId, input }, ctx) => {
  const thread = requireThreads(ctx.app).require(threadId);
  const turnId = await thread.steer(expectedTurnId, fromProtocolInput(input));
  return { turnId };
};
