/**
 * thread/turns/list: a long thread's turns page by page (newest first by default), how a client
 * that resumes with `excludeTurns` loads them. Cursors name turns, so a page stays put while the
 * thread grows; the backwards cursor pages the other way, its anchor turn included again.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, type Daemon, startRestartable } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function runTurn(daemon: Daemon, threadId: string, prompt: string): Promise<any> {
  const { turn } = await daemon.request('turn/start', { threadId, input: text(prompt) });
  return (await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id })).params.turn;
}

const ids = (page: { data: { id: string }[] }) => page.data.map((turn) => turn.id);

describe('thread/turns/list', () => {
  it('pages through the turns both ways, with the items asked for, loaded or not', async () => {
    await using env = await startRestartable({ settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access' } });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', { cwd });
    const live = [];
    for (let index = 1; index <= 5; index++) {
      env.model.enqueue(reply.text(`answer ${index}`));
      live.push(await runTurn(daemon, thread.id, `question ${index}`));
    }
    const [t1, t2, t3, t4, t5] = live.map((turn) => turn.id as string);

    // Newest first, two at a time, each turn summarised by its answer.
    const first = await daemon.request('thread/turns/list', { threadId: thread.id, limit: 2 });
    expect(ids(first)).toEqual([t5, t4]);
    expect(first.data[0]).toMatchObject({ itemsView: 'summary', status: 'completed', items: [{ type: 'agentMessage', text: 'answer 5' }] });
    const second = await daemon.request('thread/turns/list', { threadId: thread.id, limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual([t3, t2]);
    const third = await daemon.request('thread/turns/list', { threadId: thread.id, limit: 2, cursor: second.nextCursor });
    expect(ids(third)).toEqual([t1]);
    expect(third.nextCursor).toBeNull();

    // Back up from the second page, its first turn included again.
    const back = await daemon.request('thread/turns/list', { threadId: thread.id, limit: 3, sortDirection: 'asc', cursor: second.backwardsCursor });
    expect(ids(back)).toEqual([t3, t4, t5]);
    expect(back.nextCursor).toBeNull();

    // A new turn does not move the pages already handed out.
    env.model.enqueue(reply.text('answer 6'));
    await runTurn(daemon, thread.id, 'question 6');
    expect(ids(await daemon.request('thread/turns/list', { threadId: thread.id, limit: 2, cursor: first.nextCursor }))).toEqual([t3, t2]);

    // After a restart, from the rollout, without loading the thread: full items as streamed live.
    daemon = await env.restart();
    const full = await daemon.request('thread/turns/list', { threadId: thread.id, sortDirection: 'asc', itemsView: 'full', limit: 5 });
    expect(full.data.map((turn: any) => ({ ...turn, itemsView: undefined }))).toEqual(live.map((turn) => ({ ...turn, itemsView: undefined })));
    expect(full.data.every((turn: any) => turn.itemsView === 'full')).toBe(true);
    const bare = await daemon.request('thread/turns/list', { threadId: thread.id, itemsView: 'notLoaded' });
    expect(bare.data).toHaveLength(6);
    expect(bare.data.every((turn: any) => turn.items.length === 0 && turn.itemsView === 'notLoaded')).toBe(true);
    expect((await daemon.request('thread/loaded/list', {})).data).toEqual([]);

    const resumed = await daemon.request('thread/resume', { threadId: thread.id, excludeTurns: true });
    expect(resumed.thread.turns).toEqual([]);
    expect(ids(await daemon.request('thread/turns/list', { threadId: thread.id, limit: 1 }))).toHaveLength(1);

    await expect(daemon.request('thread/turns/list', { threadId: thread.id, cursor: 'bogus' })).rejects.toMatchObject({ code: -32602 });
    await expect(daemon.request('thread/turns/list', { threadId: thread.id, cursor: 'after:no-such-turn' })).rejects.toMatchObject({ code: -32602 });
  });
});
