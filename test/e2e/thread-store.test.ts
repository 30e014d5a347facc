/**
 * Stored threads: listing (filters, sorting, cursor pages, an index rebuilt when missing or found
 * stale), reading without loading, archiving, forking, reverting, and unloading idle threads.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Daemon, reply, spawnDaemonWithModel, startRestartable } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const settings = { approval_policy: 'never', sandbox_mode: 'danger-full-access' } as const;

async function runTurn(daemon: Daemon, threadId: string, prompt: string): Promise<any> {
  const { turn } = await daemon.request('turn/start', { threadId, input: text(prompt) });
  return (await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id })).params.turn;
}

async function newThread(daemon: Daemon, cwd: string, prompt: string): Promise<string> {
  const { thread } = await daemon.request('thread/start', { cwd });
  await runTurn(daemon, thread.id, prompt);
  return thread.id;
}

describe('thread/list', () => {
  it('pages, sorts and filters stored threads; the index is rebuilt when missing and repaired when stale', async () => {
    await using env = await startRestartable({ settings });
    env.model.setDefault(reply.text('Noted.'));
    const [a, b] = [await mkdtemp(join(tmpdir(), 'agentd-a-')), await mkdtemp(join(tmpdir(), 'agentd-b-'))];
    let daemon = env.daemon;
    const first = await newThread(daemon, a, 'Fix the parser bug');
    const second = await newThread(daemon, b, 'Write the README');
    const third = await newThread(daemon, a, 'Refactor the PARSER module');
    await runTurn(daemon, first, 'and one more thing');

    const all = await daemon.request('thread/list', {});
    expect(all.data.map((t: any) => t.id)).toEqual([third, second, first]);
    expect(all.nextCursor).toBeNull();
    expect(all.data[2]).toMatchObject({ preview: 'Fix the parser bug', cwd: a, modelProvider: 'mock', status: { type: 'idle' }, turns: [] });

    const page1 = await daemon.request('thread/list', { limit: 2 });
    expect(page1.data.map((t: any) => t.id)).toEqual([third, second]);
    const page2 = await daemon.request('thread/list', { limit: 2, cursor: page1.nextCursor });
    expect(page2.data.map((t: any) => t.id)).toEqual([first]);
    expect(page2.nextCursor).toBeNull();

    const ascending = await daemon.request('thread/list', { sortDirection: 'asc' });
    expect(ascending.data.map((t: any) => t.id)).toEqual([first, second, third]);
    const byUpdate = await daemon.request('thread/list', { sortKey: 'updated_at' });
    expect(byUpdate.data[0].id).toBe(first);
    expect((await daemon.request('thread/list', { cwd: a })).data.map((t: any) => t.id)).toEqual([third, first]);
    expect((await daemon.request('thread/list', { cwd: [a, b] })).data).toHaveLength(3);
    expect((await daemon.request('thread/list', { searchTerm: 'parser' })).data.map((t: any) => t.id)).toEqual([third, first]);
    expect((await daemon.request('thread/list', { modelProviders: ['other'] })).data).toEqual([]);
    expect((await daemon.request('thread/list', { modelProviders: ['mock'] })).data).toHaveLength(3);
    expect((await daemon.request('thread/list', { excludedThreadIds: [second] })).data).toHaveLength(2);
    await expect(daemon.request('thread/list', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: -32602 });

    // After a restart the threads are not loaded.
    daemon = await env.restart();
    const stored = await daemon.request('thread/list', {});
    expect(stored.data.map((t: any) => t.status)).toEqual([{ type: 'notLoaded' }, { type: 'notLoaded' }, { type: 'notLoaded' }]);
    expect(stored.data).toEqual(all.data.map((t: any) => ({ ...t, status: { type: 'notLoaded' } })));

    // A missing index is rebuilt from the rollouts.
    await env.daemon.close();
    await rm(join(env.home, 'state'), { recursive: true, force: true });
    daemon = await env.restart();
    expect(await daemon.request('thread/list', {})).toEqual(stored);

    // A rollout copied in by hand shows up; one removed by hand goes away.
    const rollout = (await daemon.request('thread/read', { threadId: second })).thread.path as string;
    await daemon.close();
    const copyId = '01900000-0000-7000-8000-00000000c0de';
    const lines = (await readFile(rollout, 'utf8')).split('\n');
    lines[0] = (lines[0] as string).replace(second, copyId);
    await writeFile(join(dirname(rollout), basename(rollout).replace(second, copyId)), lines.join('\n'));
    const thirdPath = stored.data.find((t: any) => t.id === third).path as string;
    await rm(thirdPath);
    daemon = await env.restart();
    const repaired = await daemon.request('thread/list', {});
    expect(repaired.data.map((t: any) => t.id).sort()).toEqual([first, second, copyId].sort());
    expect(repaired.data.find((t: any) => t.id === copyId)).toMatchObject({ preview: 'Write the README', path: join(dirname(rollout), basename(rollout).replace(second, copyId)) });
  });

  it('repairs the rows of threads a killed daemon had loaded', async () => {
    await using env = await startRestartable({ settings });
    env.model.enqueue(reply.text('This answer never finishes streaming.', { chunks: 30, chunkDelayMs: 50 }));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', {});
    await daemon.request('turn/start', { threadId: thread.id, input: text('Started before the crash') });
    await daemon.nextNotification('item/agentMessage/delta');
    daemon = await env.crashAndRestart();
    const { data } = await daemon.request('thread/list', {});
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ id: thread.id, preview: 'Started before the crash', status: { type: 'notLoaded' } });
  });
});

describe('thread/read', () => {
  it('reads a stored thread without loading it, and a loaded one as it is', async () => {
    await using env = await startRestartable({ settings });
    env.model.setDefault(reply.text('Read me.'));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', {});
    const live = await runTurn(daemon, thread.id, 'something to read');
    const loaded = await daemon.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(loaded.thread).toMatchObject({ id: thread.id, status: { type: 'idle' }, turns: [live] });
    expect((await daemon.request('thread/read', { threadId: thread.id })).thread.turns).toEqual([]);

    daemon = await env.restart();
    const stored = await daemon.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(stored.thread).toEqual({ ...loaded.thread, status: { type: 'notLoaded' } });
    expect((await daemon.request('thread/loaded/list', {})).data).toEqual([]);
    expect(daemon.notifications.filter((n) => n.method === 'thread/started')).toEqual([]);
  });
});

describe('thread/archive and thread/unarchive', () => {
  it('moves a thread out of the listing and back, telling every connection', async () => {
    await using env = await spawnDaemonWithModel({ settings, script: [reply.text('Kept.')] });
    const { daemon, home } = env;
    const { thread } = await daemon.request('thread/start', {});
    await runTurn(daemon, thread.id, 'archive me later');

    expect(await daemon.request('thread/archive', { threadId: thread.id })).toEqual({});
    const closed = await daemon.nextNotification('thread/closed');
    const archived = await daemon.nextNotification('thread/archived');
    expect(archived.params.threadId).toBe(thread.id);
    expect(archived.params.seq).toBe(closed.params.seq + 1);
    expect((await daemon.request('thread/loaded/list', {})).data).toEqual([]);
    expect((await daemon.request('thread/list', {})).data).toEqual([]);
    const inArchive = await daemon.request('thread/list', { archived: true });
    expect(inArchive.data.map((t: any) => t.id)).toEqual([thread.id]);
    expect(inArchive.data[0].path).toBe(join(home, 'archived_sessions', basename(thread.path)));
    await expect(daemon.request('thread/resume', { threadId: thread.id })).rejects.toMatchObject({ message: expect.stringMatching(/archived/) });
    await expect(daemon.request('thread/archive', { threadId: thread.id })).rejects.toMatchObject({ message: expect.stringMatching(/already archived/) });
    expect((await daemon.request('thread/read', { threadId: thread.id, includeTurns: true })).thread.turns).toHaveLength(1);

    const restored = await daemon.request('thread/unarchive', { threadId: thread.id });
    expect(restored.thread).toMatchObject({ id: thread.id, path: thread.path, preview: 'archive me later', status: { type: 'notLoaded' } });
    const unarchived = await daemon.nextNotification('thread/unarchived');
    expect(unarchived.params.seq).toBe(archived.params.seq + 1);
    expect((await daemon.request('thread/list', {})).data.map((t: any) => t.id)).toEqual([thread.id]);
    const resumed = await daemon.request('thread/resume', { threadId: thread.id });
    expect(resumed.thread.turns).toHaveLength(1);
  });

  it('refuses to archive a thread with a running turn', async () => {
    await using env = await spawnDaemonWithModel({ settings, script: [reply.text('Slow answer that takes a while.', { chunks: 20, chunkDelayMs: 50 })] });
    const { daemon } = env;
    const { thread } = await daemon.request('thread/start', {});
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('slowly') });
    await expect(daemon.request('thread/archive', { threadId: thread.id })).rejects.toMatchObject({ message: expect.stringMatching(/in progress/) });
    await daemon.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    await daemon.nextNotification('turn/completed');
    expect(await daemon.request('thread/archive', { threadId: thread.id })).toEqual({});
  });
});

describe('thread/fork', () => {
  it('copies the history under a new id, up to a turn when asked, and the copy runs on its own', async () => {
    await using env = await startRestartable({ settings });
    env.model.enqueue(reply.text('First answer.'), reply.text('Second answer.'), reply.text('Forked answer.'));
    let daemon = env.daemon;
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    const one = await runTurn(daemon, thread.id, 'first question');
    const two = await runTurn(daemon, thread.id, 'second question');

    const whole = await daemon.request('thread/fork', { threadId: thread.id });
    expect(whole.thread.id).not.toBe(thread.id);
    expect(whole.thread.forkedFromId).toBe(thread.id);
    expect(whole.thread.turns).toEqual([one, two]);
    const started = await daemon.nextNotification('thread/started', { where: (p) => p.thread.id === whole.thread.id });
    expect(started.params.thread.turns).toEqual([]);

    const partial = await daemon.request('thread/fork', { threadId: thread.id, lastTurnId: one.id, excludeTurns: true });
    expect(partial.thread.turns).toEqual([]);
    const requestsBefore = env.model.modelRequests.length;
    const forkedTurn = await runTurn(daemon, partial.thread.id, 'another follow-up');
    expect(forkedTurn.status).toBe('completed');
    const sent = env.model.modelRequests[requestsBefore]?.json;
    expect(sent.prompt_cache_key).toBe(partial.thread.id);
    const texts = JSON.stringify(sent.input);
    expect(texts).toContain('first question');
    expect(texts).not.toContain('second question');
    expect(texts).toContain('another follow-up');

    await expect(daemon.request('thread/fork', { threadId: thread.id, lastTurnId: 'no-such-turn' })).rejects.toMatchObject({ code: -32602 });

    daemon = await env.restart();
    const original = await daemon.request('thread/resume', { threadId: thread.id });
    expect(original.thread.turns).toEqual([one, two]);
    const fork = await daemon.request('thread/resume', { threadId: partial.thread.id });
    expect(fork.thread.turns.map((t: any) => t.id)).toEqual([one.id, forkedTurn.id]);
    expect(fork.thread.forkedFromId).toBe(thread.id);
    const listed = await daemon.request('thread/list', {});
    expect(listed.data).toHaveLength(3);
  });
});

describe('thread/revert', () => {
  it('drops a turn and the ones after it, from the client and from the model, durably', async () => {
    await using env = await startRestartable({ settings });
    env.model.enqueue(reply.text('Kept answer.'), reply.text('Dropped answer.'), reply.text('Also dropped.'), reply.text('After the revert.'));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', {});
    const kept = await runTurn(daemon, thread.id, 'keep this');
    const dropped = await runTurn(daemon, thread.id, 'drop this');
    await runTurn(daemon, thread.id, 'and this');
    const inputBeforeDropped = env.model.modelRequests[0]?.json.input as unknown[];

    const reverted = await daemon.request('thread/revert', { threadId: thread.id, beforeTurnId: dropped.id });
    expect(reverted.thread.turns).toEqual([kept]);
    const notification = await daemon.nextNotification('thread/reverted');
    expect(notification.params.threadId).toBe(thread.id);
    await expect(daemon.request('thread/revert', { threadId: thread.id, beforeTurnId: dropped.id })).rejects.toMatchObject({ code: -32602 });

    await runTurn(daemon, thread.id, 'start again');
    const next = env.model.modelRequests.at(-1)?.json.input as any[];
    expect(JSON.stringify(next)).not.toContain('drop this');
    expect(next.slice(0, inputBeforeDropped.length)).toEqual(inputBeforeDropped);

    daemon = await env.restart();
    const resumed = await daemon.request('thread/resume', { threadId: thread.id });
    expect(resumed.thread.turns.map((t: any) => t.id)).toEqual([kept.id, resumed.thread.turns[1].id]);
    expect(resumed.thread.turns[1].items[0].content[0].text).toBe('start again');
  });
});

describe('unloading', () => {
  it('unloads a thread nobody follows after the idle time, with thread/closed; one in use stays', async () => {
    await using env = await spawnDaemonWithModel({ settings, toml: '[limits]\nidle_thread_unload_sec = 0.3\n', script: [reply.text('Hi.')] });
    const { daemon } = env;
    const { thread: followed } = await daemon.request('thread/start', {});
    const { thread: left } = await daemon.request('thread/start', {});
    await runTurn(daemon, left.id, 'hello');
    expect((await daemon.request('thread/loaded/list', {})).data.sort()).toEqual([followed.id, left.id].sort());
    expect(await daemon.request('thread/unsubscribe', { threadId: left.id })).toEqual({ status: 'unsubscribed' });
    const closed = await daemon.nextNotification('thread/closed', { timeoutMs: 5_000 });
    expect(closed.params.threadId).toBe(left.id);
    expect((await daemon.request('thread/loaded/list', {})).data).toEqual([followed.id]);
    expect(await daemon.request('thread/unsubscribe', { threadId: left.id })).toEqual({ status: 'notLoaded' });
    const resumed = await daemon.request('thread/resume', { threadId: left.id });
    expect(resumed.thread.turns).toHaveLength(1);
    expect(resumed.thread.status).toEqual({ type: 'idle' });
  });

  it('pages thread/loaded/list', async () => {
    await using env = await spawnDaemonWithModel({ settings });
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await env.daemon.request('thread/start', { ephemeral: index === 1 })).thread.id);
    ids.sort();
    const first = await env.daemon.request('thread/loaded/list', { limit: 2 });
    expect(first.data).toEqual(ids.slice(0, 2));
    const rest = await env.daemon.request('thread/loaded/list', { limit: 2, cursor: first.nextCursor });
    expect(rest).toEqual({ data: ids.slice(2), nextCursor: null });
  });
});
