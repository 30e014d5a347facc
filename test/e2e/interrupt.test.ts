/**
 * turn/interrupt while a command runs: the turn ends `interrupted` within a second and no process
 * of the command survives.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMatching, reply, spawnDaemonWithModel, waitUntil } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

describe('turn/interrupt', () => {
  it('stops a running `sleep 30` and its whole process group', async () => {
    // A distinctive duration marks our processes; a background child checks the whole group dies.
    const marker = `sleep 30.${process.pid}${Date.now() % 100000}`;
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access' },
      script: [reply.toolCall('exec_command', { cmd: `${marker} & ${marker}; wait` })],
    });
    const { daemon } = env;
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-int-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('sleep') });
    await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'commandExecution' });
    await waitUntil(() => processesMatching(marker).length >= 2);

    const askedAt = Date.now();
    await daemon.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const tookMs = Date.now() - askedAt;
    expect(done.params.turn.status).toBe('interrupted');
    expect(tookMs).toBeLessThan(1000);
    expect(processesMatching(marker)).toEqual([]);
    const command = daemon.notifications.find((n) => n.method === 'item/completed' && n.params.item.type === 'commandExecution');
    expect(command?.params.item.status).toBe('failed');
  });

  it('answers an error for a turn that is not running', async () => {
    await using env = await spawnDaemonWithModel({ script: [] });
    const { daemon } = env;
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-int-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    await expect(daemon.request('turn/interrupt', { threadId: thread.id, turnId: 'no-such-turn' })).rejects.toMatchObject({ code: -32600 });
  });
});
