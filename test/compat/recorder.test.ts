/**
 * The recorder: a session recorded now becomes a fixture that replays now, whether the client is
 * watched field by field (the daemon driver) or runs as its own process behind the tap.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reply } from '../support/index.js';
import { recordDriverSession } from './driver-client.js';
import { recordExternalClient } from './external-recording.js';
import { fixtureFromRecording, readsFromSpec, track } from './recorder.js';
import { replaySession } from './replay.js';
import type { ReceiveStep } from './session-fixture.js';

const SAMPLE_CLIENT = fileURLToPath(new URL('./sample-client.mjs', import.meta.url));
const about = { description: 'a test recording', protocol: '0.1.0', basedOn: 'recorder.test.ts' };

describe('track', () => {
  it('notes the leaves read, array lengths, and nothing for what is not there', async () => {
    const reads = new Set<string>();
    const message = track({ params: { turn: { id: 't', items: [{ type: 'a', text: 'x' }], error: null } } }, '', reads);
    void message.params.turn.id;
    for (const item of message.params.turn.items) void item.text;
    void (message.params.turn as Record<string, unknown>).missing;
    void message.params.turn.error;
    await Promise.resolve(message);
    expect([...reads].sort()).toEqual(['params.turn.error', 'params.turn.id', 'params.turn.items', 'params.turn.items[0].text']);
  });
});

describe('fixtureFromRecording', () => {
  const line = (dir: 'c->s' | 's->c', message: unknown) => ({ t: 0, dir, line: JSON.stringify(message) });
  const messages = [
    line('c->s', { id: 1, method: 'turn/start', params: { threadId: 'thr_1', input: [] } }),
    line('s->c', { id: 1, result: { turn: { id: 'turn_1', status: 'inProgress' } } }),
    line('s->c', { id: 0, method: 'item/commandExecution/requestApproval', params: { turnId: 'turn_1', itemId: 'call_1', cwd: '/ws/x' } }),
    line('c->s', { id: 0, result: { decision: 'accept' } }),
    line('s->c', { method: 'item/commandExecution/outputDelta', params: { itemId: 'call_1', delta: 'a' } }),
    line('s->c', { method: 'item/commandExecution/outputDelta', params: { itemId: 'call_1', delta: 'b\n' } }),
    line('s->c', { method: 'item/completed', params: { item: { type: 'commandExecution', id: 'call_1', exitCode: 0, durationMs: 12 } } }),
    line('s->c', { method: 'thread/tokenUsage/updated', params: { tokenUsage: { last: { cachedInputTokens: 0 } } } }),
  ];
  const convert = (reads?: Map<number, Set<string>>) =>
    fixtureFromRecording({
      ...about,
      name: 'synthetic',
      client: { name: 'c', builtFrom: 'x' },
      model: [],
      connections: [reads ? { messages, reads } : { messages }],
      paths: { workspace: '/ws', home: '/home/agentd' },
    }).connections[0]!.steps;

  it('captures ids, reuses them, and keeps numbers that only look like a request id', () => {
    const steps = convert();
    expect(steps[1]).toEqual({ receive: { response: 1 }, relied: { 'result.turn.id': { type: 'string', capture: 'turnId' }, 'result.turn.status': 'inProgress' } });
    expect(steps[2]).toEqual({
      receive: { request: 'item/commandExecution/requestApproval' },
      relied: { id: { type: 'integer', capture: 'commandExecutionRequestId' }, 'params.cwd': '${workspace}/x', 'params.itemId': { type: 'string', capture: 'itemId' }, 'params.turnId': '${turnId}' },
    });
    expect(steps[3]).toEqual({ send: { id: '${commandExecutionRequestId}', result: { decision: 'accept' } } });
    expect(steps[4]).toEqual({
      receive: { notification: 'item/commandExecution/outputDelta' },
      where: { 'params.itemId': '${itemId}' },
      join: { path: 'params.delta', equals: 'ab\n' },
      relied: {},
    });
    expect(steps[5]).toEqual({
      receive: { notification: 'item/completed' },
      where: { 'params.item.id': '${itemId}', 'params.item.type': 'commandExecution' },
      relied: { 'params.item.durationMs': { type: 'integer' }, 'params.item.exitCode': 0 },
    });
    expect(steps[6]).toMatchObject({ relied: { 'params.tokenUsage.last.cachedInputTokens': { type: 'integer' } }, anyOrder: true });
  });

  it('relies on what a declared reads spec names', () => {
    const reads = readsFromSpec(messages, {
      'response:turn/start': ['result.turn.id'],
      'item/completed': ['params.item.exitCode'],
      'item/commandExecution/outputDelta': ['params.delta'],
    });
    expect([...reads.entries()].map(([index, paths]) => [index, [...paths]])).toEqual([
      [0, ['result.turn.id']],
      [1, ['id']],
      [2, ['params.delta']],
      [3, ['params.delta']],
      [4, ['params.item.exitCode']],
    ]);
    const steps = convert(reads);
    expect(steps.filter((s) => 'receive' in s)).toHaveLength(4);
  });
});

describe('recording a session', () => {
  it('from the daemon driver as a client: relies on what it read, and replays', async () => {
    const recording = await recordDriverSession();
    const fixture = fixtureFromRecording({ ...recording, ...about, name: 'driver-roundtrip' });
    const receives = fixture.connections[0]!.steps.filter((s): s is ReceiveStep => 'receive' in s);
    const approval = receives.find((s) => 'request' in s.receive && s.receive.request === 'item/fileChange/requestApproval');
    expect(approval?.relied).toEqual({
      id: { type: 'integer', capture: 'fileChangeRequestId' },
      'params.itemId': '${fileChangeId}',
      'params.threadId': '${threadId}',
    });
    expect(receives.find((s) => s.join)?.join).toEqual({ path: 'params.delta', equals: 'Updated greet.txt to greet the world.' });
    await replaySession(fixture);
  }, 120_000);

  it('from a client process behind the tap: relies on everything it received, and replays', async () => {
    const files = { 'notes.txt': 'hi\n' };
    const recording = await recordExternalClient({
      command: [process.execPath, SAMPLE_CLIENT, 'Read the notes'],
      model: [reply.toolCall('exec_command', { cmd: 'cat notes.txt' }), reply.text('The notes say hi.')],
      files,
      config: { approval_policy: 'never' },
    });
    expect(recording.exitCode).toBe(0);
    expect(recording.stdout).toBe('The notes say hi.\n');
    const fixture = fixtureFromRecording({
      ...recording,
      ...about,
      name: 'tap-roundtrip',
      client: { name: 'sample-client', builtFrom: 'test/compat/sample-client.mjs' },
      workspace: { files },
      config: { approval_policy: 'never' },
    });
    const steps = fixture.connections[0]!.steps;
    expect(steps[0]).toEqual({ send: { id: 1, method: 'initialize', params: { clientInfo: { name: 'sample-client', version: '1.0.0' } } } });
    const started = steps.find((s) => 'receive' in s && 'response' in s.receive && s.receive.response === 2) as ReceiveStep;
    expect(started.relied).toMatchObject({
      'result.thread.id': { type: 'string', capture: 'threadId' },
      'result.cwd': '${workspace}',
      'result.thread.createdAt': { type: 'integer' },
      'result.thread.path': { pattern: '^${home}/sessions/' },
    });
    await replaySession(fixture);
  }, 120_000);
});
