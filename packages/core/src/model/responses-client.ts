/**
 * The OpenAI Responses API, streamed: `store: false`, the whole conversation in every request,
 * `prompt_cache_key` = thread id, encrypted reasoning requested so it can be carried forward.
 */
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { TokenUsageBreakdown } from '../items/turn.js';
import { mapChunk, openEventStream, parseEventData } from './event-stream.js';
import type { ModelClient, ModelEvent, ModelRequest } from './model-client.js';
import { ModelError } from './model-error.js';
import type { ResolvedProvider } from './provider.js';
import type { ResponseItem } from './response-item.js';

export class ResponsesClient implements ModelClient {
  readonly #provider: ResolvedProvider;

  constructor(provider: ResolvedProvider) {
    this.#provider = provider;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<readonly ModelEvent[]> {
    const body = responsesBody(request);
    const events = openEventStream(this.#provider, signal, (client, requestSignal) =>
      // The body is built by hand (for byte-stable key order), so it is passed as is.
      client.responses.create(body as never, { signal: requestSignal }),
    );
    let completed = false;
    const reasoningText = new Map<string, string[]>();
    for await (const batch of events) {
      const { events: mapped, failure } = mapChunk(batch, (sse, emit) => {
        const event = mapEvent(parseEventData<ResponseStreamEvent>(sse.data), reasoningText);
        if (event === undefined) return;
        emit(event);
        if (event.type === 'completed') completed = true;
      });
      if (mapped.length > 0) yield mapped;
      if (failure) throw failure.error;
    }
    if (!completed) {
      throw new ModelError('The model stream ended before the response was complete.', 'responseStreamDisconnected', true);
    }
  }
}

/** The request body, with keys in a fixed order so equal requests serialise to equal bytes. */
export function responsesBody(request: ModelRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    instructions: request.instructions,
    input: request.input,
    tools: request.tools,
    tool_choice: 'auto',
    parallel_tool_calls: request.parallelToolCalls,
  };
  if (request.reasoning) {
    const reasoning: Record<string, unknown> = {};
    if (request.reasoning.effort) reasoning.effort = request.reasoning.effort;
    if (request.reasoning.summary && request.reasoning.summary !== 'none') reasoning.summary = request.reasoning.summary;
    body.reasoning = reasoning;
  }
  body.store = false;
  body.stream = true;
  body.include = request.reasoning ? ['reasoning.encrypted_content'] : [];
  body.prompt_cache_key = request.promptCacheKey;
  if (request.outputSchema) {
    body.text = { format: { type: 'json_schema', name: 'output', strict: true, schema: request.outputSchema } };
  }
  if (request.serviceTier) body.service_tier = request.serviceTier;
  return body;
}

function mapEvent(event: ResponseStreamEvent, reasoningText: Map<string, string[]>): ModelEvent | undefined {
  switch (event.type) {
    case 'response.output_item.added': {
      const item = event.item;
      if (item.type === 'message') return { type: 'messageStarted', itemId: item.id };
      if (item.type === 'reasoning') return { type: 'reasoningStarted', itemId: item.id };
      return undefined;
    }
    case 'response.output_text.delta':
      return { type: 'textDelta', itemId: event.item_id, delta: event.delta };
    case 'response.reasoning_summary_part.added':
      return { type: 'reasoningSummaryPartAdded', itemId: event.item_id, summaryIndex: event.summary_index };
    case 'response.reasoning_summary_text.delta':
      return { type: 'reasoningSummaryDelta', itemId: event.item_id, summaryIndex: event.summary_index, delta: event.delta };
    case 'response.reasoning_text.delta': {
      const parts = reasoningText.get(event.item_id) ?? [];
      parts[event.content_index] = (parts[event.content_index] ?? '') + event.delta;
      reasoningText.set(event.item_id, parts);
      return { type: 'reasoningTextDelta', itemId: event.item_id, contentIndex: event.content_index, delta: event.delta };
    }
    case 'response.output_item.done': {
      const item = canonicalItem(event.item as unknown as Record<string, unknown>);
      if (!item) return undefined;
      const itemId = String((event.item as { id?: unknown }).id ?? '');
      const text = reasoningTextOf(event.item as unknown as Record<string, unknown>) ?? reasoningText.get(itemId);
      return text ? { type: 'itemDone', itemId, item, reasoningText: text } : { type: 'itemDone', itemId, item };
    }
    case 'response.completed':
    case 'response.incomplete':
      return { type: 'completed', responseId: event.response.id ?? null, usage: usageOf(event.response.usage) };
    case 'response.failed': {
      const error = event.response.error;
      throw failedResponseError(error?.code ?? null, error?.message ?? 'the model failed to respond');
    }
    case 'error':
      throw failedResponseError(event.code ?? null, event.message);
    default:
      return undefined;
  }
}

function failedResponseError(code: string | null, message: string): ModelError {
  if (code === 'context_length_exceeded') {
    return new ModelError(`The conversation no longer fits the model's context window: ${message}`, 'contextWindowExceeded', false);
  }
  if (code === 'insufficient_quota') {
    return new ModelError(`The account's quota is used up: ${message}`, 'usageLimitExceeded', false);
  }
  if (code === 'rate_limit_exceeded') return new ModelError(`Rate limited: ${message}`, 'rateLimitExceeded', true);
  if (code === 'invalid_prompt') return new ModelError(`The model refused the request: ${message}`, 'badRequest', false);
  return new ModelError(`The model failed to respond: ${message}`, 'internalServerError', true);
}

/** The history form of a finished output item (fixed key order, no fields the next request must not carry). */
export function canonicalItem(item: Record<string, unknown>): ResponseItem | undefined {
  switch (item.type) {
    case 'message': {
      const parts = Array.isArray(item.content) ? (item.content as Array<Record<string, unknown>>) : [];
      const content = parts.map((part) => ({
        type: 'output_text' as const,
        text: String(part.type === 'refusal' ? (part.refusal ?? '') : (part.text ?? '')),
      }));
      return { type: 'message', role: 'assistant', content };
    }
    case 'reasoning': {
      const summary = Array.isArray(item.summary) ? (item.summary as Array<{ text?: unknown }>) : [];
      return {
        type: 'reasoning',
        id: String(item.id ?? ''),
        summary: summary.map((part) => ({ type: 'summary_text' as const, text: String(part.text ?? '') })),
        encrypted_content: typeof item.encrypted_content === 'string' ? item.encrypted_content : null,
      };
    }
    case 'function_call':
      return {
        type: 'function_call',
        call_id: String(item.call_id ?? ''),
        name: String(item.name ?? ''),
        arguments: String(item.arguments ?? ''),
      };
    default:
      return undefined;
  }
}

function reasoningTextOf(item: Record<string, unknown>): string[] | undefined {
  if (item.type !== 'reasoning' || !Array.isArray(item.content)) return undefined;
  return (item.content as Array<{ text?: unknown }>).map((part) => String(part.text ?? ''));
}

function usageOf(usage: unknown): TokenUsageBreakdown | null {
  if (!usage || typeof usage !== 'object') return null;
  const u = usage as {
    input_tokens?: number;
    output_tokens?: number;
    total_tokens?: number;
    input_tokens_details?: { cached_tokens?: number };
    output_tokens_details?: { reasoning_tokens?: number };
  };
  const inputTokens = u.input_tokens ?? 0;
  const outputTokens = u.output_tokens ?? 0;
  return {
    inputTokens,
    cachedInputTokens: u.input_tokens_details?.cached_tokens ?? 0,
    outputTokens,
    reasoningOutputTokens: u.output_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: u.total_tokens ?? inputTokens + outputTokens,
  };
}
