import type { v2 } from '@agentd/protocol';
import { describe, expect, it } from 'vitest';
import { NumberedLines, numberedNotificationLine } from './numbered-line.js';

/** What the line must be, byte for byte. */
function reference(method: string, params: object, seq: number, emittedAtMs: number): string {
  return JSON.stringify({ method, params: { ...params, seq }, emittedAtMs });
}

const awkward = ['', 'plain ', 'quote " and \\ backslash', 'new\nline\ttab', 'ünïcödé ✓ 😀', '\u2028\u2029', '\ud800 lone surrogate', '\u0000\u001f'];

describe('numbered notification lines', () => {
  it('are what JSON.stringify gives for params of any shape, empty ones included', () => {
    const cases: Array<[string, object]> = [
      ['thread/status/changed', { threadId: 't1', status: { type: 'active', activeFlags: ['waitingOnApproval'] } }],
      ['turn/plan/updated', { threadId: 't1', turnId: 'u1', explanation: null, plan: [{ step: 'a "b"', status: 'pending' }] }],
      ['item/started', { threadId: 't1', turnId: 'u1', item: { type: 'agentMessage', id: 'm', text: '', phase: undefined }, startedAtMs: 5 }],
      ['thread/closed', {}],
    ];
    for (const [method, params] of cases) expect(numberedNotificationLine(method, params, 42, 1_764_000_000_000)).toBe(reference(method, params, 42, 1_764_000_000_000));
  });

  it('serialise deltas exactly, across items, turns and methods, whatever the text', () => {
    const lines = new NumberedLines();
    const methods: v2.ServerNotificationMethod[] = ['item/agentMessage/delta', 'item/commandExecution/outputDelta', 'item/fileChange/outputDelta'];
    let seq = 0;
    for (const method of methods) {
      for (const itemId of ['msg_1', 'call "2"']) {
        for (const turnId of ['turn-a', 'turn-b']) {
          for (const delta of awkward) {
            const params = { threadId: 'thread-\u00e9', turnId, itemId, delta };
            seq++;
            expect(lines.line(method, params, seq, 1_764_000_000_000 + seq)).toBe(reference(method, params, seq, 1_764_000_000_000 + seq));
          }
        }
      }
    }
  });

  it('leave other notifications to the general path between deltas', () => {
    const lines = new NumberedLines();
    const delta = { threadId: 't', turnId: 'u', itemId: 'i', delta: 'x' };
    const other = { threadId: 't', turnId: 'u', itemId: 'i', summaryIndex: 0, delta: 'y' };
    expect(lines.line('item/agentMessage/delta', delta, 1, 7)).toBe(reference('item/agentMessage/delta', delta, 1, 7));
    expect(lines.line('item/reasoning/summaryTextDelta', other, 2, 7)).toBe(reference('item/reasoning/summaryTextDelta', other, 2, 7));
    expect(lines.line('item/agentMessage/delta', delta, 3, 7)).toBe(reference('item/agentMessage/delta', delta, 3, 7));
  });
});
