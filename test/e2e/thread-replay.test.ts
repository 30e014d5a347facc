/**
 * Missed events: every notification about a thread carries `seq`, which goes on across daemon
 * restarts, and thread/resume with `afterSeq` (experimental) replays every notification after it,
 * in order, before live ones.
 */
import { describe, expect, it } from 'vitest';
import { type Daemon, type Notification, reply, RpcError, spawnDaemonWithModel, startRestartable } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const settings = { approval_policy: 'never', sandbox_mode: 'danger-full-access' } as const;
const experimental = { clientInfo: { name: 'agentd_test', version: '0.0.0' }, capabilities: { experimentalApi: true } };

function aboutThread(daemon: Daemon, threadId: string): Notification[] {
  return daemon.notifications.filter((n) => n.params?.threadId === threadId && typeof n.params.seq === 'number');
}

const wire = (n: Notification) => ({ method: n.method, params: n.params });

describe('seq and afterSeq replay', () => {
  it('numbers every notification of a thread, and goes on after a restart', async () => {
    await using env = await startRestartable({ settings });
    env.model.enqueue(reply.text('One.'), reply.text('Two.'));
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', {});
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('first') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const before = aboutThread(daemon, thread.id).map((n) => n.params.seq);
    expect(before).toEqual(before.map((_, index) => index + 1));
    const threadNotifications = daemon.notifications.filter((n) => n.params?.threadId === thread.id && n.method !== 'thread/started');
    expect(threadNotifications.every((n) => typeof n.params.seq === 'number')).toBe(true);

    daemon = await env.restart();
    await daemon.request('thread/resume', { threadId: thread.id });
    const { turn: second } = await daemon.request('turn/start', { threadId: thread.id, input: text('second') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === second.id });
    const after = aboutThread(daemon, thread.id).map((n) => n.params.seq);
    const last = before.at(-1) as number;
    expect(after).toEqual(after.map((_, index) => last + 1 + index));
  });

  it('replays what a client missed across a restart, in order, before live notifications', async () => {
    await using env = await startRestartable({ settings, initialize: experimental });
    env.model.enqueue(
      reply.toolCall('exec_command', { cmd: 'echo replayed' }),
      reply.text('Done with the command.', { chunks: ['Done ', 'with the ', 'command.'] }),
      reply.text('Live again.'),
    );
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', {});
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('run it') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const sent = aboutThread(daemon, thread.id);
    // The client saw up to the command's start, then lost its connection.
    const cut = sent.findIndex((n) => n.method === 'item/started' && n.params.item.type === 'commandExecution');
    const afterSeq = sent[cut]?.params.seq as number;
    const missed = sent.slice(cut + 1).map(wire);

    daemon = await env.restart();
    await daemon.request('thread/resume', { threadId: thread.id, afterSeq });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const replayed = aboutThread(daemon, thread.id).slice(0, missed.length).map(wire);
    expect(replayed).toEqual(missed);

    const { turn: second } = await daemon.request('turn/start', { threadId: thread.id, input: text('and now') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === second.id });
    const all = aboutThread(daemon, thread.id).map((n) => n.params.seq);
    expect(all).toEqual(all.map((_, index) => afterSeq + 1 + index));
  });

  it('replays on the same daemon what happened while the client was unsubscribed', async () => {
    await using env = await spawnDaemonWithModel({ settings, initialize: experimental });
    const { daemon, model } = env;
    model.enqueue(reply.text('Streamed while nobody listened.', { chunks: 6, chunkDelayMs: 20 }));
    const { thread } = await daemon.request('thread/start', {});
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('go') });
    const started = await daemon.nextNotification('turn/started', { where: (p) => p.turn.id === turn.id });
    expect(await daemon.request('thread/unsubscribe', { threadId: thread.id })).toEqual({ status: 'unsubscribed' });
    expect(await daemon.request('thread/unsubscribe', { threadId: thread.id })).toEqual({ status: 'notSubscribed' });
    const loaded = await daemon.request('thread/loaded/list', {});
    expect(loaded.data).toContain(thread.id);

    // The turn runs on unobserved; resuming replays all of it, then the live rest.
    const mark = daemon.notifications.length;
    await daemon.request('thread/resume', { threadId: thread.id, afterSeq: started.params.seq });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    const since = daemon.notifications.slice(mark).filter((n) => n.params?.threadId === thread.id && typeof n.params.seq === 'number');
    const seqs = since.map((n) => n.params.seq as number);
    expect(seqs).toEqual(seqs.map((_, index) => started.params.seq + 1 + index));
    const streamed = since
      .filter((n) => n.method === 'item/agentMessage/delta')
      .map((n) => n.params.delta)
      .join('');
    expect(streamed).toBe('Streamed while nobody listened.');
  });

  it('refuses afterSeq from a client that did not opt into the experimental API', async () => {
    await using env = await spawnDaemonWithModel({ settings });
    const { thread } = await env.daemon.request('thread/start', {});
    const error = await env.daemon.request('thread/resume', { threadId: thread.id, afterSeq: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(-32602);
    expect((error as RpcError).message).toMatch(/experimental/);
  });
});

