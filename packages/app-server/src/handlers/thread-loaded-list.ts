import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';

/** The ids of the loaded threads, in id (creation) order; the cursor is the last id of a page. */
export const threadLoadedList: Handler<'thread/loaded/list'> = (params, ctx) => {
  const ids = requireThreads(ctx.app)
    .loaded.map((thread) => thread.id)
    .sort();
  const after = params.cursor ? ids.filter((id) => id > (params.cursor as string)) : ids;
  const limit = params.limit || after.length;
  const data = after.slice(0, limit);
  return { data, nextCursor: after.length > limit ? (data.at(-1) ?? null) : null };
};
