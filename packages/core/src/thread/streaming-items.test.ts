import { describe, expect, it } from 'vitest';
import type { AgentMessageItem, ReasoningItem } from '../items/thread-item.js';
import { applyStreamedDelta, StreamingItems } from './streaming-items.js';

const message: AgentMessageItem = { type: 'agentMessage', id: 'msg_1', text: '', phase: null, startedAtMs: 1, completedAtMs: null };

describe('StreamingItems', () => {
  it('turns many deltas into one started record and one joined delta per flush point', () => {
    const streaming = new StreamingItems();
    expect(streaming.drain()).toEqual([]);
    streaming.observe({ type: 'itemStarted', turnId: 't', item: message });
    for (const delta of ['Hel', 'lo', ' there']) streaming.observe({ type: 'agentMessageDelta', turnId: 't', itemId: 'msg_1', delta });
    expect(streaming.dirty).toBe(true);
    expect(streaming.drain()).toEqual([
      { type: 'item_started', payload: { turnId: 't', item: message } },
      { type: 'item_delta', payload: { turnId: 't', itemId: 'msg_1', part: { kind: 'text' }, delta: 'Hello there' } },
    ]);
    expect(streaming.dirty).toBe(false);
    streaming.observe({ type: 'agentMessageDelta', turnId: 't', itemId: 'msg_1', delta: '!' });
    expect(streaming.drain()).toEqual([{ type: 'item_delta', payload: { turnId: 't', itemId: 'msg_1', part: { kind: 'text' }, delta: '!' } }]);
  });

  it('forgets items once completed, user messages, and deltas of unknown items', () => {
    const streaming = new StreamingItems();
    streaming.observe({ type: 'itemStarted', turnId: 't', item: { type: 'userMessage', id: 'u', content: [], clientId: null, startedAtMs: 1, completedAtMs: null } });
    streaming.observe({ type: 'agentMessageDelta', turnId: 't', itemId: 'nobody', delta: 'x' });
    streaming.observe({ type: 'itemStarted', turnId: 't', item: message });
    streaming.observe({ type: 'itemCompleted', turnId: 't', item: { ...message, text: 'done', completedAtMs: 2 } });
    expect(streaming.drain()).toEqual([]);
  });

  it('keeps reasoning parts apart', () => {
    const streaming = new StreamingItems();
    const reasoning: ReasoningItem = { type: 'reasoning', id: 'rs', summary: [], content: [], startedAtMs: 1, completedAtMs: null };
    streaming.observe({ type: 'itemStarted', turnId: 't', item: reasoning });
    streaming.observe({ type: 'reasoningSummaryPartAdded', turnId: 't', itemId: 'rs', summaryIndex: 0 });
    streaming.observe({ type: 'reasoningSummaryDelta', turnId: 't', itemId: 'rs', summaryIndex: 0, delta: 'a' });
    streaming.observe({ type: 'reasoningSummaryDelta', turnId: 't', itemId: 'rs', summaryIndex: 1, delta: 'b' });
    streaming.observe({ type: 'reasoningTextDelta', turnId: 't', itemId: 'rs', contentIndex: 0, delta: 'c' });
    const rebuilt = structuredClone(reasoning);
    for (const record of streaming.drain()) if (record.type === 'item_delta') applyStreamedDelta(rebuilt, record.payload.part, record.payload.delta);
    expect(rebuilt).toMatchObject({ summary: ['a', 'b'], content: ['c'] });
  });
});
