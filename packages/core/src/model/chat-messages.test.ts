import { describe, expect, it } from 'vitest';
import { chatBody, chatMessages } from './chat-messages.js';
import type { ModelRequest } from './model-client.js';
import { functionCallOutput, type ResponseItem, textMessage } from './response-item.js';

const call = (id: string, name = 'exec_command', args = '{"cmd":"ls"}'): ResponseItem => ({ type: 'function_call', call_id: id, name, arguments: args });

const history: ResponseItem[] = [
  textMessage('developer', '<permissions>rules</permissions>'),
  textMessage('user', '<environment_context>cwd</environment_context>'),
  textMessage('user', 'list the files'),
  { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: null },
  textMessage('assistant', 'Looking.'),
  call('call_1'),
  call('call_2', 'view_image', '{"path":"a.png"}'),
  functionCallOutput('call_1', 'a.png\nb.txt'),
  functionCallOutput('call_2', [{ type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' }]),
  textMessage('assistant', 'Two files.'),
  textMessage('developer', '<settings_update>model</settings_update>'),
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and this?' }, { type: 'input_image', image_url: 'https://x/y.png', detail: 'low' }] },
  call('call_3'),
  functionCallOutput('call_3', 'done'),
];

describe('history as chat messages', () => {
  it('maps every item, calls onto the assistant message before them', () => {
    expect(chatMessages('BASE', history)).toEqual([
      { role: 'system', content: 'BASE\n\n<permissions>rules</permissions>' },
      { role: 'user', content: '<environment_context>cwd</environment_context>' },
      { role: 'user', content: 'list the files' },
      {
        role: 'assistant',
        content: 'Looking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls"}' } },
          { id: 'call_2', type: 'function', function: { name: 'view_image', arguments: '{"path":"a.png"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'a.png\nb.txt' },
      { role: 'tool', tool_call_id: 'call_2', content: '(the image follows)' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Images returned by the tool calls above:' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'auto' } },
        ],
      },
      { role: 'assistant', content: 'Two files.' },
      { role: 'system', content: '<settings_update>model</settings_update>' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'and this?' },
          { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
        ],
      },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_3', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls"}' } }] },
      { role: 'tool', tool_call_id: 'call_3', content: 'done' },
    ]);
  });

  it('keeps the prefix property: each request is the one before plus messages at the end', () => {
    // Requests are sent after whole responses and whole batches of tool outputs.
    const cuts = [3, 9, 10, 12, 14];
    let previous: string | undefined;
    for (const cut of cuts) {
      const serialized = JSON.stringify(chatMessages('BASE', history.slice(0, cut)));
      if (previous) expect(serialized.startsWith(previous.slice(0, -1))).toBe(true);
      previous = serialized;
    }
  });

  it('builds the body with a fixed key order and usage requested', () => {
    const request: ModelRequest = {
      model: 'qwen',
      instructions: 'BASE',
      input: [textMessage('user', 'hi')],
      tools: [{ type: 'function', name: 'exec_command', description: 'Runs.', strict: false, parameters: { type: 'object' } }],
      parallelToolCalls: true,
      reasoning: { effort: 'high', summary: null },
      promptCacheKey: 'thread-1',
      outputSchema: null,
      serviceTier: null,
    };
    expect(JSON.stringify(chatBody(request))).toBe(
      JSON.stringify({
        model: 'qwen',
        messages: [
          { role: 'system', content: 'BASE' },
          { role: 'user', content: 'hi' },
        ],
        tools: [{ type: 'function', function: { name: 'exec_command', description: 'Runs.', parameters: { type: 'object' } } }],
        tool_choice: 'auto',
        parallel_tool_calls: true,
        reasoning_effort: 'high',
        stream: true,
        stream_options: { include_usage: true },
        prompt_cache_key: 'thread-1',
      }),
    );
  });
});
