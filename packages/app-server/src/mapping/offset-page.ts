/**
 * Pages over a list that is computed whole on every call (models, permission profiles): the cursor
 * is the offset of the next entry, as a decimal string.
 */
import { invalidParams } from '../errors.js';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Entries from `cursor` on, at most `limit` of them (all when `limit` is absent). */
export function offsetPage<T>(entries: readonly T[], cursor: string | null | undefined, limit: number | null | undefined): Page<T> {
  const start = cursor === null || cursor === undefined ? 0 : parseCursor(cursor, entries.length);
  const end = limit === null || limit === undefined ? entries.length : Math.min(entries.length, start + Math.max(limit, 1));
  return { data: entries.slice(start, end), nextCursor: end < entries.length ? String(end) : null };
}

function parseCursor(cursor: string, length: number): number {
  const offset = /^\d+$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset > length) throw invalidParams(`invalid cursor "${cursor}": pass the nextCursor of a previous page`);
  return offset;
}
