/** The replay itself: it passes a faithful session and fails, by step and field, when the daemon
 * no longer gives the old client what it relied on. */
import { describe, expect, it } from 'vitest';
import { reply } from '../support/index.js';
import { ReplayError, replaySession } from './replay.js';
import { parseSessionFixture, type SessionFixture, type Step } from './session-fixture.js';

function session(turnSteps: Step[]): SessionFixture {
  return parseSessionFixture({
    format: 'agentd-session/1',
    name: 'engine-test',
    description: 'A one-turn chat.',
    client: { name: 'engine-test', builtFrom: 'this test' },
    protocol: '0.1.0',
    source: 'hand-written',
    model: [reply.text('Hi there.', { chunks: ['Hi ', 'there.'] })],
    connections: [
      {
        steps: [
          { send: { id: 1, method: 'initialize', params: { clientInfo: { name: 'engine-test', version: '1' } } } },
          { receive: { response: 1 }, relied: { 'result.userAgent': { type: 'string' } } },
          { send: { method: 'initialized' } },
          { send: { id: 2, method: 'thread/start', params: {} } },
          { receive: { response: 2 }, relied: { 'result.thread.id': { capture: 'threadId' }, 'result.cwd': '${workspace}' } },
          { send: { id: 3, method: 'turn/start', params: { threadId: '${threadId}', input: [{ type: 'text', text: 'hello', text_elements: [] }] } } },
          { receive: { response: 3 }, relied: { 'result.turn.id': { capture: 'turnId' } } },
          ...turnSteps,
        ],
      },
    ],
  });
}

const completed: Step = { receive: { notification: 'turn/completed' }, relied: { 'params.turn.id': '${turnId}', 'params.turn.status': 'completed' } };

describe('replaySession', () => {
  it('passes a session the daemon still serves, streamed text included', async () => {
    await replaySession(
      session([
        { receive: { notification: 'turn/started' }, relied: { 'params.turn.id': '${turnId}' } },
        { receive: { notification: 'item/agentMessage/delta' }, join: { path: 'params.delta', equals: 'Hi there.' }, relied: {} },
        { receive: { notification: 'item/completed' }, where: { 'params.item.type': 'agentMessage' }, relied: { 'params.item.text': 'Hi there.' } },
        completed,
      ]),
    );
  }, 60_000);

  it('fails naming the step and the field the old client would miss', async () => {
    const replay = replaySession(
      session([{ receive: { notification: 'turn/completed' }, relied: { 'params.turn.status': 'failed', 'params.turn.cost': { type: 'number' } } }]),
    );
    await expect(replay).rejects.toThrow(ReplayError);
    await expect(replay).rejects.toThrow(
      /connection 1, step 8: notification "turn\/completed" lost what the old client relied on:\n {2}- params\.turn\.status: expected "failed", got "completed"\n {2}- params\.turn\.cost: expected number, got nothing/,
    );
  }, 60_000);

  it('fails when a message the client waited for never comes, or comes in another order', async () => {
    await expect(
      replaySession(session([completed, { receive: { notification: 'turn/started' }, relied: {} }]), { timeoutMs: 5_000 }),
    ).rejects.toThrow(/step 9: the old client waited for notification "turn\/started"; it never arrived/);
    await expect(
      replaySession(session([{ receive: { notification: 'turn/finished' }, relied: {} }]), { timeoutMs: 5_000 }),
    ).rejects.toThrow(/waited for notification "turn\/finished"; it never arrived\.\n {2}Unmatched messages from the server since the previous step:\n[\s\S]*"method":"turn\/started"/);
  }, 60_000);
});
