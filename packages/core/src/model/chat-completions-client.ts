/**
 * Chat Completions, streamed, for OpenAI-compatible servers (`wire_api = "chat"`): the history is
 * sent as messages (see chat-messages.ts) and the streamed chunks come back as the same
 * provider-independent events the Responses client yields — text, reasoning text (the
 * `reasoning_content` / `reasoning` fields local servers use), tool calls assembled from their
 * fragments, and usage when the server reports it.
 */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { uuidv7 } from '../ids.js';
import type { TokenUsageBreakdown } from '../items/turn.js';
import { chatBody } from './chat-messages.js';
import { mapChunk, openEventStream, parseEventData } from './event-stream.js';
import type { ModelClient, ModelEvent, ModelRequest } from './model-client.js';
import { ModelError } from './model-error.js';
import type { ResolvedProvider } from './provider.js';
import type { ResponseItem } from './response-item.js';

export class ChatCompletionsClient implements ModelClient {
  readonly #provider: ResolvedProvider;

  constructor(provider: ResolvedProvider) {
    this.#provider = provider;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<readonly ModelEvent[]> {
    const body = chatBody(request);
    const events = openEventStream(this.#provider, signal, (client, requestSignal) =>
      // The body is built by hand (for byte-stable key order), so it is passed as is.
      client.chat.completions.create(body as never, { signal: requestSignal }),
    );
    const assembly = new ChatAssembly();
    for await (const batch of events) {
      const { events: mapped, failure } = mapChunk(batch, (sse, emit) => {
        if (sse.data === '[DONE]') return;
        const chunk = parseEventData<ChatCompletionChunk & { error?: { message?: string } }>(sse.data);
        // Some servers report a failure mid-stream as an event with an `error` member.
        if (chunk.error) throw new ModelError(`The model failed to respond: ${chunk.error.message ?? 'unknown error'}`, 'internalServerError', true);
        for (const event of assembly.add(chunk)) emit(event);
      });
      if (mapped.length > 0) yield mapped;
      if (failure) throw failure.error;
    }
    yield [...assembly.finish()];
  }
}

interface ToolCallParts {
  id: string;
  name: string;
  arguments: string;
}

/** The state of one streamed chat completion, turned into events as chunks arrive. */
export class ChatAssembly {
  readonly #messageId = `msg_${uuidv7()}`;
  readonly #reasoningId = `rs_${uuidv7()}`;
  #text: string | undefined;
  #reasoning: string | undefined;
  readonly #toolCalls: ToolCallParts[] = [];
  #finishReason: string | undefined;
  #usage: TokenUsageBreakdown | null = null;
  #responseId: string | null = null;

  *add(chunk: ChatCompletionChunk): Generator<ModelEvent> {
    this.#responseId ??= chunk.id ?? null;
    if (chunk.usage) this.#usage = usageOf(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = (choice.delta ?? {}) as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null; reasoning?: string | null };
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === 'string' && reasoning !== '') {
      if (this.#reasoning === undefined) {
        this.#reasoning = '';
        yield { type: 'reasoningStarted', itemId: this.#reasoningId };
      }
      this.#reasoning += reasoning;
      yield { type: 'reasoningTextDelta', itemId: this.#reasoningId, contentIndex: 0, delta: reasoning };
    }
    const text = delta.content ?? delta.refusal;
    if (typeof text === 'string' && text !== '') {
      if (this.#text === undefined) {
        this.#text = '';
        yield { type: 'messageStarted', itemId: this.#messageId };
      }
      this.#text += text;
      yield { type: 'textDelta', itemId: this.#messageId, delta: text };
    }
    for (const fragment of delta.tool_calls ?? []) this.#addToolCall(fragment);
    if (choice.finish_reason) this.#finishReason = choice.finish_reason;
  }

  /** The finished items, then `completed`; throws when the stream stopped before the end. */
  *finish(): Generator<ModelEvent> {
    if (this.#finishReason === undefined) {
      throw new ModelError('The model stream ended before the response was complete.', 'responseStreamDisconnected', true);
    }
    if (this.#reasoning !== undefined) {
      const item: ResponseItem = { type: 'reasoning', id: this.#reasoningId, summary: [], encrypted_content: null };
      yield { type: 'itemDone', itemId: this.#reasoningId, item, reasoningText: [this.#reasoning] };
    }
    if (this.#text !== undefined) {
      yield { type: 'itemDone', itemId: this.#messageId, item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: this.#text }] } };
    }
    for (const call of this.#toolCalls) {
      // Some servers send no id with a call: every call needs one to pair it with its output.
      call.id ||= `call_${uuidv7()}`;
      const item: ResponseItem = { type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments };
      yield { type: 'itemDone', itemId: call.id, item };
    }
    yield { type: 'completed', responseId: this.#responseId, usage: this.#usage };
  }

  #addToolCall(fragment: ChatCompletionChunk.Choice.Delta.ToolCall): void {
    const index = typeof fragment.index === 'number' ? fragment.index : this.#toolCalls.findIndex((call) => call.id === fragment.id);
    const slot = index >= 0 ? index : this.#toolCalls.length;
    while (this.#toolCalls.length <= slot) this.#toolCalls.push({ id: '', name: '', arguments: '' });
    const call = this.#toolCalls[slot] as ToolCallParts;
    if (fragment.id && !call.id) call.id = fragment.id;
    if (fragment.function?.name && !call.name) call.name = fragment.function.name;
    if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
  }
}

function usageOf(usage: NonNullable<ChatCompletionChunk['usage']>): TokenUsageBreakdown {
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return {
    inputTokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens,
    reasoningOutputTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
  };
}
