/**
 * Which records of a thread a fork copies: everything after its metadata, up to the end of a chosen
 * turn (or of the last finished one), leaving out the thread's name and a turn still running. Turns
 * follow one another in a rollout, so a position in the file is a point in the conversation.
 */
import { invalidArgument } from '../errors.js';
import type { RolloutLine, RolloutRecord } from './rollout-record.js';

export interface ForkCut {
  /** Copy up to and including this turn; the whole thread when absent. */
  readonly lastTurnId?: string | null;
  /** A turn running in the source now: never copied. */
  readonly activeTurnId?: string | null;
  /** Turns the source still shows (a reverted turn cannot be forked from). */
  readonly turnIds: readonly string[];
}

export function forkRecords(lines: readonly RolloutLine[], cut: ForkCut): RolloutRecord[] {
  if (cut.lastTurnId && !cut.turnIds.includes(cut.lastTurnId)) throw invalidArgument(`the thread has no turn ${cut.lastTurnId}`);
  if (cut.lastTurnId && cut.lastTurnId === cut.activeTurnId) throw invalidArgument(`turn ${cut.lastTurnId} is still running; fork from an earlier turn`);
  let end = lines.length;
  if (cut.lastTurnId) end = endOfTurn(lines, cut.lastTurnId);
  else if (cut.activeTurnId) end = startOfTurn(lines, cut.activeTurnId);
  const records: RolloutRecord[] = [];
  for (const { timestamp: _written, ...record } of lines.slice(0, end)) {
    if (record.type === 'session_meta' || record.type === 'thread_name') continue;
    records.push(record as RolloutRecord);
  }
  return records;
}

/** The index just past a turn: after its `turn_completed`, else where the next turn starts. */
function endOfTurn(lines: readonly RolloutLine[], turnId: string): number {
  const start = startOfTurn(lines, turnId);
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] as RolloutLine;
    if (line.type === 'turn_completed' && line.payload.turnId === turnId) return index + 1;
    if (line.type === 'turn_started' && line.payload.turnId !== turnId) return index;
  }
  return lines.length;
}

function startOfTurn(lines: readonly RolloutLine[], turnId: string): number {
  const index = lines.findIndex((line) => line.type === 'turn_started' && line.payload.turnId === turnId);
  return index === -1 ? lines.length : index;
}
