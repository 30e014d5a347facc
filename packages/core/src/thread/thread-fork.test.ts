import { describe, expect, it } from 'vitest';
import type { RolloutLine, RolloutRecord } from './rollout-record.js';
import { forkRecords } from './thread-fork.js';

const line = (record: RolloutRecord): RolloutLine => ({ ...record, timestamp: 'now' }) as RolloutLine;
const started = (turnId: string) => line({ type: 'turn_started', payload: { turnId, startedAt: 1 } });
const ended = (turnId: string) => line({ type: 'turn_completed', payload: { turnId, status: 'completed', error: null, completedAt: 2, durationMs: 1 } });
const said = (text: string) => line({ type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });

const lines: RolloutLine[] = [
  line({ type: 'session_meta', payload: { id: 'src' } as never }),
  started('t1'),
  said('one'),
  ended('t1'),
  line({ type: 'thread_name', payload: { name: 'Source name' } }),
  started('t2'),
  said('two'),
  ended('t2'),
  started('t3'),
  said('three'),
];
const kinds = (records: RolloutRecord[]) => records.map((record) => (record.type === 'response_item' ? JSON.stringify(record.payload).match(/"text":"(\w+)"/)?.[1] : record.type));

describe('forkRecords', () => {
  it('copies everything but the metadata and the name', () => {
    expect(kinds(forkRecords(lines, { turnIds: ['t1', 't2', 't3'] }))).toEqual(['turn_started', 'one', 'turn_completed', 'turn_started', 'two', 'turn_completed', 'turn_started', 'three']);
  });

  it('stops after the chosen turn, and before a running one', () => {
    expect(kinds(forkRecords(lines, { lastTurnId: 't1', turnIds: ['t1', 't2', 't3'] }))).toEqual(['turn_started', 'one', 'turn_completed']);
    expect(kinds(forkRecords(lines, { activeTurnId: 't3', turnIds: ['t1', 't2', 't3'] }))).toHaveLength(6);
    // A turn that never ended (a crash) ends where the next begins.
    expect(kinds(forkRecords(lines.filter((l) => !(l.type === 'turn_completed' && l.payload.turnId === 't2')), { lastTurnId: 't2', turnIds: ['t1', 't2', 't3'] })).at(-1)).toBe('two');
  });

  it('refuses a turn the thread does not show, or one still running', () => {
    expect(() => forkRecords(lines, { lastTurnId: 'gone', turnIds: ['t1'] })).toThrow(/no turn gone/);
    expect(() => forkRecords(lines, { lastTurnId: 't3', activeTurnId: 't3', turnIds: ['t1', 't2', 't3'] })).toThrow(/still running/);
  });
});
