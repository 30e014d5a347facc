/**
 * turn/interrupt while a command runs: the turn ends `interrupted` within a second and no process
 * of the command survives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

/** Live (not zombie) processes whose command line contains `needle`. */
function processesMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (cmdline.includes(needle) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

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

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
