// A scripted reply as a Chat Completions stream: `data: {chat.completion.chunk}` lines, the role in
// the first chunk, tool calls as `delta.tool_calls[{index, id, type, function}]` followed by argument
// fragments, a finish chunk, a usage chunk (`choices: []`) when `stream_options.include_usage`, then
// `data: [DONE]` — what the `openai` package's `ChatCompletionStream` accumulates.
// Reasoning has no standard field here; it goes out as `delta.reasoning_content` (vLLM / DeepSeek).
import type { ScriptedReply } from './model-script.js';
import {
  argumentsText,
  computeUsage,
  itemIds,
  splitChunks,
  type FailureText,
  type RenderContext,
  type Rendered,
  type Usage,
  type Wire,
} from './wire-common.js';

type Json = Record<string, unknown>;

function wireUsage(u: Usage): Json {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.totalTokens,
    prompt_tokens_details: { cached_tokens: u.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: u.reasoningOutputTokens },
  };
}

function data(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

interface ToolCallOut {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export const chatWire: Wire = {
  name: 'chat',

  render(reply: ScriptedReply, ctx: RenderContext): Rendered {
    const id = reply.responseId ?? `chatcmpl_${ctx.responseNumber}`;
    const model = reply.model ?? ctx.model;
    const head = { id, object: 'chat.completion.chunk', created: ctx.now, model };
    const usageNull = ctx.includeUsage ? { usage: null } : {};
    const chunk = (delta: Json, finish: string | null = null): string =>
      data({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...usageNull });
    // The hot path (thousands of content deltas): same JSON as `chunk({content: delta})`.
    const contentHead = `data: {${JSON.stringify(head).slice(1, -1)},"choices":[{"index":0,"delta":{"content":`;
    const contentEnd = `},"logprobs":null,"finish_reason":null}]${ctx.includeUsage ? ',"usage":null' : ''}}\n\n`;

    const events: string[] = [];
    const hasText = reply.parts.some((p) => p.type === 'text');
    events.push(chunk({ role: 'assistant', content: hasText ? '' : null }));
    let content = '';
    let reasoning = '';
    const toolCalls: ToolCallOut[] = [];
    for (const p of reply.parts) {
      const n = ctx.nextItemNumber();
      const { callId } = itemIds(p, n);
      switch (p.type) {
        case 'text':
          for (const delta of splitChunks(p.text, p.chunks)) events.push(contentHead + JSON.stringify(delta) + contentEnd);
          content += p.text;
          break;
        case 'reasoning':
          for (const text of [...(p.summary ?? []), ...(p.content ?? [])]) {
            for (const delta of splitChunks(text, undefined)) events.push(chunk({ reasoning_content: delta }));
            reasoning += text;
          }
          break;
        case 'toolCall':
        case 'customToolCall': {
          const args = p.type === 'toolCall' ? argumentsText(p.arguments) : JSON.stringify({ input: p.input });
          const index = toolCalls.length;
          toolCalls.push({ id: callId, type: 'function', function: { name: p.name, arguments: args } });
          events.push(
            chunk({ tool_calls: [{ index, id: callId, type: 'function', function: { name: p.name, arguments: '' } }] }),
          );
          const pieces = p.type === 'toolCall' ? splitChunks(args, p.chunks, false) : [args];
          for (const piece of pieces) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
          break;
        }
      }
    }
    const finish =
      reply.incomplete === 'max_output_tokens'
        ? 'length'
        : reply.incomplete === 'content_filter'
          ? 'content_filter'
          : toolCalls.length > 0
            ? 'tool_calls'
            : 'stop';
    const usage = wireUsage(computeUsage(reply, ctx.inputChars));
    const start = events.length;
    events.push(chunk({}, finish));
    if (ctx.includeUsage) events.push(data({ ...head, choices: [], usage }));
    events.push('data: [DONE]\n\n');

    const message: Json = { role: 'assistant', content: hasText ? content : null, refusal: null };
    if (reasoning) message.reasoning_content = reasoning;
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    const body = {
      id,
      object: 'chat.completion',
      created: ctx.now,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage,
    };
    return { events, terminal: events.length - start, body };
  },

  streamError(_ctx: RenderContext, _sequence: number, failure: FailureText): string {
    return data({ error: { message: failure.message, type: 'server_error', param: null, code: failure.code } });
  },

  badEvent(): string {
    return 'data: {"id":"chatcmpl_bad","choices":[{"delta":{"content":"unterminated\n\n';
  },
};
