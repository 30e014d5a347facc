/**
 * The items of a turn beyond commands and patches: reasoning (summary deltas; encrypted content
 * carried into the next request), plans, questions to the user, steering a running turn, token
 * usage after each response, and image inputs.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => ({ type: 'text', text: value, text_elements: [] });

/** A 1×1 PNG. */
const PNG_DOT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

async function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'agentd-items-'));
}

describe('turn items', () => {
  it('streams reasoning summaries and carries encrypted reasoning into the next request', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', model_reasoning_effort: 'high', model_reasoning_summary: 'auto' },
      script: [
        reply.of([reply.reasoning({ summary: ['Looking at the files.'], encryptedContent: 'opaque-blob-1' }), reply.toolCall('exec_command', { cmd: 'true' })]),
        reply.text('All good.'),
      ],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await workspace() });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: [text('think')] });
    const started = await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'reasoning' });
    const completed = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'reasoning' });
    expect(completed.params.item.id).toBe(started.params.item.id);
    expect(completed.params.item.summary).toEqual(['Looking at the files.']);
    const summaryDeltas = daemon.notifications.filter((n) => n.method === 'item/reasoning/summaryTextDelta').map((n) => n.params.delta);
    expect(summaryDeltas.join('')).toBe('Looking at the files.');
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });

    const first = model.modelRequests[0]?.json;
    expect(first).toMatchObject({ store: false, stream: true, include: ['reasoning.encrypted_content'], prompt_cache_key: thread.id, reasoning: { effort: 'high', summary: 'auto' } });
    const carried = model.modelRequests[1]?.json.input.find((item: { type: string }) => item.type === 'reasoning');
    expect(carried).toMatchObject({ type: 'reasoning', encrypted_content: 'opaque-blob-1', summary: [{ type: 'summary_text', text: 'Looking at the files.' }] });
  });

  it('publishes the plan and asks the user questions', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'on-request' },
      script: [
        reply.toolCall('update_plan', {
          explanation: 'Two steps.',
          plan: [
            { step: 'Read the code', status: 'completed' },
            { step: 'Fix the bug', status: 'in_progress' },
          ],
        }),
        reply.toolCall('request_user_input', { questions: [{ id: 'lang', header: 'Language', question: 'Which language?', options: [{ label: 'Rust', description: '' }, { label: 'Go', description: '' }] }] }),
        reply.text('Going with Go.'),
      ],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await workspace() });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: [text('plan it')] });
    const plan = await daemon.nextNotification('turn/plan/updated');
    expect(plan.params).toMatchObject({
      threadId: thread.id,
      turnId: turn.id,
      explanation: 'Two steps.',
      plan: [
        { step: 'Read the code', status: 'completed' },
        { step: 'Fix the bug', status: 'inProgress' },
      ],
    });
    const planItem = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'plan' });
    expect(planItem.params.item.text).toContain('[x] Read the code');

    const question = await daemon.nextServerRequest('item/tool/requestUserInput');
    expect(question.params.questions[0]).toMatchObject({ id: 'lang', question: 'Which language?' });
    const waiting = daemon.notifications.find((n) => n.method === 'thread/status/changed' && n.params.status.activeFlags?.includes('waitingOnUserInput'));
    expect(waiting).toBeDefined();
    question.respond({ answers: { lang: { answers: ['Go'] } } });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const output = model.modelRequests[2]?.json.input.at(-1);
    expect(output).toMatchObject({ type: 'function_call_output' });
    expect(JSON.parse(output.output)).toEqual({ answers: { lang: { answers: ['Go'] } } });
  });

  it('sends steered input with the next model request of the running turn', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access' },
      // The command waits for a file the test creates once it has steered: no race with the clock.
      script: [reply.toolCall('exec_command', { cmd: 'until [ -f steered ]; do sleep 0.02; done' }), reply.text('Noted the extra request.')],
    });
    const { daemon, model } = env;
    const cwd = await workspace();
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: [text('start')] });
    await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'commandExecution' });
    const steered = await daemon.request('turn/steer', { threadId: thread.id, expectedTurnId: turn.id, input: [text('also update the docs')] });
    expect(steered.turnId).toBe(turn.id);
    await writeFile(join(cwd, 'steered'), '');
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const second = model.modelRequests[1]?.json.input;
    expect(second.at(-1)).toMatchObject({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'also update the docs' }] });
    expect(second.at(-2)).toMatchObject({ type: 'function_call_output' });
    const users = daemon.notifications.filter((n) => n.method === 'item/completed' && n.params.item.type === 'userMessage');
    expect(users.map((n) => n.params.item.content[0].text)).toEqual(['start', 'also update the docs']);
    await expect(daemon.request('turn/steer', { threadId: thread.id, expectedTurnId: turn.id, input: [text('late')] })).rejects.toMatchObject({ code: -32600 });
  });

  it('reports token usage after each model response, last and total', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never' },
      script: [
        reply.toolCall('exec_command', { cmd: 'true' }, { usage: { inputTokens: 100, cachedInputTokens: 40, outputTokens: 10, reasoningOutputTokens: 3, totalTokens: 110 } }),
        reply.text('Done.', { usage: { inputTokens: 130, cachedInputTokens: 100, outputTokens: 5, reasoningOutputTokens: 0, totalTokens: 135 } }),
      ],
    });
    const { daemon } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await workspace() });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: [text('go')] });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const usage = daemon.notifications.filter((n) => n.method === 'thread/tokenUsage/updated').map((n) => n.params.tokenUsage);
    expect(usage).toHaveLength(2);
    expect(usage[0].last).toMatchObject({ inputTokens: 100, cachedInputTokens: 40, outputTokens: 10, reasoningOutputTokens: 3, totalTokens: 110 });
    expect(usage[1].last).toMatchObject({ inputTokens: 130, totalTokens: 135 });
    expect(usage[1].total).toMatchObject({ inputTokens: 230, cachedInputTokens: 140, outputTokens: 15, totalTokens: 245 });
  });

  it('sends image inputs (URL and local file) to the model, and refuses a missing file clearly', async () => {
    await using env = await spawnDaemonWithModel({ settings: { approval_policy: 'never' }, script: [reply.text('A red square.')] });
    const { daemon, model } = env;
    const cwd = await workspace();
    const png = PNG_DOT;
    await writeFile(join(cwd, 'dot.png'), png);
    const { thread } = await daemon.request('thread/start', { cwd });
    await expect(
      daemon.request('turn/start', { threadId: thread.id, input: [{ type: 'localImage', path: join(cwd, 'missing.png') }] }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('missing.png') });
    const { turn } = await daemon.request('turn/start', {
      threadId: thread.id,
      input: [text('what is this?'), { type: 'image', url: 'https://example.com/cat.png' }, { type: 'localImage', path: 'dot.png' }],
    });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const content = model.modelRequests[0]?.json.input.at(-1).content;
    expect(content[0]).toEqual({ type: 'input_text', text: 'what is this?' });
    expect(content[1]).toMatchObject({ type: 'input_image', image_url: 'https://example.com/cat.png' });
    expect(content[2].image_url).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });

  it('sends images given while steering, and refuses a steer whose local image is missing', async () => {
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access' },
      script: [reply.toolCall('exec_command', { cmd: 'until [ -f steered ]; do sleep 0.02; done' }), reply.text('I see the screenshot.')],
    });
    const { daemon, model } = env;
    const cwd = await workspace();
    await writeFile(join(cwd, 'dot.png'), PNG_DOT);
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: [text('start')] });
    await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'commandExecution' });
    const steer = (input: unknown[]) => daemon.request('turn/steer', { threadId: thread.id, expectedTurnId: turn.id, input });
    await expect(steer([text('look'), { type: 'localImage', path: 'missing.png' }])).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('missing.png') });
    await steer([text('see this'), { type: 'localImage', path: 'dot.png' }, { type: 'image', url: 'https://example.com/cat.png' }]);
    await writeFile(join(cwd, 'steered'), '');
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    const steered = model.modelRequests[1]?.json.input.at(-1);
    expect(steered).toMatchObject({ type: 'message', role: 'user' });
    expect(steered.content).toEqual([
      { type: 'input_text', text: 'see this' },
      { type: 'input_image', image_url: `data:image/png;base64,${PNG_DOT.toString('base64')}`, detail: 'auto' },
      { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' },
    ]);
    const users = daemon.notifications.filter((n) => n.method === 'item/completed' && n.params.item.type === 'userMessage');
    expect(users.map((n) => n.params.item.content.length)).toEqual([1, 3]);
  });
});
