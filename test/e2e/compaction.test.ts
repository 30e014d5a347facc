/**
 * Compaction: with a tiny configured window a long turn compacts itself between model calls and
 * completes; thread/compact/start compacts on demand (and drops the oldest items when even the
 * summary request overflows); a failed compaction leaves the thread as it was, says so, and the
 * next turn works; resume after a compaction sends the compacted history.
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Daemon, fail, mockProviderConfig, reply, spawnDaemon, spawnDaemonWithModel, startModelServer } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

/**
 * A window where the first request (instructions, tools, opening layers: about 4,000 tokens by the
 * scripted server's count) fits, and a 40,000-byte command output does not.
 */
const TINY_WINDOW = { approval_policy: 'never', model_context_window: 9000 };
const BIG_OUTPUT = { cmd: "head -c 40000 /dev/zero | tr '\\0' x" };

async function runTurn(daemon: Daemon, threadId: string, prompt: string) {
  const { turn } = await daemon.request('turn/start', { threadId, input: text(prompt) });
  return (await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id })).params.turn;
}

function texts(input: any[]): string[] {
  return input.map((item) => (item.type === 'message' ? `${item.role}: ${item.content[0].text.split('\n')[0]}` : item.type));
}

async function rolloutLines(path: string): Promise<any[]> {
  return (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
}

describe('automatic compaction', () => {
  it('a long turn compacts itself mid-turn and completes', async () => {
    await using env = await spawnDaemonWithModel({
      settings: TINY_WINDOW,
      script: [reply.toolCall('exec_command', BIG_OUTPUT), reply.text('Printed 40,000 x characters for the user.'), reply.text('All done.')],
    });
    const { daemon, model } = env;
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-compact-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    const turn = await runTurn(daemon, thread.id, 'print a lot of x');
    expect(turn.status).toBe('completed');

    const [first, summary, after] = model.modelRequests.map((request) => request.json);
    expect(model.modelRequests).toHaveLength(3);
    // The summary request is the conversation so far plus the compaction prompt: same prefix, same tools.
    expect(summary.input.slice(0, -1)).toEqual([...first.input, expect.objectContaining({ type: 'function_call' }), expect.objectContaining({ type: 'function_call_output' })]);
    expect(summary.input.at(-1).content[0].text).toMatch(/^<compaction_request>/);
    expect(summary.tools).toEqual(first.tools);
    expect(summary.prompt_cache_key).toBe(thread.id);
    // The turn goes on with the compacted history: opening layers, the user's message, the summary.
    expect(texts(after.input)).toEqual(['developer: <permissions>', 'user: <environment_context>', 'user: print a lot of x', 'user: <conversation_summary>']);
    expect(after.input.at(-1).content[0].text).toContain('Printed 40,000 x characters for the user.');
    expect(JSON.stringify(after.input)).not.toContain('xxxxxxxxxx');

    const started = await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'contextCompaction' });
    const completed = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'contextCompaction' });
    expect(completed.params.item.id).toBe(started.params.item.id);
    expect(started.params.turnId).toBe(turn.id);
    const compacted = await daemon.nextNotification('thread/compacted');
    expect(compacted.params).toEqual({ threadId: thread.id, turnId: turn.id, seq: expect.any(Number) });
    expect(turn.items.map((item: any) => item.type)).toEqual(['userMessage', 'commandExecution', 'contextCompaction', 'agentMessage']);

    // The rollout holds a checkpoint with exactly the history the next request started from.
    const checkpoint = (await rolloutLines(thread.path)).find((line) => line.type === 'compacted');
    expect(checkpoint.payload).toEqual({ turnId: turn.id, history: after.input });
  });

  it('a request the provider refuses as too long is compacted and sent again', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never' },
      script: [
        reply.toolCall('exec_command', { cmd: 'echo a long log' }),
        fail.status(400, { code: 'context_length_exceeded', message: 'Input tokens exceed the configured limit.' }),
        reply.text('Ran the command; it printed "a long log".'),
        reply.text('Finished.'),
      ],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-compact-')) });
    const turn = await runTurn(daemon, thread.id, 'show me the log');
    expect(turn.status).toBe('completed');
    expect(turn.items.map((item: any) => item.type)).toEqual(['userMessage', 'commandExecution', 'contextCompaction', 'agentMessage']);
    const [, refused, summary, retried] = model.modelRequests.map((request) => request.json);
    expect(summary.input.slice(0, -1)).toEqual(refused.input);
    expect(texts(retried.input)).toEqual(['developer: <permissions>', 'user: <environment_context>', 'user: show me the log', 'user: <conversation_summary>']);
  });

  it('when the summary request fails, the user is warned and the turn goes on uncompacted', async () => {
    await using env = await spawnDaemonWithModel({
      settings: TINY_WINDOW,
      provider: { request_max_retries: 0 },
      script: [reply.toolCall('exec_command', BIG_OUTPUT), fail.status(500), reply.text('Done anyway.')],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-compact-')) });
    const turn = await runTurn(daemon, thread.id, 'print a lot of x');
    expect(turn.status).toBe('completed');
    const warning = await daemon.nextNotification('warning', { where: (p) => /Automatic compaction failed/.test(p.message) });
    expect(warning.params.message).toMatch(/The conversation continues as it was\.$/);
    const [first, , last] = model.modelRequests.map((request) => request.json);
    expect(last.input.slice(0, first.input.length)).toEqual(first.input);
    expect(texts(last.input.slice(first.input.length))).toEqual(['function_call', 'function_call_output']);
    expect(daemon.notifications.some((n) => n.method === 'thread/compacted')).toBe(false);
  });
});

describe('thread/compact/start', () => {
  it('compacts on demand; when the summary request overflows, the oldest items are dropped and it is tried again', async () => {
    await using env = await spawnDaemonWithModel({
      script: [
        reply.toolCall('exec_command', { cmd: 'echo first' }),
        reply.text('First answer.'),
        reply.text('Second answer.'),
        fail.status(400, { code: 'context_length_exceeded', message: 'Your input exceeds the context window of this model.' }),
        reply.text('The user asked two things; both answered.'),
        reply.text('Third answer.'),
      ],
      settings: { approval_policy: 'never' },
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-compact-')) });
    await runTurn(daemon, thread.id, 'first question');
    await runTurn(daemon, thread.id, 'second question');

    expect(await daemon.request('thread/compact/start', { threadId: thread.id })).toEqual({});
    const compacted = await daemon.nextNotification('thread/compacted');
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === compacted.params.turnId });
    expect(done.params.turn.status).toBe('completed');
    expect(done.params.turn.items.map((item: any) => item.type)).toEqual(['contextCompaction']);

    const overflowed = model.modelRequests[3]?.json;
    const retried = model.modelRequests[4]?.json;
    expect(texts(retried.input).slice(0, 2)).toEqual(texts(overflowed.input).slice(0, 2));
    expect(retried.input.length).toBeLessThan(overflowed.input.length);
    expect(retried.input.at(-1)).toEqual(overflowed.input.at(-1));

    const third = await runTurn(daemon, thread.id, 'third question');
    expect(third.status).toBe('completed');
    expect(texts(model.modelRequests[5]?.json.input)).toEqual([
      'developer: <permissions>',
      'user: <environment_context>',
      'user: first question',
      'user: second question',
      'user: <conversation_summary>',
      'user: third question',
    ]);
  });

  it('a failed compaction leaves the thread as it was, says why, and the next turn works', async () => {
    await using env = await spawnDaemonWithModel({
      script: [reply.text('First answer.'), fail.status(400, { message: 'Scripted refusal.' }), reply.text('Second answer.')],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-compact-')) });
    await runTurn(daemon, thread.id, 'first question');

    await daemon.request('thread/compact/start', { threadId: thread.id });
    const failed = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.status === 'failed' });
    expect(failed.params.turn.error.message).toMatch(/^Compaction failed: .*Scripted refusal.*The conversation was left as it was\.$/);
    const error = await daemon.nextNotification('error', { where: (p) => p.turnId === failed.params.turn.id });
    expect(error.params.willRetry).toBe(false);
    expect(daemon.notifications.some((n) => n.method === 'thread/compacted')).toBe(false);

    const second = await runTurn(daemon, thread.id, 'second question');
    expect(second.status).toBe('completed');
    const before = model.modelRequests[0]?.json.input;
    const next = model.modelRequests[2]?.json.input;
    expect(next.slice(0, before.length)).toEqual(before);
    expect(texts(next.slice(before.length))).toEqual(['assistant: First answer.', 'user: second question']);
  });

  it('is refused while a turn runs, and on a thread with nothing to compact', async () => {
    await using env = await spawnDaemonWithModel({ script: [fail.stall()] });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-compact-')) });
    await expect(daemon.request('thread/compact/start', { threadId: thread.id })).rejects.toMatchObject({ message: expect.stringMatching(/no conversation to compact/) });

    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('take your time') });
    await model.waitForRequests(1);
    await expect(daemon.request('thread/compact/start', { threadId: thread.id })).rejects.toMatchObject({ message: expect.stringMatching(/already has a turn in progress/) });
    await daemon.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('interrupted');
  });
});

describe('resume after compaction', () => {
  it(
    'sends the compacted history, not the old one',
    async () => {
      const model = await startModelServer();
      model.enqueue(reply.toolCall('exec_command', BIG_OUTPUT), reply.text('Printed x characters.'), reply.text('All done.'), reply.text('After the restart.'));
      const config = mockProviderConfig(model.url, { settings: TINY_WINDOW });
      const home = await mkdtemp(join(tmpdir(), 'agentd-compact-home-'));
      let daemon = await spawnDaemon({ home, config });
      try {
        await daemon.initialize();
        const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-compact-')) });
        await runTurn(daemon, thread.id, 'print a lot of x');
        await daemon.close();
        daemon = await spawnDaemon({ home, config });
        await daemon.initialize();
        await daemon.request('thread/resume', { threadId: thread.id });
        await runTurn(daemon, thread.id, 'and now?');
        const compacted = model.modelRequests[2]?.json.input;
        const resumed = model.modelRequests[3]?.json.input;
        expect(resumed.slice(0, compacted.length)).toEqual(compacted);
        expect(texts(resumed.slice(compacted.length))).toEqual(['assistant: All done.', 'user: and now?']);
        expect(JSON.stringify(resumed)).not.toContain('xxxxxxxxxx');
      } finally {
        await daemon.close().catch(() => undefined);
        await model.close();
      }
    },
  );
});
