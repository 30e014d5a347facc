// Shared by the two wire renderers (Responses SSE and Chat Completions SSE).
import type { Chunks, ReplyPart, ScriptedReply, UsageOverride } from './model-script.js';

/** What a renderer needs from the server for one response. */
export interface RenderContext {
  /** Server-wide item counter: `call_1`, `msg_2`, ... in the order items are served. */
  nextItemNumber(): number;
  responseNumber: number;
  /** The request's `model`, echoed back unless the reply overrides it. */
  model: string;
  /** Length of the raw request body; the default input token count is a quarter of it. */
  inputChars: number;
  /** Whether Chat Completions should end with a usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
  /** Unix seconds, as `created_at` / `created`. */
  now: number;
}

/** One response rendered for one wire. */
export interface Rendered {
  /** Complete SSE events, each ending in a blank line. */
  events: string[];
  /** How many of the last `events` end the stream (completed / finish + usage + [DONE]). */
  terminal: number;
  /** The body of the same response when the request did not ask for `stream: true`. */
  body: unknown;
}

export interface Usage {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

export interface FailureText {
  message: string;
  code: string;
  event: 'response.failed' | 'error';
}

export interface Wire {
  readonly name: 'responses' | 'chat';
  render(reply: ScriptedReply, ctx: RenderContext): Rendered;
  /** The event that reports a failed stream; `sequence` is the number of events already sent. */
  streamError(ctx: RenderContext, sequence: number, failure: FailureText): string;
  /** A syntactically broken event (its `data:` is not JSON). */
  badEvent(sequence: number): string;
}

const WORDS = /\S+\s*|\s+/g;

/** Splits `text` into deltas: explicit chunks, N near-equal pieces, or one per word by default. */
export function splitChunks(text: string, chunks: Chunks | undefined, byWord = true): string[] {
  if (text === '') return [];
  if (chunks === undefined) return byWord ? (text.match(WORDS) ?? [text]) : [text];
  if (typeof chunks !== 'number') return [...chunks];
  const n = Math.min(chunks, text.length);
  const out: string[] = new Array<string>(n);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    let end = i === n ? text.length : Math.round((i * text.length) / n);
    // Never split a surrogate pair: the half would be invalid UTF-16 in the JSON.
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end++;
    if (end < start) end = start;
    out[i - 1] = text.slice(start, end);
    start = end;
  }
  return out;
}

export function argumentsText(args: string | Record<string, unknown>): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function partChars(p: ReplyPart): { output: number; reasoning: number } {
  switch (p.type) {
    case 'text':
      return { output: p.text.length, reasoning: 0 };
    case 'toolCall':
      return { output: argumentsText(p.arguments).length + p.name.length, reasoning: 0 };
    case 'customToolCall':
      return { output: p.input.length + p.name.length, reasoning: 0 };
    case 'reasoning': {
      const text = [...(p.summary ?? []), ...(p.content ?? [])].join('');
      return { output: 0, reasoning: text.length };
    }
  }
}

/** Deterministic usage: about four characters a token, overridable field by field. */
export function computeUsage(reply: ScriptedReply, inputChars: number): Usage {
  let output = 0;
  let reasoning = 0;
  for (const p of reply.parts) {
    const c = partChars(p);
    output += c.output;
    reasoning += c.reasoning;
  }
  const o: UsageOverride = reply.usage ?? {};
  const inputTokens = o.inputTokens ?? Math.ceil(inputChars / 4);
  const reasoningOutputTokens = o.reasoningOutputTokens ?? Math.ceil(reasoning / 4);
  const outputTokens = o.outputTokens ?? Math.ceil(output / 4) + reasoningOutputTokens;
  return {
    inputTokens,
    cachedInputTokens: o.cachedInputTokens ?? 0,
    cacheWriteInputTokens: o.cacheWriteInputTokens ?? 0,
    outputTokens,
    reasoningOutputTokens,
    totalTokens: o.totalTokens ?? inputTokens + outputTokens,
  };
}

/** Ids for one output item: explicit ones win, but every item takes a number so defaults stay
 * stable by position. */
export function itemIds(p: ReplyPart, n: number): { id: string; callId: string } {
  const prefix = { text: 'msg', reasoning: 'rs', toolCall: 'fc', customToolCall: 'ctc' }[p.type];
  const id = p.id ?? `${prefix}_${n}`;
  const callId = (p.type === 'toolCall' || p.type === 'customToolCall' ? p.callId : undefined) ?? `call_${n}`;
  return { id, callId };
}
