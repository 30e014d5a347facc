import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ThreadEventLog } from './thread-event-log.js';

const dir = () => join(mkdtempSync(join(tmpdir(), 'agentd-events-')), 'thread');

function note(log: ThreadEventLog, method: string, extra: Record<string, unknown> = {}): number {
  const seq = log.lastSeq + 1;
  log.append(method, seq, JSON.stringify({ method, params: { threadId: 't', ...extra, seq }, emittedAtMs: 1 }));
  return seq;
}

describe('ThreadEventLog', () => {
  it('starts at seq 0, keeps what was appended, and goes on from the last seq when reopened', () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    expect(log.lastSeq).toBe(0);
    expect(log.closedCleanly).toBe(true);
    note(log, 'turn/started');
    note(log, 'item/agentMessage/delta', { delta: 'a' });
    note(log, 'turn/completed');
    log.close();
    const again = ThreadEventLog.open(path);
    expect(again.lastSeq).toBe(3);
    expect(again.closedCleanly).toBe(true);
    expect(again.readSince(1).notifications.map((n) => [n.method, n.seq])).toEqual([
      ['item/agentMessage/delta', 2],
      ['turn/completed', 3],
    ]);
  });

  it('writes nothing until flushed, and once per batch', () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    note(log, 'turn/started');
    note(log, 'thread/status/changed');
    expect(readdirSync(path)).toEqual([]);
    expect(log.hasBuffered).toBe(true);
    log.flush();
    expect(log.hasBuffered).toBe(false);
    const [segment] = readdirSync(path);
    expect(readFileSync(join(path, segment as string), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('tells an unclean end (no close marker) and the requests it left unanswered', () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    note(log, 'turn/started');
    log.appendPendingRequest(0);
    log.appendPendingRequest(1);
    note(log, 'serverRequest/resolved', { requestId: 0 });
    log.flush();
    const crashed = ThreadEventLog.open(path);
    expect(crashed.closedCleanly).toBe(false);
    expect(crashed.lastSeq).toBe(2);
    expect(crashed.unresolvedRequests()).toEqual([1]);
  });

  it('ignores a torn last line, and the next line does not join it', () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    note(log, 'turn/started');
    log.flush();
    const [segment] = readdirSync(path);
    appendFileSync(join(path, segment as string), '{"method":"item/agentMessage/delta","params":{"se');
    const reopened = ThreadEventLog.open(path);
    expect(reopened.lastSeq).toBe(1);
    note(reopened, 'turn/completed');
    reopened.close();
    expect(ThreadEventLog.open(path).readSince(0).notifications.map((n) => n.seq)).toEqual([1, 2]);
  });

  it('keeps only the last turns: a new segment at a turn start, the oldest dropped', async () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    for (let turn = 0; turn < 12; turn++) {
      note(log, 'turn/started');
      note(log, 'item/agentMessage/delta');
      note(log, 'turn/completed');
      log.flush();
    }
    await log.removals();
    expect(readdirSync(path).length).toBeLessThanOrEqual(2);
    const all = log.readSince(0);
    expect(all.complete).toBe(false);
    expect(all.firstKeptSeq).toBeGreaterThan(1);
    const kept = all.notifications.map((n) => n.seq);
    expect(kept).toEqual(kept.map((_, index) => all.firstKeptSeq + index));
    expect(kept.at(-1)).toBe(36);
    expect(log.readSince(all.firstKeptSeq - 1).complete).toBe(true);
    expect(log.readSince(30).notifications.map((n) => n.seq)).toEqual([31, 32, 33, 34, 35, 36]);
  });

  it('skips corrupt lines when reading', () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    note(log, 'turn/started');
    log.flush();
    const [segment] = readdirSync(path);
    appendFileSync(join(path, segment as string), 'not json\n');
    note(log, 'turn/completed');
    log.close();
    expect(ThreadEventLog.open(path).readSince(0).notifications.map((n) => n.method)).toEqual(['turn/started', 'turn/completed']);
  });

  it('reads the last seq even when the last line is longer than the tail it first reads', () => {
    const path = dir();
    const log = ThreadEventLog.open(path);
    note(log, 'turn/started');
    note(log, 'turn/completed', { big: 'y'.repeat(200_000) });
    log.flush();
    expect(ThreadEventLog.open(path).lastSeq).toBe(2);
  });
});
