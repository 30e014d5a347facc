import { describe, expect, it } from 'vitest';
import type { RolloutRecord, ThreadMetaRecord } from './rollout-record.js';
import { summarizeRollout } from './rollout-summary.js';

const meta: ThreadMetaRecord = { id: 'thread-1', createdAt: 1_000, cwd: '/start', modelProvider: 'p', model: 'm', forkedFromId: 'thread-0', cliVersion: '0.1.0', originator: 'editor', instructionSources: [] };
const file = { path: '/h/sessions/rollout.jsonl', archived: false, size: 1234 };

function text(records: RolloutRecord[], last = '2001-09-09T01:46:40.500Z'): string {
  return records.map((record, index) => JSON.stringify({ timestamp: index === records.length - 1 ? last : '2001-09-09T01:46:40.000Z', ...record })).join('\n') + '\n';
}

function turn(id: string, prompt: string): RolloutRecord[] {
  return [
    { type: 'turn_started', payload: { turnId: id, startedAt: 1 } },
    { type: 'turn_context', payload: { turnId: id, settings: { model: 'm2', modelProvider: 'p2', cwd: '/later', effort: 'high' } as never } },
    { type: 'item_completed', payload: { turnId: id, item: { type: 'commandExecution', id: 'c', command: 'echo "type":"userMessage"', cwd: '/', status: 'completed', commandActions: [], aggregatedOutput: '', exitCode: 0, durationMs: 1, processId: null, source: 'agent', startedAtMs: 1, completedAtMs: 1 } } },
    { type: 'item_completed', payload: { turnId: id, item: { type: 'userMessage', id: `${id}-u`, content: [{ type: 'text', text: prompt }], clientId: null, startedAtMs: 1, completedAtMs: 1 } } },
  ];
}

describe('summarizeRollout', () => {
  it('reads what a listing needs: metadata, latest settings, first prompt, name, last change', () => {
    const summary = summarizeRollout(text([{ type: 'session_meta', payload: meta }, ...turn('t1', 'the first prompt'), { type: 'thread_name', payload: { name: 'Named' } }, ...turn('t2', 'later')]), file);
    expect(summary).toEqual({
      id: 'thread-1',
      path: file.path,
      archived: false,
      createdAt: 1_000,
      updatedAt: 1_000_000_000,
      updatedAtMs: 1_000_000_000_500,
      cwd: '/later',
      modelProvider: 'p2',
      model: 'm2',
      effort: 'high',
      preview: 'the first prompt',
      name: 'Named',
      forkedFromId: 'thread-0',
      cliVersion: '0.1.0',
      originator: 'editor',
      rolloutSize: 1234,
    });
  });

  it('takes the preview from the first turn still there after a revert, and skips bad lines', () => {
    const lines = text([{ type: 'session_meta', payload: meta }, ...turn('t1', 'reverted prompt'), { type: 'reverted', payload: { turnIds: ['t1'], historyLength: 0 } }, ...turn('t2', 'kept prompt')]);
    const summary = summarizeRollout(`${lines}garbage line\n{"timestamp":"x","type":"item_comp`, file);
    expect(summary?.preview).toBe('kept prompt');
  });

  it('gives nothing for a rollout without metadata', () => {
    expect(summarizeRollout(text(turn('t1', 'orphan')), file)).toBeUndefined();
  });
});
