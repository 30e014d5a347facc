// A scripted reply as an OpenAI Responses API event stream, shaped like the `openai` package's
// `ResponseStreamEvent` types (v6): every event has `type` and a `sequence_number` counted from 0;
// `output_index` / `item_id` / `content_index` / `summary_index` tie deltas to their item, and each
// item is opened (`output_item.added`) and closed (`output_item.done`, authoritative) so that the
// package's own accumulator (`client.responses.stream()`) can rebuild the response.
import type { ReplyPart, ScriptedReply } from './model-script.js';
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

function event(type: string, sequence: number, fields: Json): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...fields })}\n\n`;
}

function wireUsage(u: Usage): Json {
  return {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cachedInputTokens, cache_write_tokens: u.cacheWriteInputTokens },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningOutputTokens },
    total_tokens: u.totalTokens,
  };
}

function responseObject(id: string, model: string, createdAt: number, rest: Json): Json {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    metadata: {},
    ...rest,
  };
}

/** Collects events with running sequence numbers. */
class EventList {
  readonly events: string[] = [];
  push(type: string, fields: Json): void {
    this.events.push(event(type, this.events.length, fields));
  }
  /** The hot path (thousands of deltas): fixed fields serialised once, only the delta per event.
   * Same JSON as `push(type, {...fixed, delta, ...tail})`. */
  pushDeltas(type: string, fixed: Json, deltas: readonly string[], tail: Json = {}): void {
    const head = `event: ${type}\ndata: {"type":${JSON.stringify(type)},"sequence_number":`;
    const mid = `,${JSON.stringify(fixed).slice(1, -1)},"delta":`;
    const tailJson = JSON.stringify(tail).slice(1, -1);
    const end = tailJson ? `,${tailJson}}\n\n` : '}\n\n';
    for (const delta of deltas) this.events.push(head + this.events.length + mid + JSON.stringify(delta) + end);
  }
}

function renderItem(out: EventList, p: ReplyPart, outputIndex: number, n: number): Json {
  const { id, callId } = itemIds(p, n);
  const at = { output_index: outputIndex };
  switch (p.type) {
    case 'text': {
      const phase = p.phase !== undefined ? { phase: p.phase } : {};
      out.push('response.output_item.added', {
        ...at,
        item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [], ...phase },
      });
      const where = { item_id: id, ...at, content_index: 0 };
      out.push('response.content_part.added', {
        ...where,
        part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      });
      out.pushDeltas('response.output_text.delta', where, splitChunks(p.text, p.chunks), { logprobs: [] });
      out.push('response.output_text.done', { ...where, text: p.text, logprobs: [] });
      const content = { type: 'output_text', annotations: [], logprobs: [], text: p.text };
      out.push('response.content_part.done', { ...where, part: content });
      const item = { id, type: 'message', status: 'completed', role: 'assistant', content: [content], ...phase };
      out.push('response.output_item.done', { ...at, item });
      return item;
    }
    case 'reasoning': {
      out.push('response.output_item.added', { ...at, item: { id, type: 'reasoning', summary: [] } });
      const summary = p.summary ?? [];
      summary.forEach((text, summaryIndex) => {
        const where = { item_id: id, ...at, summary_index: summaryIndex };
        out.push('response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } });
        out.pushDeltas('response.reasoning_summary_text.delta', where, splitChunks(text, undefined));
        out.push('response.reasoning_summary_text.done', { ...where, text });
        out.push('response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text } });
      });
      const content = p.content ?? [];
      content.forEach((text, contentIndex) => {
        const where = { item_id: id, ...at, content_index: contentIndex };
        out.push('response.content_part.added', { ...where, part: { type: 'reasoning_text', text: '' } });
        out.pushDeltas('response.reasoning_text.delta', where, splitChunks(text, undefined));
        out.push('response.reasoning_text.done', { ...where, text });
        out.push('response.content_part.done', { ...where, part: { type: 'reasoning_text', text } });
      });
      const item: Json = {
        id,
        type: 'reasoning',
        summary: summary.map((text) => ({ type: 'summary_text', text })),
      };
      if (content.length > 0) item.content = content.map((text) => ({ type: 'reasoning_text', text }));
      if (p.encryptedContent !== undefined) item.encrypted_content = p.encryptedContent;
      out.push('response.output_item.done', { ...at, item });
      return item;
    }
    case 'toolCall': {
      const args = argumentsText(p.arguments);
      const ns = p.namespace !== undefined ? { namespace: p.namespace } : {};
      const base = { id, type: 'function_call', call_id: callId, name: p.name, ...ns };
      out.push('response.output_item.added', { ...at, item: { ...base, status: 'in_progress', arguments: '' } });
      const where = { item_id: id, ...at };
      out.pushDeltas('response.function_call_arguments.delta', where, splitChunks(args, p.chunks, false));
      out.push('response.function_call_arguments.done', { ...where, name: p.name, arguments: args });
      const item = { ...base, status: 'completed', arguments: args };
      out.push('response.output_item.done', { ...at, item });
      return item;
    }
    case 'customToolCall': {
      const base = { id, type: 'custom_tool_call', call_id: callId, name: p.name };
      out.push('response.output_item.added', { ...at, item: { ...base, input: '' } });
      const where = { item_id: id, ...at };
      out.pushDeltas('response.custom_tool_call_input.delta', where, splitChunks(p.input, p.chunks, false));
      out.push('response.custom_tool_call_input.done', { ...where, input: p.input });
      const item = { ...base, input: p.input };
      out.push('response.output_item.done', { ...at, item });
      return item;
    }
  }
}

function responseId(reply: ScriptedReply | undefined, ctx: RenderContext): string {
  return reply?.responseId ?? `resp_${ctx.responseNumber}`;
}

export const responsesWire: Wire = {
  name: 'responses',

  render(reply: ScriptedReply, ctx: RenderContext): Rendered {
    const id = responseId(reply, ctx);
    const model = reply.model ?? ctx.model;
    const out = new EventList();
    out.push('response.created', { response: responseObject(id, model, ctx.now, {}) });
    out.push('response.in_progress', { response: responseObject(id, model, ctx.now, {}) });
    const output = reply.parts.map((p, i) => renderItem(out, p, i, ctx.nextItemNumber()));
    const usage = wireUsage(computeUsage(reply, ctx.inputChars));
    const final = reply.incomplete
      ? responseObject(id, model, ctx.now, {
          status: 'incomplete',
          incomplete_details: { reason: reply.incomplete },
          output,
          usage,
        })
      : responseObject(id, model, ctx.now, { status: 'completed', completed_at: ctx.now, output, usage });
    out.push(reply.incomplete ? 'response.incomplete' : 'response.completed', { response: final });
    return { events: out.events, terminal: 1, body: final };
  },

  streamError(ctx: RenderContext, sequence: number, failure: FailureText): string {
    if (failure.event === 'error') {
      return event('error', sequence, { code: failure.code, message: failure.message, param: null });
    }
    const response = responseObject(`resp_${ctx.responseNumber}`, ctx.model, ctx.now, {
      status: 'failed',
      error: { code: failure.code, message: failure.message },
    });
    return event('response.failed', sequence, { response });
  },

  badEvent(sequence: number): string {
    return `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${sequence},"delta":"unterminated\n\n`;
  },
};
