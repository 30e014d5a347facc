/**
 * A provider with `wire_api = "chat"` (Ollama, vLLM, llama.cpp, LM Studio): a full approval turn
 * against the scripted server speaking Chat Completions — the history goes out as messages with
 * `tool_calls` and `tool` results, the answer streams back, usage is reported, and each request's
 * messages extend the previous ones.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPrefixProperty, reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

describe('Chat Completions providers', () => {
  it('runs a full approval turn', async () => {
    await using env = await spawnDaemonWithModel({
      wireApi: 'chat',
      settings: { approval_policy: 'untrusted', sandbox_mode: 'workspace-write' },
      script: [
        reply.toolCall('exec_command', { cmd: 'echo made-over-chat > chat.txt && cat chat.txt' }, { usage: { inputTokens: 1200, outputTokens: 30 } }),
        reply.text('Created chat.txt.', { chunks: ['Created ', 'chat.txt.'], usage: { inputTokens: 1300, cachedInputTokens: 1200, outputTokens: 5 } }),
      ],
    });
    const { daemon, model } = env;
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-chat-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('make chat.txt') });

    const approval = await daemon.nextServerRequest('item/commandExecution/requestApproval');
    expect(approval.params).toMatchObject({ threadId: thread.id, turnId: turn.id, command: 'echo made-over-chat > chat.txt && cat chat.txt', cwd });
    approval.respond({ decision: 'accept' });
    const command = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'commandExecution' });
    expect(command.params.item).toMatchObject({ status: 'completed', exitCode: 0, aggregatedOutput: 'made-over-chat\n' });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    const deltas = daemon.notifications.filter((n) => n.method === 'item/agentMessage/delta').map((n) => n.params.delta);
    expect(deltas).toEqual(['Created ', 'chat.txt.']);
    expect((await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'agentMessage' })).params.item.text).toBe('Created chat.txt.');
    expect(await readFile(join(cwd, 'chat.txt'), 'utf8')).toBe('made-over-chat\n');

    const usage = await daemon.nextNotification('thread/tokenUsage/updated', { where: (p) => p.tokenUsage.last.inputTokens === 1300 });
    expect(usage.params.tokenUsage.last).toMatchObject({ inputTokens: 1300, cachedInputTokens: 1200, outputTokens: 5 });
    expect(usage.params.tokenUsage.total).toMatchObject({ inputTokens: 2500, outputTokens: 35 });

    expect(model.modelRequests.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    const first = model.modelRequests[0]?.json;
    expect(first).toMatchObject({ model: 'gpt-test', stream: true, stream_options: { include_usage: true }, tool_choice: 'auto', prompt_cache_key: thread.id });
    expect(first.tools[0]).toMatchObject({ type: 'function', function: { name: 'exec_command', parameters: expect.any(Object) } });
    expect(first.messages.map((message: any) => message.role)).toEqual(['system', 'user', 'user']);
    expect(first.messages[0].content).toMatch(/^You are a coding agent working inside agentd/);
    expect(first.messages[0].content).toContain('<permissions>');
    expect(first.messages[2]).toEqual({ role: 'user', content: 'make chat.txt' });

    const second = model.modelRequests[1]?.json;
    const [call, result] = second.messages.slice(-2);
    expect(call).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'exec_command', arguments: JSON.stringify({ cmd: 'echo made-over-chat > chat.txt && cat chat.txt' }) } }],
    });
    expect(result).toMatchObject({ role: 'tool', tool_call_id: 'call_1', content: expect.stringContaining('made-over-chat') });
    expect(checkPrefixProperty(model.modelRequests, thread.id).stability).toBe(1);
  });
});
