/** Two threads run turns at the same time in one daemon; their events never mix. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

describe('concurrent threads', () => {
  it('streams two turns at once without mixing their events', async () => {
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never' }, script: [] });
    const { daemon, model } = env;
    // Each request is answered with text that names the prompt it came from, slowly, so the streams overlap.
    model.setDefault((body: { input: Array<{ role?: string; content?: Array<{ text?: string }> }> }) => {
      const prompt = body.input.at(-1)?.content?.[0]?.text ?? '';
      return reply.text(`${prompt} ${prompt} ${prompt} ${prompt} ${prompt}`, { chunkDelayMs: 20 });
    });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-conc-'));
    const a = (await daemon.request('thread/start', { cwd })).thread.id;
    const b = (await daemon.request('thread/start', { cwd })).thread.id;
    const [turnA, turnB] = await Promise.all([
      daemon.request('turn/start', { threadId: a, input: text('alpha') }),
      daemon.request('turn/start', { threadId: b, input: text('bravo') }),
    ]);
    await Promise.all([
      daemon.nextNotification('turn/completed', { where: (p) => p.threadId === a }),
      daemon.nextNotification('turn/completed', { where: (p) => p.threadId === b }),
    ]);
    const deltas = daemon.notifications.filter((n) => n.method === 'item/agentMessage/delta');
    const byThread = (id: string) => deltas.filter((n) => n.params.threadId === id);
    expect(byThread(a).every((n) => n.params.turnId === turnA.turn.id && n.params.delta.includes('alpha'))).toBe(true);
    expect(byThread(b).every((n) => n.params.turnId === turnB.turn.id && n.params.delta.includes('bravo'))).toBe(true);
    // The streams really overlapped: some delta of one thread arrived between two of the other's.
    const order = deltas.map((n) => n.params.threadId);
    const firstB = order.indexOf(b);
    expect(firstB).toBeGreaterThan(-1);
    expect(order.lastIndexOf(a)).toBeGreaterThan(firstB);
    // Sequence numbers are per thread and increase without gaps.
    for (const id of [a, b]) {
      const seqs = daemon.notifications.filter((n) => n.params?.threadId === id && typeof n.params.seq === 'number').map((n) => n.params.seq);
      expect(seqs).toEqual(seqs.map((_, index) => (seqs[0] as number) + index));
    }
  });
});
