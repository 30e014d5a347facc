/**
 * Unloading a thread: core closes it (a running turn is interrupted and written out), then its
 * channel says `thread/closed` to every connection and closes its event log.
 */
import type { AppContext } from './app-context.js';

export async function unloadThread(app: AppContext, threadId: string): Promise<void> {
  const thread = app.threads?.get(threadId);
  if (!thread || !app.threads) return;
  await app.threads.unload(threadId);
  app.hub.release(thread);
}
