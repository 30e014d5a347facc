/**
 * Resume after a restart: the turns come back exactly as they were streamed live (same ids, same
 * content), the next turn works, and its first model request starts with the previous request's
 * input unchanged, so the provider's prompt cache survives the restart.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockProviderConfig, reply, type Daemon, type ModelServer, spawnDaemon, startRestartable } from '../support/index.js';
import { writeThread } from '../bench/rollout-builder.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const settings = { approval_policy: 'never', sandbox_mode: 'danger-full-access' } as const;

async function runTurn(daemon: Daemon, threadId: string, prompt: string): Promise<any> {
  const { turn } = await daemon.request('turn/start', { threadId, input: text(prompt) });
  const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
  return done.params.turn;
}

/** The model requests' inputs, each element as the JSON text it was sent as. */
function sentInputs(model: ModelServer): string[][] {
  return model.modelRequests.map((request) => (JSON.parse(request.raw).input as unknown[]).map((item) => JSON.stringify(item)));
}

describe('thread/resume after a restart', () => {
  it('returns the turns as streamed live; the next turn works and keeps the prompt prefix', async () => {
    await using env = await startRestartable({ settings });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    env.model.enqueue(
      reply.toolCall('exec_command', { cmd: 'echo from-the-command' }),
      reply.text('The command said hello.', { chunks: ['The command ', 'said ', 'hello.'] }),
      reply.of([reply.reasoning({ summary: ['Thinking about it.'], encryptedContent: 'enc-1' }), reply.text('Second answer.')]),
    );
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', { cwd });
    const live = [await runTurn(daemon, thread.id, 'run a command'), await runTurn(daemon, thread.id, 'think, then answer')];
    expect(live.map((turn) => turn.status)).toEqual(['completed', 'completed']);
    expect(live[0].items.map((item: any) => item.type)).toEqual(['userMessage', 'commandExecution', 'agentMessage']);
    const itemsCompletedLive = daemon.notifications.filter((n) => n.method === 'item/completed').map((n) => n.params.item);
    const requestsBefore = env.model.modelRequests.length;

    daemon = await env.restart();
    const resumed = await daemon.request('thread/resume', { threadId: thread.id });
    expect(resumed.thread.id).toBe(thread.id);
    expect(resumed.thread.turns).toEqual(live);
    expect(resumed.thread.turns.flatMap((turn: any) => turn.items)).toEqual(itemsCompletedLive);
    expect(resumed.thread.preview).toBe('run a command');
    expect(resumed.cwd).toBe(cwd);

    env.model.enqueue(reply.text('Third answer after the restart.'));
    const third = await runTurn(daemon, thread.id, 'and now?');
    expect(third.status).toBe('completed');
    expect(third.items.at(-1)).toMatchObject({ type: 'agentMessage', text: 'Third answer after the restart.' });

    const inputs = sentInputs(env.model);
    const before = inputs[requestsBefore - 1] as string[];
    const after = inputs[requestsBefore] as string[];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(env.model.modelRequests[requestsBefore]?.json.prompt_cache_key).toBe(thread.id);
  });

  it('applies overrides, honours excludeTurns, and resuming a loaded thread only subscribes', async () => {
    await using env = await startRestartable({ settings });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    env.model.enqueue(reply.text('One.'), reply.text('Two.'));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', { cwd });
    await runTurn(daemon, thread.id, 'first');

    const again = await daemon.request('thread/resume', { threadId: thread.id });
    expect(again.thread.turns).toHaveLength(1);
    expect(again.thread.status).toEqual({ type: 'idle' });

    daemon = await env.restart();
    const resumed = await daemon.request('thread/resume', { threadId: thread.id, excludeTurns: true, approvalPolicy: 'untrusted', sandbox: 'read-only' });
    expect(resumed.thread.turns).toEqual([]);
    expect(resumed.approvalPolicy).toBe('untrusted');
    expect(resumed.sandbox).toMatchObject({ type: 'readOnly' });
    await runTurn(daemon, thread.id, 'second');
    const last = env.model.modelRequests.at(-1)?.json.input as any[];
    const update = last.at(-2);
    expect(update).toMatchObject({ type: 'message', role: 'developer' });
    expect(JSON.stringify(update)).toContain('read-only');
  });

  it('fails clearly for an unknown thread and keeps serving', async () => {
    await using env = await startRestartable({ settings });
    await expect(env.daemon.request('thread/resume', { threadId: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: -32600 });
    await expect(env.daemon.request('thread/resume', { threadId: '../../etc' })).rejects.toMatchObject({ code: -32602 });
    const { thread } = await env.daemon.request('thread/start', {});
    expect(thread.id).toBeTruthy();
  });

  it('sends a long thread whole: a multi-megabyte answer, characters of every width, then what follows it', async () => {
    const home = await mkdtemp(join(tmpdir(), 'agentd-home-'));
    const preview = 'Décor, €uros and 😀 faces: '.repeat(3);
    const big = writeThread(home, { turns: 250, outputBytes: 4_200, preview });
    await using daemon = await spawnDaemon({ home, config: mockProviderConfig('http://127.0.0.1:9/v1') });
    await daemon.initialize();
    // thread/read names the same thread, so it is answered after the resume, while that is still
    // being written.
    const [resumed, read] = await Promise.all([
      daemon.request('thread/resume', { threadId: big.id }),
      daemon.request('thread/read', { threadId: big.id, includeTurns: true }),
    ]);
    expect(JSON.stringify(resumed).length).toBeGreaterThan(1024 * 1024);
    expect(resumed.thread.turns).toHaveLength(250);
    expect(resumed.thread.turns[0].items[0].content[0].text).toBe(preview);
    expect(resumed.thread.turns.every((turn: any) => turn.items.some((item: any) => item.aggregatedOutput?.length > 4_000))).toBe(true);
    expect(read.thread.turns).toEqual(resumed.thread.turns);
    expect((await daemon.request('thread/loaded/list', {})).data).toEqual([big.id]);
  });
});
