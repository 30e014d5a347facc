/**
 * A client that stops reading stdout: the daemon does not buffer without bound. Streaming waits
 * for the client (the model's stream waits in the socket, not in the daemon's memory: the scale
 * benchmark measures that), new requests are refused with
 * -32001 "overloaded", and turn/interrupt — which sheds load — is still taken. Once the client
 * reads again, nothing it was sent is lost and the daemon goes on serving.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, RpcError, spawnDaemonWithModel, waitUntil } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const OVERLOADED = -32001;
const WAITING = 'the client is not reading fast enough: streaming waits for it';
const CAUGHT_UP = 'the client caught up: streaming goes on';

describe('backpressure on stdout', () => {
  it('a client that stops reading: the model stream waits, new requests are refused, turn/interrupt is taken', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access' },
      toml: '[limits]\nstdout_backlog_bytes = 65536',
      // Every time the stream starts waiting is logged at debug level (info: once a minute).
      env: { AGENTD_LOG: 'debug' },
      timeoutMs: 30_000,
    });
    const { daemon, model } = env;
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-backpressure-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    // Far more than the backlog limit and the pipe hold: while the client does not read, the turn
    // cannot end on its own.
    const deltas = 20_000;
    const piece = `${'x'.repeat(249)} `;
    model.enqueue(reply.text(piece.repeat(deltas), { chunks: deltas }));

    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('stream a lot') });
    await daemon.nextNotification('item/agentMessage/delta', { where: (p) => p.turnId === turn.id });

    // The client stops reading: the daemon says the stream now waits for it. (A busy test process
    // may have lagged already, so the daemon may have said it before the pause, and not since.)
    daemon.pauseStdout();
    const waiting = () => daemon.stderr.lastIndexOf(WAITING) > daemon.stderr.lastIndexOf(CAUGHT_UP);
    await waitUntil(waiting, 20_000, 'the daemon to say the stream waits for the client');
    // Requests asked meanwhile are answered until their answers fill the backlog too, then refused
    // (300 model lists are about 750 KB of answers: more than the limit and the pipe together).
    const asked = Array.from({ length: 300 }, () =>
      daemon.request('model/list', {}).then(
        () => 'answered',
        (error: unknown) => (error instanceof RpcError && error.code === OVERLOADED ? 'overloaded' : error),
      ),
    );
    // An interrupt sheds load: it is taken even now.
    const interrupted = daemon.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    daemon.resumeStdout();

    await interrupted;
    const completed = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(completed.params.turn.status).toBe('interrupted');

    const outcomes = await Promise.all(asked);
    expect(outcomes.at(-1)).toBe('overloaded');
    expect(outcomes.every((outcome) => outcome === 'answered' || outcome === 'overloaded')).toBe(true);

    // Nothing the client was sent is lost: the message it saw completed is every delta, in order.
    const received = daemon.notifications
      .filter((n) => n.method === 'item/agentMessage/delta' && n.params.turnId === turn.id)
      .map((n) => n.params.delta as string)
      .join('');
    const message = await daemon.nextNotification('item/completed', { where: (p) => p.turnId === turn.id && p.item.type === 'agentMessage' });
    expect(message.params.item.text).toBe(received);
    expect(received.length).toBeGreaterThan(0);

    // And the daemon goes on serving.
    await expect(daemon.request('model/list', {})).resolves.toMatchObject({ data: expect.any(Array) });
  }, 60_000);
});
