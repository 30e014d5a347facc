/**
 * What a running turn has streamed into items that have not completed yet. Deltas are kept in
 * memory and reach the rollout only at flush points (an item completing, a model request, or a
 * coarse timer while streaming) as `item_started` + `item_delta` records — never one write per
 * delta. After a crash the rollout still shows the agent message streamed so far.
 */
import type { ThreadItem } from '../items/thread-item.js';
import type { ThreadEvent } from '../turn/events.js';
import type { RolloutRecord, StreamedPart } from './rollout-record.js';

interface PendingPart {
  readonly part: StreamedPart;
  readonly chunks: string[];
}

interface OpenItem {
  readonly turnId: string;
  readonly item: ThreadItem;
  /** Whether its `item_started` record was written. */
  written: boolean;
  pending: PendingPart[];
}

/** The parts without an index, shared: no object per streamed delta. */
const TEXT_PART: StreamedPart = { kind: 'text' };
const OUTPUT_PART: StreamedPart = { kind: 'output' };

export class StreamingItems {
  readonly #open = new Map<string, OpenItem>();
  #dirty = false;

  /** True when something was streamed since the last `drain`. */
  get dirty(): boolean {
    return this.#dirty;
  }

  observe(event: ThreadEvent): void {
    switch (event.type) {
      case 'itemStarted':
        if (event.item.type === 'userMessage') return;
        this.#open.set(event.item.id, { turnId: event.turnId, item: event.item, written: false, pending: [] });
        this.#dirty = true;
        return;
      case 'itemCompleted':
        this.#open.delete(event.item.id);
        return;
      case 'agentMessageDelta':
        return this.#add(event.itemId, TEXT_PART, event.delta);
      case 'reasoningSummaryPartAdded':
        return this.#add(event.itemId, { kind: 'summary', index: event.summaryIndex }, '');
      case 'reasoningSummaryDelta':
        return this.#add(event.itemId, { kind: 'summary', index: event.summaryIndex }, event.delta);
      case 'reasoningTextDelta':
        return this.#add(event.itemId, { kind: 'reasoning', index: event.contentIndex }, event.delta);
      case 'commandOutputDelta':
        return this.#add(event.itemId, OUTPUT_PART, event.delta);
      case 'turnCompleted':
        for (const [id, open] of this.#open) if (open.turnId === event.turn.id) this.#open.delete(id);
        return;
      default:
        return;
    }
  }

  /** The records for everything streamed since the last call. */
  drain(): RolloutRecord[] {
    if (!this.#dirty) return [];
    this.#dirty = false;
    const records: RolloutRecord[] = [];
    for (const open of this.#open.values()) {
      if (!open.written) {
        records.push({ type: 'item_started', payload: { turnId: open.turnId, item: open.item } });
        open.written = true;
      }
      for (const { part, chunks } of open.pending) {
        records.push({ type: 'item_delta', payload: { turnId: open.turnId, itemId: open.item.id, part, delta: chunks.join('') } });
      }
      open.pending = [];
    }
    return records;
  }

  #add(itemId: string, part: StreamedPart, delta: string): void {
    const open = this.#open.get(itemId);
    if (!open) return;
    const last = open.pending.at(-1);
    if (last && samePart(last.part, part)) last.chunks.push(delta);
    else open.pending.push({ part, chunks: [delta] });
    this.#dirty = true;
  }
}

function samePart(a: StreamedPart, b: StreamedPart): boolean {
  return a.kind === b.kind && ('index' in a ? a.index : -1) === ('index' in b ? b.index : -1);
}

/** Applies a streamed delta to an item rebuilt from the rollout (the item is changed in place). */
export function applyStreamedDelta(item: ThreadItem, part: StreamedPart, delta: string): void {
  switch (part.kind) {
    case 'text':
      if (item.type === 'agentMessage' || item.type === 'plan') item.text += delta;
      return;
    case 'summary':
      if (item.type === 'reasoning') appendAt(item.summary, part.index, delta);
      return;
    case 'reasoning':
      if (item.type === 'reasoning') appendAt(item.content, part.index, delta);
      return;
    case 'output':
      if (item.type === 'commandExecution') item.aggregatedOutput = (item.aggregatedOutput ?? '') + delta;
      return;
  }
}

function appendAt(parts: string[], index: number, delta: string): void {
  while (parts.length <= index) parts.push('');
  parts[index] += delta;
}
