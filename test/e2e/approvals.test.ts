/**
 * A turn where the model runs a command that needs approval: accept runs it and its output
 * reaches the model; decline never runs it and tells the model; cancel interrupts the turn.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'agentd-ws-'));
}

describe('command approvals', () => {
  it('accept: the command runs, its output reaches the model, the answer streams', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'untrusted', sandbox_mode: 'workspace-write' },
      script: [
        reply.toolCall('exec_command', { cmd: 'echo hello-from-command > made.txt && cat made.txt' }),
        reply.text('Done. I created made.txt.', { chunks: ['Done. ', 'I created ', 'made.txt.'] }),
      ],
    });
    const { daemon, model } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('make a file') });
    expect(turn.status).toBe('inProgress');

    const approval = await daemon.nextServerRequest('item/commandExecution/requestApproval');
    expect(approval.params).toMatchObject({ threadId: thread.id, turnId: turn.id, command: 'echo hello-from-command > made.txt && cat made.txt', cwd });
    const waiting = await daemon.nextNotification('thread/status/changed', { where: (p) => p.status.activeFlags?.includes('waitingOnApproval') });
    expect(waiting.params.threadId).toBe(thread.id);
    approval.respond({ decision: 'accept' });

    const resolved = await daemon.nextNotification('serverRequest/resolved');
    expect(resolved.params).toEqual(expect.objectContaining({ threadId: thread.id, requestId: approval.id }));
    const command = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'commandExecution' });
    expect(command.params.item).toMatchObject({ status: 'completed', exitCode: 0, aggregatedOutput: 'hello-from-command\n' });

    const deltas: string[] = [];
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    for (const n of daemon.notifications) if (n.method === 'item/agentMessage/delta') deltas.push(n.params.delta);
    expect(deltas).toEqual(['Done. ', 'I created ', 'made.txt.']);
    expect(done.params.turn.status).toBe('completed');
    const message = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'agentMessage' });
    expect(message.params.item.text).toBe('Done. I created made.txt.');

    expect(existsSync(join(cwd, 'made.txt'))).toBe(true);
    const second = model.modelRequests[1]?.json;
    expect(second.input.at(-1)).toMatchObject({ type: 'function_call_output', call_id: 'call_1' });
    expect(JSON.stringify(second.input.at(-1).output)).toContain('hello-from-command');
  });

  it('decline: the command never runs and the model is told', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'untrusted' },
      script: [reply.toolCall('exec_command', { cmd: 'touch should-not-exist' }), reply.text('Understood.')],
    });
    const { daemon, model } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('try it') });
    (await daemon.nextServerRequest('item/commandExecution/requestApproval')).respond({ decision: 'decline' });
    const command = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'commandExecution' });
    expect(command.params.item).toMatchObject({ status: 'declined', exitCode: null });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    expect(existsSync(join(cwd, 'should-not-exist'))).toBe(false);
    const output = model.modelRequests[1]?.json.input.at(-1);
    expect(output).toMatchObject({ type: 'function_call_output', call_id: 'call_1' });
    expect(String(output.output)).toMatch(/declined/);
  });

  it('cancel: the turn ends interrupted and the command never runs', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'untrusted' },
      script: [reply.toolCall('exec_command', { cmd: 'touch should-not-exist' })],
    });
    const { daemon, model } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('try it') });
    (await daemon.nextServerRequest('item/commandExecution/requestApproval')).respond({ decision: 'cancel' });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('interrupted');
    expect(existsSync(join(cwd, 'should-not-exist'))).toBe(false);
    expect(model.modelRequests).toHaveLength(1);
  });
});
