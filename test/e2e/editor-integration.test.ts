/**
 * What editor integrations (Zed's Codex adapter among them) do during and after a prompt, on the
 * real daemon: a title turn on an ephemeral thread with structured output, naming the thread,
 * approvals with the buttons and reasons an editor shows, `auto_review` still asking the user, and
 * an interrupt that stops a running command and ends the turn.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMatching, reply, spawnDaemonWithModel, waitUntil } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'agentd-ws-'));
}

/** The JSON schema Zed's adapter asks a title in. */
const TITLE_SCHEMA = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'], additionalProperties: false };

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true })).map(String);
}

describe('a title turn', () => {
  it('runs on an ephemeral thread with the output schema sent as a JSON-schema text format; the title names the thread', async () => {
    await using env = await spawnDaemonWithModel({
      script: [reply.text('Sure, here it is.'), reply.text('{"title":"Write a file"}')],
    });
    const { daemon, model, home } = env;
    const cwd = await workspace();
    const { thread: main } = await daemon.request('thread/start', { cwd });
    const { turn: first } = await daemon.request('turn/start', { threadId: main.id, input: text('write a file') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === first.id });

    const { thread: scratch } = await daemon.request('thread/start', { cwd, ephemeral: true });
    expect(scratch).toMatchObject({ ephemeral: true, path: null });
    const { turn } = await daemon.request('turn/start', {
      threadId: scratch.id,
      input: text('Generate a title for: write a file'),
      outputSchema: TITLE_SCHEMA,
      model: 'gpt-title',
    });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    const answer = done.params.turn.items.find((item: any) => item.type === 'agentMessage');
    expect(JSON.parse(answer.text)).toEqual({ title: 'Write a file' });

    const request = model.modelRequests[1]?.json;
    expect(request.model).toBe('gpt-title');
    expect(request.text).toEqual({ format: { type: 'json_schema', name: 'output', strict: true, schema: TITLE_SCHEMA } });
    expect(model.modelRequests[0]?.json.text).toBeUndefined();

    await daemon.request('thread/name/set', { threadId: main.id, name: 'Write a file' });
    const renamed = await daemon.nextNotification('thread/name/updated');
    expect(renamed.params).toMatchObject({ threadId: main.id, threadName: 'Write a file' });

    // Only the main thread was written to disk.
    const rollouts = (await filesUnder(join(home, 'sessions'))).filter((file) => file.endsWith('.jsonl'));
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0]).toContain(main.id);
  });
});

describe('turn/start with the settings an editor sends on every prompt', () => {
  it('reach the model request and the thread: model, effort, summary, service tier, policies', async () => {
    await using env = await spawnDaemonWithModel({ script: [reply.text('ok'), reply.text('ok again')] });
    const { daemon, model } = env;
    const cwd = await workspace();
    // Zed's adapter sends these with every thread/start; agentd has nothing to do with them.
    const { thread } = await daemon.request('thread/start', {
      cwd,
      config: { features: { cwd_relative_turn_diffs: false }, projects: { [cwd]: { trust_level: 'trusted' } } },
    });
    const stderr = await daemon.waitForStderr('ignored thread config overrides agentd does not use');
    expect(stderr).toContain('"keys":["features","projects"]');
    const { turn } = await daemon.request('turn/start', {
      threadId: thread.id,
      input: text('hi'),
      approvalPolicy: 'on-request',
      approvalsReviewer: 'auto_review',
      sandboxPolicy: { type: 'readOnly', networkAccess: false },
      summary: 'auto',
      effort: 'high',
      model: 'gpt-other',
      serviceTier: 'flex',
    });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const first = model.modelRequests[0]?.json;
    expect(first).toMatchObject({ model: 'gpt-other', reasoning: { effort: 'high', summary: 'auto' }, service_tier: 'flex' });
    const developer = JSON.stringify(first.input.filter((item: any) => item.role === 'developer'));
    expect(developer).toContain('Sandbox: read-only.');
    expect(developer).toContain('Approval policy: on-request.');

    // The settings stay for the next turn, which does not repeat them.
    const { turn: next } = await daemon.request('turn/start', { threadId: thread.id, input: text('again') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === next.id });
    expect(model.modelRequests[1]?.json).toMatchObject({ model: 'gpt-other', reasoning: { effort: 'high', summary: 'auto' }, service_tier: 'flex' });
  });
});

describe('command approvals an editor shows', () => {
  it('carry the decisions to offer and, for an escalation, the model’s justification', async () => {
    await using env = await spawnDaemonWithModel({
      script: [
        reply.toolCall('exec_command', { cmd: 'echo outside > out.txt', sandbox_permissions: 'require_escalated', justification: 'Write out.txt as asked.' }),
        reply.text('Done.'),
      ],
    });
    const { daemon } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd });
    await daemon.request('turn/start', { threadId: thread.id, input: text('write out.txt'), approvalPolicy: 'on-request' });
    const approval = await daemon.nextServerRequest('item/commandExecution/requestApproval');
    expect(approval.params).toMatchObject({
      command: 'echo outside > out.txt',
      reason: 'Write out.txt as asked.',
      availableDecisions: ['accept', 'acceptForSession', 'decline', 'cancel'],
    });
    approval.respond({ decision: 'accept' });
    await daemon.nextNotification('turn/completed');
    expect(existsSync(join(cwd, 'out.txt'))).toBe(true);
  });

  it('auto_review asks the user too (agentd has no automatic reviewer): never a silent approval', async () => {
    await using env = await spawnDaemonWithModel({
      script: [
        reply.toolCall('exec_command', { cmd: 'touch asked-first.txt' }),
        reply.toolCall('apply_patch', { input: '*** Begin Patch\n*** Add File: patched.txt\n+hello\n*** End Patch\n' }),
        reply.text('Nothing done.'),
      ],
    });
    const { daemon } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd, approvalsReviewer: 'auto_review' });
    await daemon.request('turn/start', { threadId: thread.id, input: text('go'), approvalPolicy: 'untrusted', approvalsReviewer: 'auto_review' });
    const command = await daemon.nextServerRequest('item/commandExecution/requestApproval');
    command.respond({ decision: 'decline' });
    const patch = await daemon.nextServerRequest('item/fileChange/requestApproval');
    patch.respond({ decision: 'decline' });
    const done = await daemon.nextNotification('turn/completed');
    expect(done.params.turn.status).toBe('completed');
    expect(existsSync(join(cwd, 'asked-first.txt'))).toBe(false);
    expect(existsSync(join(cwd, 'patched.txt'))).toBe(false);
  });
});

describe('turn/interrupt', () => {
  it('stops a running command and ends the turn interrupted, without asking the model again', async () => {
    const marker = `sleep 31.${process.pid}`;
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never' },
      script: [reply.toolCall('exec_command', { cmd: marker }), reply.text('should never be asked for')],
    });
    const { daemon, model } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('wait a while') });
    await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'commandExecution' });
    await waitUntil(() => processesMatching(marker).length > 0, 10_000, `a process running ${marker}`);

    expect(await daemon.request('turn/interrupt', { threadId: thread.id, turnId: turn.id })).toEqual({});
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('interrupted');
    expect(processesMatching(marker)).toEqual([]);
    expect(model.modelRequests).toHaveLength(1);
  });
});
