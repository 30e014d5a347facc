import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { storedThreadView, toProtocolThread, withTurnsInParts } from '../mapping/thread.js';

/** Reads a thread without loading it or subscribing: the loaded one as it is now, else from disk. */
export const threadRead: Handler<'thread/read'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const includeTurns = params.includeTurns === true;
  const view = threads.get(params.threadId) ?? storedThreadView(await threads.read(params.threadId));
  return withTurnsInParts({ thread: toProtocolThread(view, { includeTurns }) });
};
