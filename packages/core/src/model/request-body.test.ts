/**
 * The request body is deterministic: equal conversations serialise to equal bytes, whether the
 * history was just streamed, read back from a rollout, or built with keys in another order.
 */
import { describe, expect, it } from 'vitest';
import { builtInTools, ToolRegistry } from '../tools/tool-registry.js';
import type { Tool } from '../tools/tool.js';
import { chatBody } from './chat-messages.js';
import type { ModelRequest } from './model-client.js';
import { functionCallOutput, type ResponseItem, textMessage } from './response-item.js';
import { canonicalItem, responsesBody } from './responses-client.js';

function request(input: readonly ResponseItem[], tools = new ToolRegistry(builtInTools).specs): ModelRequest {
  return {
    model: 'gpt-test',
    instructions: 'BASE',
    input,
    tools,
    parallelToolCalls: true,
    reasoning: { effort: 'medium', summary: 'auto' },
    promptCacheKey: '0199-thread',
    outputSchema: null,
    serviceTier: null,
  };
}

describe('request bodies are byte-stable', () => {
  it('model output items get one key order, without the fields the next request must not carry', () => {
    const fromServer = { status: 'completed', arguments: '{"cmd":"ls"}', name: 'exec_command', id: 'fc_9', call_id: 'call_9', type: 'function_call' };
    expect(JSON.stringify(canonicalItem(fromServer))).toBe('{"type":"function_call","call_id":"call_9","name":"exec_command","arguments":"{\\"cmd\\":\\"ls\\"}"}');
    const message = { content: [{ annotations: [], text: 'hi', type: 'output_text', logprobs: [] }], role: 'assistant', status: 'completed', id: 'msg_1', type: 'message' };
    expect(JSON.stringify(canonicalItem(message))).toBe('{"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi"}]}');
  });

  it('a history read back from a rollout gives the same bytes as the live one', () => {
    const live: ResponseItem[] = [
      textMessage('developer', 'rules'),
      textMessage('user', 'héllo ✓ "quoted" \u2028 \ud83d\ude00'),
      canonicalItem({ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 's' }], encrypted_content: 'enc' }) as ResponseItem,
      canonicalItem({ type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{"n":1.50,"big":1e21}' }) as ResponseItem,
      functionCallOutput('c1', 'Exit code: 0\nWall time: 0.1 seconds'),
    ];
    const reread = live.map((item) => JSON.parse(JSON.stringify({ timestamp: 't', type: 'response_item', payload: item })).payload as ResponseItem);
    expect(JSON.stringify(responsesBody(request(reread)))).toBe(JSON.stringify(responsesBody(request(live))));
    expect(JSON.stringify(chatBody(request(reread)))).toBe(JSON.stringify(chatBody(request(live))));
  });

  it('tools: built-ins in their order, then extra tools by name, their schemas in one key order', () => {
    const extra = (name: string, parameters: Record<string, unknown>): Tool => ({
      spec: { type: 'function', name, description: `${name} tool`, strict: false, parameters },
      run: async () => '',
    });
    const one = new ToolRegistry(builtInTools, [
      extra('mcp__zeta__run', { type: 'object', properties: { b: { type: 'number', maximum: 10 }, a: { type: 'string' } }, required: ['b', 'a'] }),
      extra('mcp__alpha__get', { properties: {}, type: 'object' }),
    ]);
    const other = new ToolRegistry(builtInTools, [
      extra('mcp__alpha__get', { type: 'object', properties: {} }),
      extra('mcp__zeta__run', { required: ['b', 'a'], properties: { a: { type: 'string' }, b: { maximum: 10, type: 'number' } }, type: 'object' }),
    ]);
    expect(JSON.stringify(one.specs)).toBe(JSON.stringify(other.specs));
    expect(one.specs.map((spec) => spec.name)).toEqual([...builtInTools.map((tool) => tool.spec.name), 'mcp__alpha__get', 'mcp__zeta__run']);
    expect(one.specs.slice(0, builtInTools.length)).toEqual(builtInTools.map((tool) => tool.spec));
  });

  it('a longer history gives a body whose input is the shorter one plus items at the end', () => {
    const first = [textMessage('developer', 'rules'), textMessage('user', 'one')];
    const second = [...first, textMessage('assistant', 'two'), textMessage('user', 'three')];
    const a = JSON.stringify(responsesBody(request(first)).input);
    const b = JSON.stringify(responsesBody(request(second)).input);
    expect(b.startsWith(a.slice(0, -1))).toBe(true);
  });
});
