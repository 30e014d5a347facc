import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { ChatAssembly } from './chat-completions-client.js';
import type { ModelEvent } from './model-client.js';
import { ModelError } from './model-error.js';

function chunk(delta: Record<string, unknown>, finish: string | null = null): ChatCompletionChunk {
  return { id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] } as ChatCompletionChunk;
}

function run(chunks: ChatCompletionChunk[]): ModelEvent[] {
  const assembly = new ChatAssembly();
  const events: ModelEvent[] = [];
  for (const c of chunks) events.push(...assembly.add(c));
  events.push(...assembly.finish());
  return events;
}

describe('a streamed chat completion as model events', () => {
  it('streams reasoning and text, assembles tool calls from fragments, reports usage', () => {
    const events = run([
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'Think' }),
      chunk({ reasoning_content: 'ing.' }),
      chunk({ content: 'Let me ' }),
      chunk({ content: 'look.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'exec_command', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"cmd":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'update_plan', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"ls"}' } }] }),
      chunk({}, 'tool_calls'),
      { id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 64 } } } as ChatCompletionChunk,
    ]);
    const reasoningId = (events.find((e) => e.type === 'reasoningStarted') as { itemId: string }).itemId;
    const messageId = (events.find((e) => e.type === 'messageStarted') as { itemId: string }).itemId;
    expect(events).toEqual([
      { type: 'reasoningStarted', itemId: reasoningId },
      { type: 'reasoningTextDelta', itemId: reasoningId, contentIndex: 0, delta: 'Think' },
      { type: 'reasoningTextDelta', itemId: reasoningId, contentIndex: 0, delta: 'ing.' },
      { type: 'messageStarted', itemId: messageId },
      { type: 'textDelta', itemId: messageId, delta: 'Let me ' },
      { type: 'textDelta', itemId: messageId, delta: 'look.' },
      { type: 'itemDone', itemId: reasoningId, item: { type: 'reasoning', id: reasoningId, summary: [], encrypted_content: null }, reasoningText: ['Thinking.'] },
      { type: 'itemDone', itemId: messageId, item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] } },
      { type: 'itemDone', itemId: 'call_a', item: { type: 'function_call', call_id: 'call_a', name: 'exec_command', arguments: '{"cmd":"ls"}' } },
      { type: 'itemDone', itemId: 'call_b', item: { type: 'function_call', call_id: 'call_b', name: 'update_plan', arguments: '{}' } },
      { type: 'completed', responseId: 'chatcmpl_1', usage: { inputTokens: 100, cachedInputTokens: 64, outputTokens: 20, reasoningOutputTokens: 0, totalTokens: 120 } },
    ]);
  });

  it('completes without usage when the server reports none, and names calls that came without an id', () => {
    const events = run([chunk({ tool_calls: [{ index: 0, function: { name: 'exec_command', arguments: '{}' } }] }), chunk({}, 'tool_calls')]);
    const done = events.find((e) => e.type === 'itemDone');
    expect(done).toMatchObject({ item: { type: 'function_call', name: 'exec_command', call_id: expect.stringMatching(/^call_/) } });
    expect(events.at(-1)).toEqual({ type: 'completed', responseId: 'chatcmpl_1', usage: null });
  });

  it('a stream that stops before its finish reason is a retryable disconnect', () => {
    let failure: unknown;
    try {
      run([chunk({ content: 'half' })]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure).toMatchObject({ kind: 'responseStreamDisconnected', retryable: true });
  });
});
