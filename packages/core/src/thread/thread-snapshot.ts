/**
 * The state of a thread that can be rebuilt from its rollout: metadata, settings, what the model
 * sees (history) and what the client saw (turns and items).
 */
import type { ThreadItem } from '../items/thread-item.js';
import { emptyUsage, type TokenUsage, type Turn } from '../items/turn.js';
import type { ResponseItem } from '../model/response-item.js';
import type { ThreadSettings } from '../turn/settings.js';
import type { RolloutLine, ThreadMetaRecord } from './rollout-record.js';
import { SharedCommandOutput } from './shared-output.js';
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
  const builder = new SnapshotBuilder();
  for (const line of lines) builder.add(line);
  return builder.finish(fallbackSettings);
}

/**
 * Replays rollout lines one at a time, as they are read, so that nothing but the thread's state is
 * kept: a line's wrapper, and whatever its payload holds twice, dies young.
 */
export class SnapshotBuilder {
  #meta: ThreadMetaRecord | undefined;
  #settings: ThreadSettings | undefined;
  #name: string | null = null;
  #history: ResponseItem[] = [];
  readonly #turns: Turn[] = [];
  readonly #turnIndex = new Map<string, Turn>();
  readonly #turnStarts = new Map<string, TurnStart>();
  #usage: TokenUsage = { last: emptyUsage(), total: emptyUsage(), modelContextWindow: null };
  readonly #latest = new LatestTimestamp();
  readonly #sharedOutput = new SharedCommandOutput();

  add(line: RolloutLine): void {
    this.#latest.see(line.timestamp);
    switch (line.type) {
      case 'session_meta':
        this.#meta ??= line.payload;
        break;
      case 'turn_context':
        this.#settings = line.payload.settings;
        break;
      case 'turn_started': {
        const turn: Turn = { id: line.payload.turnId, items: [], status: 'inProgress', error: null, startedAt: line.payload.startedAt, completedAt: null, durationMs: null };
        this.#turns.push(turn);
        this.#turnIndex.set(turn.id, turn);
        this.#turnStarts.set(turn.id, { length: this.#history.length, last: this.#history.at(-1) });
        this.#sharedOutput.clear();
        break;
      }
      case 'response_item':
        this.#history.push(line.payload);
        this.#sharedOutput.history(line.payload);
        break;
      case 'item_completed': {
        const turn = this.#turnIndex.get(line.payload.turnId);
        if (turn) upsertItem(turn.items, line.payload.item);
        this.#sharedOutput.item(line.payload.item);
        break;
      }
      case 'item_started': {
        const turn = this.#turnIndex.get(line.payload.turnId);
        if (turn && !turn.items.some((item) => item.id === line.payload.item.id)) turn.items.push(line.payload.item);
        break;
      }
      case 'item_delta': {
        const { turnId, itemId, part, delta } = line.payload;
        const item = this.#turnIndex.get(turnId)?.items.find((candidate) => candidate.id === itemId);
        if (item && item.completedAtMs === null) applyStreamedDelta(item, part, delta);
        break;
      }
      case 'turn_completed': {
        const turn = this.#turnIndex.get(line.payload.turnId);
        if (turn) {
          turn.status = line.payload.status;
          turn.error = line.payload.error;
          turn.completedAt = line.payload.completedAt;
          turn.durationMs = line.payload.durationMs;
        }
        break;
      }
      case 'token_usage':
        this.#usage = line.payload.usage;
        break;
      case 'compacted':
        this.#history = [...line.payload.history];
        break;
      case 'thread_name':
        this.#name = line.payload.name;
        break;
      case 'reverted': {
        this.#history = this.#history.slice(0, line.payload.historyLength);
        const dropped = new Set(line.payload.turnIds);
        for (let index = this.#turns.length - 1; index >= 0; index--) {
          if (dropped.has((this.#turns[index] as Turn).id)) this.#turns.splice(index, 1);
        }
        for (const id of dropped) {
          this.#turnIndex.delete(id);
          this.#turnStarts.delete(id);
        }
        break;
      }
      default:
        break;
    }
  }

  /** The thread, or undefined when no line gave its metadata. */
  finish(fallbackSettings: (meta: ThreadMetaRecord) => ThreadSettings): ThreadSnapshot | undefined {
    const meta = this.#meta;
    if (!meta) return undefined;
    for (const turn of this.#turns) {
      if (turn.status === 'inProgress') endInterrupted(turn);
    }
    return {
      meta,
      settings: this.#settings ?? fallbackSettings(meta),
      name: this.#name,
      history: this.#history,
      turns: this.#turns,
      usage: this.#usage,
      updatedAt: Math.max(meta.createdAt, this.#latest.seconds),
      turnStarts: this.#turnStarts,
    };
  }
}

/**
 * The latest of the lines' timestamps, in epoch seconds. Most are written by toISOString, whose
 * text sorts as time does: such a one is only parsed when it is later than the latest so far and
 * in another second. Any other text is parsed; one that is not a time is ignored.
 */
class LatestTimestamp {
  #text = '';
  seconds = 0;

  see(timestamp: unknown): void {
    if (typeof timestamp !== 'string') return;
    const iso = timestamp.length === ISO_LENGTH;
    if (iso && (timestamp <= this.#text || (this.#text !== '' && timestamp.startsWith(this.#text.slice(0, SECOND_LENGTH))))) {
      // Earlier, or within the same second as the latest: the answer in seconds stays.
      if (timestamp > this.#text) this.#text = timestamp;
      return;
    }
    const ms = Date.parse(timestamp);
    if (Number.isNaN(ms)) return;
    if (iso) this.#text = timestamp;
    this.seconds = Math.max(this.seconds, Math.floor(ms / 1000));
  }
}

/** Length of a toISOString timestamp (years 0 to 9999), and of its part up to the seconds. */
const ISO_LENGTH = '2000-01-01T00:00:00.000Z'.length;
const SECOND_LENGTH = '2000-01-01T00:00:00'.length;

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
