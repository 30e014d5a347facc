/**
 * The daemon dies (SIGKILL) in the middle of turns: every resume succeeds, every turn the client
 * saw complete is intact, no item appears twice, a turn that was running comes back `interrupted`
 * with what was streamed, a pending approval expires cleanly, `seq` never goes back, and every model
 * request still starts with the previous request's input (the prompt cache survives).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Daemon, type ModelServer, type Notification, reply, startRestartable, waitUntil } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const settings = { approval_policy: 'never', sandbox_mode: 'danger-full-access' } as const;

/** A small seeded generator, so a failing run can be replayed with AGENTD_TEST_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every model request's input, each element as the JSON text it was sent as. */
function sentInputs(model: ModelServer): string[][] {
  return model.modelRequests.map((request) => (JSON.parse(request.raw).input as unknown[]).map((item) => JSON.stringify(item)));
}

/** Each request's input starts with the whole input of the request before it. */
function expectGrowingPrefix(model: ModelServer, context: string): void {
  const inputs = sentInputs(model);
  for (let index = 1; index < inputs.length; index++) {
    const before = inputs[index - 1] as string[];
    const after = inputs[index] as string[];
    expect(after.slice(0, before.length), `${context}: request ${index} does not start with request ${index - 1}`).toEqual(before);
  }
}

function expectWellFormed(turns: any[], context: string): void {
  const turnIds = turns.map((turn) => turn.id);
  expect(new Set(turnIds).size, `${context}: a turn appears twice`).toBe(turnIds.length);
  const itemIds = turns.flatMap((turn) => turn.items.map((item: any) => item.id));
  expect(new Set(itemIds).size, `${context}: an item appears twice`).toBe(itemIds.length);
  for (const turn of turns) expect(turn.status, `${context}: turn ${turn.id}`).not.toBe('inProgress');
}

function seqsOf(daemon: Daemon, threadId: string): number[] {
  return daemon.notifications.filter((n) => n.params?.threadId === threadId && typeof n.params.seq === 'number').map((n) => n.params.seq as number);
}

describe('crash recovery', () => {
  it('survives SIGKILL at random moments during turns, 50 times in a row', { timeout: 240_000 }, async () => {
    const seed = Number(process.env.AGENTD_TEST_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    const context = `seed ${seed}`;
    await using env = await startRestartable({ settings });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    let step = 0;
    env.model.setDefault((body) => {
      step += 1;
      const last = body.input.at(-1);
      const answer = reply.text(`Answer ${step}: all done here, nothing more to add.`, { chunks: 8, chunkDelayMs: 8 });
      if (last?.type === 'function_call_output' || next() < 0.55) return answer;
      if (next() < 0.5) return reply.of([reply.reasoning({ summary: [`Plan ${step}.`], encryptedContent: `enc-${step}` }), reply.text(`Short ${step}.`, { chunks: 3 })], { chunkDelayMs: 8 });
      return reply.toolCall('exec_command', { cmd: `echo step-${step}` });
    });

    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', { cwd });
    const threadId: string = thread.id;
    const completed = new Map<string, any>();
    const seqs: number[] = [];
    const killPoints = ['turn/started', 'item/started', 'item/agentMessage/delta', 'item/completed', 'turn/completed'] as const;

    for (let round = 0; round < 50; round++) {
      const where = `${context}, round ${round}`;
      if (round > 0) {
        const resumed = await daemon.request('thread/resume', { threadId });
        const turns = resumed.thread.turns as any[];
        expectWellFormed(turns, where);
        for (const [turnId, live] of completed) {
          expect(turns.find((turn) => turn.id === turnId), `${where}: completed turn ${turnId}`).toEqual(live);
        }
      }
      const { turn } = await daemon.request('turn/start', { threadId, input: text(`request ${round}`) });
      const point = killPoints[Math.floor(next() * killPoints.length)] as string;
      const nth = 1 + Math.floor(next() * 4);
      let seen = 0;
      const ofTurn = (p: any) => p.turnId === turn.id || p.turn?.id === turn.id;
      await Promise.race([
        daemon.nextNotification(point, { where: (p) => ofTurn(p) && ++seen >= nth }),
        daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id }),
      ]);
      for (const n of daemon.notifications) if (n.method === 'turn/completed' && n.params.threadId === threadId) completed.set(n.params.turn.id, n.params.turn);
      seqs.push(...seqsOf(daemon, threadId));
      daemon = await env.crashAndRestart();
    }

    const resumed = await daemon.request('thread/resume', { threadId });
    expectWellFormed(resumed.thread.turns, context);
    const { turn } = await daemon.request('turn/start', { threadId, input: text('one more, to the end') });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id, timeoutMs: 20_000 });
    expect(done.params.turn.status).toBe('completed');
    seqs.push(...seqsOf(daemon, threadId));
    for (let index = 1; index < seqs.length; index++) expect(seqs[index], `${context}: seq went back`).toBeGreaterThan(seqs[index - 1] as number);
    expect(completed.size).toBeGreaterThan(0);
    expectGrowingPrefix(env.model, context);
  });

  it('a turn running when the daemon died comes back interrupted, keeping the agent message streamed so far', async () => {
    await using env = await startRestartable({ settings });
    const words = Array.from({ length: 60 }, (_, index) => `word${index} `);
    env.model.enqueue(reply.text(words.join(''), { chunks: words, chunkDelayMs: 40 }));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', {});
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('talk slowly') });
    await daemon.nextNotification('item/agentMessage/delta', { where: (p) => p.delta === 'word3 ' });
    // Wait (with a deadline) until the streamed text has reached the rollout: the periodic flush.
    const rollout = thread.path as string;
    await waitUntil(() => readFileSync(rollout, 'utf8').includes('"type":"item_delta"'), 5_000, 'the streamed text in the rollout');
    const seen = daemon.notifications.filter((n: Notification) => n.method === 'item/agentMessage/delta').map((n) => n.params.delta).join('');

    daemon = await env.crashAndRestart();
    const resumed = await daemon.request('thread/resume', { threadId: thread.id });
    const [again] = resumed.thread.turns;
    expect(again.id).toBe(turn.id);
    expect(again.status).toBe('interrupted');
    expect(again.items.map((item: any) => item.type)).toEqual(['userMessage', 'agentMessage']);
    const partial = again.items[1].text as string;
    expect(partial.length).toBeGreaterThan(0);
    expect(words.join('').startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThanOrEqual(words.join('').length);
    expect(seen.startsWith('word0 word1 word2 word3 ')).toBe(true);

    env.model.enqueue(reply.text('Back again.'));
    const { turn: second } = await daemon.request('turn/start', { threadId: thread.id, input: text('go on') });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === second.id });
    expect(done.params.turn.status).toBe('completed');
    expectGrowingPrefix(env.model, 'after the crash');
  });

  it('an approval pending when the daemon died expires cleanly: resolved, never run, and the thread goes on', async () => {
    await using env = await startRestartable({
      settings: { approval_policy: 'untrusted', sandbox_mode: 'danger-full-access' },
      initialize: { clientInfo: { name: 'agentd_test', version: '0.0.0' }, capabilities: { experimentalApi: true } },
    });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    env.model.enqueue(reply.toolCall('exec_command', { cmd: 'touch should-not-exist' }));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('touch it') });
    const approval = await daemon.nextServerRequest('item/commandExecution/requestApproval');
    const lastSeq = Math.max(...seqsOf(daemon, thread.id));

    daemon = await env.crashAndRestart();
    const resumed = await daemon.request('thread/resume', { threadId: thread.id, afterSeq: lastSeq });
    expect(resumed.thread.status).toEqual({ type: 'idle' });
    const [again] = resumed.thread.turns;
    expect(again).toMatchObject({ id: turn.id, status: 'interrupted' });
    const command = again.items.find((item: any) => item.type === 'commandExecution');
    expect(command).toMatchObject({ status: 'failed', exitCode: null });
    const resolved = await daemon.nextNotification('serverRequest/resolved');
    expect(resolved.params).toMatchObject({ threadId: thread.id, requestId: approval.id });
    expect(resolved.params.seq).toBeGreaterThan(lastSeq);

    // A late answer to the old request is ignored; the daemon keeps serving.
    daemon.sendRaw(JSON.stringify({ id: approval.id, result: { decision: 'accept' } }));
    env.model.enqueue(reply.text('Fine, I will not.'));
    const { turn: second } = await daemon.request('turn/start', { threadId: thread.id, input: text('never mind') });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === second.id });
    expect(done.params.turn.status).toBe('completed');
    expect(existsSync(join(cwd, 'should-not-exist'))).toBe(false);
  });
});
