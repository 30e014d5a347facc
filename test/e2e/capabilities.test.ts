/**
 * Capabilities, not version checks: the experimental surface is refused, by name, to a client that
 * did not opt in, and a client that opted out of a notification never receives it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_INFO, reply, RpcError, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function refusal(promise: Promise<unknown>): Promise<RpcError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
}

describe('experimentalApi', () => {
  it('an experimental field from a client that did not opt in gets -32602 naming the field and the capability', async () => {
    await using env = await spawnDaemonWithModel({
      initialize: { clientInfo: DEFAULT_CLIENT_INFO, capabilities: { experimentalApi: false } },
    });
    const { daemon } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-ws-')) });

    const error = await refusal(daemon.request('thread/resume', { threadId: thread.id, afterSeq: 0 }));
    expect(error).toMatchObject({
      code: -32602,
      message: 'thread/resume: the field `afterSeq` is experimental; send capabilities.experimentalApi = true at initialize to use it',
      data: { method: 'thread/resume', field: 'afterSeq', capability: 'experimentalApi' },
    });

    // A wrong value in the experimental field still names the capability first.
    const wrongValue = await refusal(daemon.request('thread/resume', { threadId: thread.id, afterSeq: 'soon' }));
    expect(wrongValue?.data).toMatchObject({ field: 'afterSeq', capability: 'experimentalApi' });

    // Without the field the same request is not refused for experimental reasons, and the daemon
    // keeps serving.
    const plain = await refusal(daemon.request('thread/resume', { threadId: thread.id }));
    expect(plain?.message ?? '').not.toContain('experimental');
    const again = await daemon.request('thread/start', {});
    expect(again.thread.id).toEqual(expect.any(String));
  });

  it('a client that opted in passes the gate', async () => {
    await using env = await spawnDaemonWithModel({
      initialize: { clientInfo: DEFAULT_CLIENT_INFO, capabilities: { experimentalApi: true } },
    });
    const { daemon } = env;
    const { thread } = await daemon.request('thread/start', {});
    const error = await refusal(daemon.request('thread/resume', { threadId: thread.id, afterSeq: 0 }));
    // Whatever thread/resume answers (it is built in parallel), it is not the capability refusal.
    expect(error?.data).not.toMatchObject({ capability: 'experimentalApi' });
    expect(error?.message ?? '').not.toContain('experimentalApi');
  });
});

describe('optOutNotificationMethods', () => {
  it('a client that opted out of the message deltas gets the whole message, and no delta', async () => {
    await using env = await spawnDaemonWithModel({
      initialize: {
        clientInfo: DEFAULT_CLIENT_INFO,
        capabilities: { experimentalApi: false, optOutNotificationMethods: ['item/agentMessage/delta'] },
      },
      script: [reply.text('All done here.', { chunks: ['All ', 'done ', 'here.'] })],
    });
    const { daemon } = env;
    const { thread } = await daemon.request('thread/start', {});
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('hello') });
    const message = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'agentMessage' });
    expect(message.params.item.text).toBe('All done here.');
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(daemon.notifications.filter((n) => n.method === 'item/agentMessage/delta')).toEqual([]);
    expect(daemon.notifications.some((n) => n.method === 'item/started')).toBe(true);
  });
});
