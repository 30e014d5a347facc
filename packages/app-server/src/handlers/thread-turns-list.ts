import type { Turn } from '@agentd/core';
import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { invalidParams } from '../errors.js';
import { toProtocolTurn } from '../mapping/items.js';

/** Turns per page when the client does not say. */
const DEFAULT_LIMIT = 25;

/**
 * A thread's turns a page at a time, newest first unless asked otherwise: with `excludeTurns` on
 * thread/resume, how a client shows a long thread without taking all of it at once. A cursor names
 * a turn, so pages stay put while new turns arrive: `nextCursor` goes on after the page's last
 * turn, `backwardsCursor` goes the other way from its first turn, including it again (to catch what
 * changed in it since).
 */
export const threadTurnsList: Handler<'thread/turns/list'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const loaded = threads.get(params.threadId);
  const turns = loaded ? loaded.turns : (await threads.read(params.threadId)).snapshot.turns;
  const ordered = params.sortDirection === 'asc' ? turns : [...turns].reverse();
  const start = params.cursor ? cursorStart(ordered, params.cursor) : 0;
  const limit = Math.max(params.limit ?? DEFAULT_LIMIT, 1);
  const page = ordered.slice(start, start + limit);
  const first = page[0];
  const last = page.at(-1);
  return {
    data: page.map((turn) => toProtocolTurn(turn, params.itemsView ?? 'summary')),
    nextCursor: last && start + limit < ordered.length ? `after:${last.id}` : null,
    backwardsCursor: first ? `from:${first.id}` : null,
  };
};

/** Where a page starts: after the named turn (`after:`), or at it (`from:`). */
function cursorStart(ordered: readonly Turn[], cursor: string): number {
  const parsed = /^(after|from):(.+)$/s.exec(cursor);
  if (!parsed) throw invalidParams(`invalid cursor "${cursor}": pass the nextCursor or backwardsCursor of a previous page`);
  const [, kind, turnId] = parsed;
  const index = ordered.findIndex((turn) => turn.id === turnId);
  if (index === -1) throw invalidParams(`the turn cursor "${cursor}" names is no longer in the thread (reverted?); start again without a cursor`);
  return kind === 'after' ? index + 1 : index;
}
