/**
 * The recorder: a session recorded now becomes a fixture that replays now, whether the client is
 * watched field by field (the daemon driver) or runs as its own process behind the tap.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reply } from '../support/index.js';
import { recordDriverSession } from './driver-client.js';
import { recordExternalClient } from './external-recording.js';
import { fixtureFromRecording, track } from './recorder.js';
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
