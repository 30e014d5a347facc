/**
 * The state of a thread that can be rebuilt from its rollout: metadata, settings, what the model
 * sees (history) and what the client saw (turns and items).
 */
import type { ThreadItem } from '../items/thread-item.js';
import { emptyUsage, type TokenUsage, type Turn } from '../items/turn.js';
import type { ResponseItem } from '../model/response-item.js';
import type { ThreadSettings } from '../turn/settings.js';
import type { RolloutLine, ThreadMetaRecord } from './rollout-record.js';
import { applyStreamedDelta } from './streaming-items.js';

/**
 * Where a turn's history began: its length then, and the item it ended with. A revert cuts back to
 * `length` only while that item is still in place (a compaction rewrites what came before).
 */
export interface TurnStart {
  readonly length: number;
  readonly last: ResponseItem | undefined;
}

export interface ThreadSnapshot {
  meta: ThreadMetaRecord;
  settings: ThreadSettings;
  name: string | null;
  history: ResponseItem[];
  turns: Turn[];
  usage: TokenUsage;
  /** Epoch seconds of the last record. */
  updatedAt: number;
  /** Where each turn's history began, for thread/revert. */
  turnStarts?: Map<string, TurnStart>;
}

/**
 * Replays rollout lines. A turn that never completed (the daemon died) comes back `interrupted`
 * with the items it had; `fallbackSettings` is used if no turn context was recorded yet.
 */
export function rebuildSnapshot(lines: readonly RolloutLine[], fallbackSettings: (meta: ThreadMetaRecord) => ThreadSettings): ThreadSnapshot | undefined {
  const metaLine = lines.find((line) => line.type === 'session_meta');
  if (!metaLine || metaLine.type !== 'session_meta') return undefined;
  const meta = metaLine.payload;
  let settings: ThreadSettings | undefined;
  let name: string | null = null;
  let history: ResponseItem[] = [];
  const turns: Turn[] = [];
  const turnIndex = new Map<string, Turn>();
  const turnStarts = new Map<string, TurnStart>();
  let usage: TokenUsage = { last: emptyUsage(), total: emptyUsage(), modelContextWindow: null };
  let updatedAt = meta.createdAt;
  // Timestamps are written by toISOString, whose text sorts as time does: only the latest is parsed.
  let latest = '';

  for (const line of lines) {
    if (line.timestamp > latest) latest = line.timestamp;
    switch (line.type) {
      case 'turn_context':
        settings = line.payload.settings;
        break;
      case 'turn_started': {
        const turn: Turn = { id: line.payload.turnId, items: [], status: 'inProgress', error: null, startedAt: line.payload.startedAt, completedAt: null, durationMs: null };
        turns.push(turn);
        turnIndex.set(turn.id, turn);
        turnStarts.set(turn.id, { length: history.length, last: history.at(-1) });
        break;
      }
      case 'response_item':
        history.push(line.payload);
        break;
      case 'item_completed': {
        const turn = turnIndex.get(line.payload.turnId);
        if (turn) upsertItem(turn.items, line.payload.item);
        break;
      }
      case 'item_started': {
        const turn = turnIndex.get(line.payload.turnId);
        if (turn && !turn.items.some((item) => item.id === line.payload.item.id)) turn.items.push(line.payload.item);
        break;
      }
      case 'item_delta': {
        const { turnId, itemId, part, delta } = line.payload;
        const item = turnIndex.get(turnId)?.items.find((candidate) => candidate.id === itemId);
        if (item && item.completedAtMs === null) applyStreamedDelta(item, part, delta);
        break;
      }
      case 'turn_completed': {
        const turn = turnIndex.get(line.payload.turnId);
        if (turn) {
          turn.status = line.payload.status;
          turn.error = line.payload.error;
          turn.completedAt = line.payload.completedAt;
          turn.durationMs = line.payload.durationMs;
        }
        break;
      }
      case 'token_usage':
        usage = line.payload.usage;
        break;
      case 'compacted':
        history = [...line.payload.history];
        break;
      case 'thread_name':
        name = line.payload.name;
        break;
      case 'reverted': {
        history = history.slice(0, line.payload.historyLength);
        const dropped = new Set(line.payload.turnIds);
        for (let index = turns.length - 1; index >= 0; index--) {
          if (dropped.has((turns[index] as Turn).id)) turns.splice(index, 1);
        }
        for (const id of dropped) {
          turnIndex.delete(id);
          turnStarts.delete(id);
        }
        break;
      }
      default:
        break;
    }
  }
  updatedAt = Math.max(updatedAt, latestSeconds(lines, latest));
  for (const turn of turns) {
    if (turn.status === 'inProgress') endInterrupted(turn);
  }
  return { meta, settings: settings ?? fallbackSettings(meta), name, history, turns, usage, updatedAt, turnStarts };
}

/**
 * Epoch seconds of the latest line: `latest` is the greatest timestamp as text, which is the latest
 * in time when every line has one from toISOString; otherwise (a line written by hand) each is read.
 */
function latestSeconds(lines: readonly RolloutLine[], latest: string): number {
  const at = Date.parse(latest);
  if (latest.length === ISO_LENGTH && !Number.isNaN(at) && lines.every((line) => typeof line.timestamp === 'string' && line.timestamp.length === ISO_LENGTH)) {
    return Math.floor(at / 1000);
  }
  let seconds = 0;
  for (const line of lines) {
    const each = Date.parse(line.timestamp);
    if (!Number.isNaN(each)) seconds = Math.max(seconds, Math.floor(each / 1000));
  }
  return seconds;
}

/** Length of a toISOString timestamp (years 0 to 9999). */
const ISO_LENGTH = '2000-01-01T00:00:00.000Z'.length;

/**
 * A turn the daemon died in: interrupted, keeping what the client saw. Tools that were running (or
 * waiting for an approval that can no longer be given) end `failed`, as an interrupt leaves them.
 */
function endInterrupted(turn: Turn): void {
  turn.status = 'interrupted';
  for (const item of turn.items) {
    if ((item.type === 'commandExecution' || item.type === 'fileChange' || item.type === 'mcpToolCall') && item.status === 'inProgress') {
      item.status = 'failed';
    }
  }
}

export function upsertItem(items: ThreadItem[], item: ThreadItem): void {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index === -1) items.push(item);
  else items[index] = item;
}
