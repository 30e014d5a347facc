/**
 * A model server that fails: 5xx / 429 / dropped streams are retried and the turn completes; an
 * authentication failure is not retried, fails the turn with an error the user can act on, and
 * the thread stays usable.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail, reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function startTurn(daemon: Awaited<ReturnType<typeof spawnDaemonWithModel>>['daemon'], prompt: string, threadId?: string) {
  const id = threadId ?? (await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-fail-')) })).thread.id;
  const { turn } = await daemon.request('turn/start', { threadId: id, input: text(prompt) });
  const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id, timeoutMs: 20_000 });
  return { threadId: id, turn: done.params.turn };
}

describe.each(['responses', 'chat'] as const)('model failures over %s', (wireApi) => {
  it('retries two 500s and completes', async () => {
    await using env = await spawnDaemonWithModel({
      wireApi,
      script: [fail.status(500), fail.status(500), reply.text('Recovered.')],
    });
    const { daemon, model } = env;
    const { turn } = await startTurn(daemon, 'hello');
    expect(turn.status).toBe('completed');
    expect(model.modelRequests).toHaveLength(3);
    const retries = daemon.notifications.filter((n) => n.method === 'error');
    expect(retries).toHaveLength(2);
    expect(retries.every((n) => n.params.willRetry === true)).toBe(true);
    // Every attempt sent the same request.
    expect(new Set(model.modelRequests.map((request) => request.raw)).size).toBe(1);
  });

  it('honours retry-after on a 429, survives a stream cut mid-event and a malformed event', async () => {
    await using env = await spawnDaemonWithModel({
      wireApi,
      script: [
        fail.badSse({ reply: reply.text('never seen'), afterEvents: 2 }),fail.status(429, { retryAfterMs: 50 }), fail.cutMidEvent({ reply: reply.text('partial answer here'), afterEvents: 3 }), reply.text('Whole answer.')],
    });
    const { daemon } = env;
    const { turn } = await startTurn(daemon, 'hello');
    expect(turn.status).toBe('completed');
    const finalMessage = turn.items.filter((item: { type: string }) => item.type === 'agentMessage').at(-1);
    expect(finalMessage?.text).toBe('Whole answer.');
  });

  it('fails at once on 401 with advice, and the next turn works', async () => {
    await using env = await spawnDaemonWithModel({ wireApi, script: [fail.status(401), reply.text('Working again.')] });
    const { daemon, model } = env;
    const first = await startTurn(daemon, 'hello');
    expect(first.turn.status).toBe('failed');
    expect(first.turn.error.message).toMatch(/401/);
    expect(first.turn.error.message).toMatch(/API key/);
    expect(first.turn.error.codexErrorInfo).toBe('unauthorized');
    const error = daemon.notifications.find((n) => n.method === 'error');
    expect(error?.params).toMatchObject({ threadId: first.threadId, willRetry: false });
    expect(model.modelRequests).toHaveLength(1);

    const second = await startTurn(daemon, 'again', first.threadId);
    expect(second.turn.status).toBe('completed');
  });
});
