import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../items/thread-item.js';
import type { ThreadSettings } from '../turn/settings.js';
import type { RolloutLine, RolloutRecord, ThreadMetaRecord } from './rollout-record.js';
import { rebuildSnapshot } from './thread-snapshot.js';

const meta: ThreadMetaRecord = { id: 'thread', createdAt: 100, cwd: '/w', modelProvider: 'p', model: 'm', forkedFromId: null, cliVersion: '0', originator: null, instructionSources: [] };
const settings = { model: 'm', cwd: '/w' } as ThreadSettings;
const stamp = (records: RolloutRecord[]): RolloutLine[] => records.map((record, index) => ({ ...record, timestamp: new Date(200_000 + index * 1000).toISOString() }) as RolloutLine);
const user = (id: string, text: string): ThreadItem => ({ type: 'userMessage', id, content: [{ type: 'text', text }], clientId: null, startedAtMs: 1, completedAtMs: 1 });
const said = (text: string) => ({ type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text }] });

function turn(id: string, text: string, complete = true): RolloutRecord[] {
  const records: RolloutRecord[] = [
    { type: 'turn_started', payload: { turnId: id, startedAt: 1 } },
    { type: 'turn_context', payload: { turnId: id, settings } },
    { type: 'response_item', payload: said(text) },
    { type: 'item_completed', payload: { turnId: id, item: user(`${id}-u`, text) } },
  ];
  if (complete) records.push({ type: 'turn_completed', payload: { turnId: id, status: 'completed', error: null, completedAt: 2, durationMs: 5 } });
  return records;
}

describe('rebuildSnapshot', () => {
  it('rebuilds turns, history and settings; a turn that never ended is interrupted with what streamed', () => {
    const snapshot = rebuildSnapshot(
      stamp([
        { type: 'session_meta', payload: meta },
        ...turn('t1', 'first'),
        ...turn('t2', 'second', false),
        { type: 'item_started', payload: { turnId: 't2', item: { type: 'agentMessage', id: 'msg', text: '', phase: null, startedAtMs: 3, completedAtMs: null } } },
        { type: 'item_delta', payload: { turnId: 't2', itemId: 'msg', part: { kind: 'text' }, delta: 'Half an ' } },
        { type: 'item_delta', payload: { turnId: 't2', itemId: 'msg', part: { kind: 'text' }, delta: 'answer' } },
        { type: 'item_started', payload: { turnId: 't2', item: { type: 'commandExecution', id: 'cmd', command: 'ls', cwd: '/w', status: 'inProgress', commandActions: [], aggregatedOutput: null, exitCode: null, durationMs: null, processId: null, source: 'agent', startedAtMs: 4, completedAtMs: null } } },
        { type: 'item_delta', payload: { turnId: 't2', itemId: 'cmd', part: { kind: 'output' }, delta: 'a.txt\n' } },
      ]),
      () => settings,
    );
    expect(snapshot?.turns.map((t) => t.status)).toEqual(['completed', 'interrupted']);
    expect(snapshot?.turns[1]?.items).toMatchObject([
      { type: 'userMessage' },
      { type: 'agentMessage', text: 'Half an answer', completedAtMs: null },
      { type: 'commandExecution', status: 'failed', aggregatedOutput: 'a.txt\n' },
    ]);
    expect(snapshot?.history).toEqual([said('first'), said('second')]);
    expect(snapshot?.updatedAt).toBe(200 + 14);
  });

  it("gives each command its own output back, held once where the model's copy ends with it", () => {
    const long = 'line of output\n'.repeat(40);
    const command = (id: string, output: string): ThreadItem => ({ type: 'commandExecution', id, command: 'cat', cwd: '/w', status: 'completed', commandActions: [], aggregatedOutput: output, exitCode: 0, durationMs: 1, processId: null, source: 'agent', startedAtMs: 1, completedAtMs: 2 });
    const snapshot = rebuildSnapshot(
      stamp([
        { type: 'session_meta', payload: meta },
        ...turn('t1', 'first', false),
        { type: 'item_completed', payload: { turnId: 't1', item: command('same', long) } },
        { type: 'response_item', payload: { type: 'function_call_output', call_id: 'same', output: `Exit code: 0\nOutput:\n${long}` } },
        { type: 'item_completed', payload: { turnId: 't1', item: command('clipped', long) } },
        { type: 'response_item', payload: { type: 'function_call_output', call_id: 'clipped', output: `Exit code: 0\nOutput:\n${long.slice(0, 300)}[… 300 bytes elided …]` } },
        { type: 'item_completed', payload: { turnId: 't1', item: command('never answered', long) } },
        ...turn('t2', 'second'),
        { type: 'response_item', payload: { type: 'function_call_output', call_id: 'never answered', output: `${long}` } },
      ]),
      () => settings,
    );
    const outputs = snapshot?.turns[0]?.items.filter((item) => item.type === 'commandExecution').map((item) => item.aggregatedOutput);
    expect(outputs).toEqual([long, long, long]);
    expect(snapshot?.history.filter((item) => item.type === 'function_call_output')).toHaveLength(3);
  });

  it('a completed item replaces what streamed, wherever it appears', () => {
    const snapshot = rebuildSnapshot(
      stamp([
        { type: 'session_meta', payload: meta },
        ...turn('t1', 'first', false),
        { type: 'item_started', payload: { turnId: 't1', item: { type: 'agentMessage', id: 'msg', text: '', phase: null, startedAtMs: 3, completedAtMs: null } } },
        { type: 'item_delta', payload: { turnId: 't1', itemId: 'msg', part: { kind: 'text' }, delta: 'Par' } },
        { type: 'item_completed', payload: { turnId: 't1', item: { type: 'agentMessage', id: 'msg', text: 'Partial no more', phase: null, startedAtMs: 3, completedAtMs: 9 } } },
        { type: 'item_delta', payload: { turnId: 't1', itemId: 'msg', part: { kind: 'text' }, delta: 'late' } },
      ]),
      () => settings,
    );
    expect(snapshot?.turns[0]?.items.map((item) => item.id)).toEqual(['t1-u', 'msg']);
    expect(snapshot?.turns[0]?.items[1]).toMatchObject({ text: 'Partial no more', completedAtMs: 9 });
  });

  it('applies reverts, and remembers where each remaining turn began', () => {
    const snapshot = rebuildSnapshot(
      stamp([
        { type: 'session_meta', payload: meta },
        ...turn('t1', 'first'),
        ...turn('t2', 'second'),
        { type: 'reverted', payload: { turnIds: ['t2'], historyLength: 1 } },
        ...turn('t3', 'third'),
      ]),
      () => settings,
    );
    expect(snapshot?.turns.map((t) => t.id)).toEqual(['t1', 't3']);
    expect(snapshot?.history).toEqual([said('first'), said('third')]);
    expect(snapshot?.turnStarts?.get('t3')).toEqual({ length: 1, last: said('first') });
    expect(snapshot?.turnStarts?.has('t2')).toBe(false);
  });

  it('is updated at its latest line, whatever form a timestamp written by hand takes', () => {
    const lines = stamp([{ type: 'session_meta', payload: meta }, ...turn('t1', 'first')]);
    expect(rebuildSnapshot(lines, () => settings)?.updatedAt).toBe(200 + 5);
    const byHand = (timestamp: string) => [...lines, { ...lines[1], timestamp } as RolloutLine];
    expect(rebuildSnapshot(byHand('1970-01-01T00:16:40Z'), () => settings)?.updatedAt).toBe(1000);
    expect(rebuildSnapshot(byHand('9999-99-99T99:99:99.999Z'), () => settings)?.updatedAt).toBe(200 + 5);
    expect(rebuildSnapshot(byHand('not a time'), () => settings)?.updatedAt).toBe(200 + 5);
  });

  it('has nothing to rebuild without metadata', () => {
    expect(rebuildSnapshot(stamp(turn('t1', 'first')), () => settings)).toBeUndefined();
  });
});

describe('reading rollouts', () => {
  it('decodes ASCII and UTF-8 lines alike, and ignores a torn last line', async () => {
    const { parseRollout, rolloutLines } = await import('./rollout-reader.js');
    const text = '{"timestamp":"t","type":"thread_name","payload":{"name":"plain"}}\n{"timestamp":"t","type":"thread_name","payload":{"name":"café — ☕"}}\n{"timestamp":"t","type":"thr';
    const fromBytes = Array.from(rolloutLines(Buffer.from(text, 'utf8')));
    expect(fromBytes.map((line) => line.complete)).toEqual([true, true, false]);
    expect(fromBytes[1]?.text).toContain('café — ☕');
    const { lines, warnings } = parseRollout(text);
    expect(lines.map((line) => (line.type === 'thread_name' ? line.payload.name : null))).toEqual(['plain', 'café — ☕']);
    expect(warnings).toEqual([]);
  });
});
