// What the scripted model server says, as plain data. Builders (`reply`, `fail`, `part`) return
// JSON-serialisable objects, so the same script can live in a test or in a JSON file for the CLI.
// Ids are not chosen here: the server hands them out when a reply is served, so one reply object
// can be served twice (`setDefault`) and still get fresh ids.

/** Token usage in the protocol's own names (`TokenUsageBreakdown`); unset fields are derived. */
export interface UsageOverride {
  inputTokens?: number;
  cachedInputTokens?: number;
  cacheWriteInputTokens?: number;
  outputTokens?: number;
  reasoningOutputTokens?: number;
  totalTokens?: number;
}

/** Explicit deltas (their concatenation must equal the text) or a number of near-equal pieces. */
export type Chunks = readonly string[] | number;

export interface TextPart {
  type: 'text';
  text: string;
  chunks?: Chunks;
  /** Responses `message.phase`, when a test needs commentary vs final answer. */
  phase?: 'commentary' | 'final_answer';
  id?: string;
}

export interface ReasoningPart {
  type: 'reasoning';
  /** Summary parts: `response.reasoning_summary_part.added` + `..._text.delta` each. */
  summary?: string[];
  /** Raw reasoning text parts: `response.reasoning_text.delta`. */
  content?: string[];
  /** Opaque blob the client must carry back verbatim (`include: ["reasoning.encrypted_content"]`). */
  encryptedContent?: string;
  id?: string;
}

export interface ToolCallPart {
  type: 'toolCall';
  name: string;
  /** An object is sent as its JSON text; a string is sent as is (malformed JSON on purpose, say). */
  arguments: string | Record<string, unknown>;
  callId?: string;
  id?: string;
  chunks?: Chunks;
  namespace?: string;
}

/** A freeform (`custom_tool_call`) call, like Codex's `apply_patch`. On Chat Completions it becomes a
 * function call with arguments `{"input": ...}`. */
export interface CustomToolCallPart {
  type: 'customToolCall';
  name: string;
  input: string;
  callId?: string;
  id?: string;
  chunks?: Chunks;
}

export type ReplyPart = TextPart | ReasoningPart | ToolCallPart | CustomToolCallPart;

export interface ReplyOptions {
  usage?: UsageOverride;
  /** Wait this long before the first byte (status line included). */
  delayMs?: number;
  /** Write events one at a time with this pause between them (default: all at once, in big batches). */
  chunkDelayMs?: number;
  /** End with `response.incomplete` / `finish_reason: "length"` for this reason. */
  incomplete?: 'max_output_tokens' | 'content_filter';
  responseId?: string;
  /** Model name echoed in the response (default: the request's `model`). */
  model?: string;
}

export interface ScriptedReply extends ReplyOptions {
  kind: 'reply';
  parts: ReplyPart[];
}

/** Failures that stream part of a reply first: `afterEvents` SSE events (Responses events or Chat
 * chunks) of `reply` are sent, then the misbehaviour. */
export interface StreamPrefix {
  reply?: ScriptedReply;
  afterEvents?: number;
  delayMs?: number;
}

export type ScriptedFailure =
  | {
      kind: 'fail';
      type: 'status';
      status: number;
      message?: string;
      code?: string | null;
      errorType?: string;
      /** Sent as the `retry-after` header (seconds). */
      retryAfterSeconds?: number;
      /** Sent as the `retry-after-ms` header (the openai package prefers it). */
      retryAfterMs?: number;
      headers?: Record<string, string>;
      /** Replaces the OpenAI-style JSON error body. */
      body?: string;
      delayMs?: number;
    }
  | ({ kind: 'fail'; type: 'stall' } & StreamPrefix)
  | ({ kind: 'fail'; type: 'cutMidEvent' } & StreamPrefix)
  | ({ kind: 'fail'; type: 'badSse'; line?: string } & StreamPrefix)
  | ({
      kind: 'fail';
      type: 'streamError';
      message?: string;
      code?: string;
      /** `response.failed` (default) or a bare `error` event. Chat Completions always gets
       * `data: {"error": ...}`. */
      event?: 'response.failed' | 'error';
    } & StreamPrefix);

export type ScriptEntry = ScriptedReply | ScriptedFailure;

/** The request as the script sees it (see `RecordedRequest` in model-server.ts). */
export interface ScriptRequest {
  readonly method: string;
  readonly path: string;
  readonly json: any;
  readonly raw: string;
}

/** Echo-style scripts: decide the reply from the request. */
export type ScriptFn = (body: any, request: ScriptRequest) => ScriptEntry | Promise<ScriptEntry>;

export type ScriptItem = ScriptEntry | ScriptFn;

type TextOptions = ReplyOptions & { chunks?: Chunks; phase?: TextPart['phase']; id?: string };

export interface ToolCallSpec {
  name: string;
  arguments?: string | Record<string, unknown>;
  callId?: string;
  id?: string;
  chunks?: Chunks;
  namespace?: string;
}

function pickReplyOptions(opts: ReplyOptions | undefined): ReplyOptions {
  const out: ReplyOptions = {};
  if (!opts) return out;
  if (opts.usage !== undefined) out.usage = { ...opts.usage };
  if (opts.delayMs !== undefined) out.delayMs = opts.delayMs;
  if (opts.chunkDelayMs !== undefined) out.chunkDelayMs = opts.chunkDelayMs;
  if (opts.incomplete !== undefined) out.incomplete = opts.incomplete;
  if (opts.responseId !== undefined) out.responseId = opts.responseId;
  if (opts.model !== undefined) out.model = opts.model;
  return out;
}

function checkChunks(text: string, chunks: Chunks | undefined, what: string): void {
  if (chunks === undefined) return;
  if (typeof chunks === 'number') {
    if (!Number.isInteger(chunks) || chunks < 1) throw new Error(`${what}: chunks must be a positive integer`);
    return;
  }
  const joined = chunks.join('');
  if (joined !== text) {
    throw new Error(`${what}: chunks join to ${JSON.stringify(joined.slice(0, 80))}, not ${JSON.stringify(text.slice(0, 80))}`);
  }
}

export const part = {
  text(text: string, opts: { chunks?: Chunks; phase?: TextPart['phase']; id?: string } = {}): TextPart {
    checkChunks(text, opts.chunks, 'part.text');
    const p: TextPart = { type: 'text', text };
    if (opts.chunks !== undefined) p.chunks = typeof opts.chunks === 'number' ? opts.chunks : [...opts.chunks];
    if (opts.phase !== undefined) p.phase = opts.phase;
    if (opts.id !== undefined) p.id = opts.id;
    return p;
  },
  reasoning(spec: { summary?: string[]; content?: string[]; encryptedContent?: string; id?: string }): ReasoningPart {
    const p: ReasoningPart = { type: 'reasoning' };
    if (spec.summary !== undefined) p.summary = [...spec.summary];
    if (spec.content !== undefined) p.content = [...spec.content];
    if (spec.encryptedContent !== undefined) p.encryptedContent = spec.encryptedContent;
    if (spec.id !== undefined) p.id = spec.id;
    return p;
  },
  toolCall(spec: ToolCallSpec): ToolCallPart {
    const args = spec.arguments ?? {};
    if (typeof args === 'string') checkChunks(args, spec.chunks, `part.toolCall(${spec.name})`);
    const p: ToolCallPart = { type: 'toolCall', name: spec.name, arguments: args };
    if (spec.callId !== undefined) p.callId = spec.callId;
    if (spec.id !== undefined) p.id = spec.id;
    if (spec.chunks !== undefined) p.chunks = typeof spec.chunks === 'number' ? spec.chunks : [...spec.chunks];
    if (spec.namespace !== undefined) p.namespace = spec.namespace;
    return p;
  },
  customToolCall(spec: { name: string; input: string; callId?: string; id?: string; chunks?: Chunks }): CustomToolCallPart {
    checkChunks(spec.input, spec.chunks, `part.customToolCall(${spec.name})`);
    const p: CustomToolCallPart = { type: 'customToolCall', name: spec.name, input: spec.input };
    if (spec.callId !== undefined) p.callId = spec.callId;
    if (spec.id !== undefined) p.id = spec.id;
    if (spec.chunks !== undefined) p.chunks = typeof spec.chunks === 'number' ? spec.chunks : [...spec.chunks];
    return p;
  },
};

export const reply = {
  /** An assistant message. Default deltas: one per word, like the reference transcripts. */
  text(text: string, opts: TextOptions = {}): ScriptedReply {
    const p: { chunks?: Chunks; phase?: TextPart['phase']; id?: string } = {};
    if (opts.chunks !== undefined) p.chunks = opts.chunks;
    if (opts.phase !== undefined) p.phase = opts.phase;
    if (opts.id !== undefined) p.id = opts.id;
    return { kind: 'reply', parts: [part.text(text, p)], ...pickReplyOptions(opts) };
  },
  /** One response asking for these calls (in parallel, if more than one). */
  toolCalls(calls: readonly ToolCallSpec[], opts: ReplyOptions = {}): ScriptedReply {
    return { kind: 'reply', parts: calls.map((c) => part.toolCall(c)), ...pickReplyOptions(opts) };
  },
  toolCall(name: string, args: string | Record<string, unknown>, opts: ReplyOptions & { callId?: string } = {}): ScriptedReply {
    const spec: ToolCallSpec = { name, arguments: args };
    if (opts.callId !== undefined) spec.callId = opts.callId;
    return { kind: 'reply', parts: [part.toolCall(spec)], ...pickReplyOptions(opts) };
  },
  customToolCall(name: string, input: string, opts: ReplyOptions & { callId?: string } = {}): ScriptedReply {
    const spec: { name: string; input: string; callId?: string } = { name, input };
    if (opts.callId !== undefined) spec.callId = opts.callId;
    return { kind: 'reply', parts: [part.customToolCall(spec)], ...pickReplyOptions(opts) };
  },
  reasoning(spec: { summary?: string[]; content?: string[]; encryptedContent?: string; id?: string }, opts: ReplyOptions = {}): ScriptedReply {
    return { kind: 'reply', parts: [part.reasoning(spec)], ...pickReplyOptions(opts) };
  },
  /** Several outputs in one response, in order: `reply.of([reply.reasoning(..), reply.toolCall(..)])`.
   * Options of the pieces merge left to right; `opts` wins. */
  of(pieces: ReadonlyArray<ScriptedReply | ReplyPart>, opts: ReplyOptions = {}): ScriptedReply {
    let merged: ReplyOptions = {};
    const parts: ReplyPart[] = [];
    for (const piece of pieces) {
      if ('kind' in piece) {
        parts.push(...piece.parts);
        merged = { ...merged, ...pickReplyOptions(piece) };
      } else {
        parts.push(piece);
      }
    }
    return { kind: 'reply', parts, ...merged, ...pickReplyOptions(opts) };
  },
  /** A response with no output items at all (some servers do this). */
  empty(opts: ReplyOptions = {}): ScriptedReply {
    return { kind: 'reply', parts: [], ...pickReplyOptions(opts) };
  },
};

type StatusOptions = Omit<Extract<ScriptedFailure, { type: 'status' }>, 'kind' | 'type' | 'status'>;
type PrefixOptions = StreamPrefix;

function withPrefix<T extends object>(base: T, opts: PrefixOptions | undefined): T & StreamPrefix {
  const out: T & StreamPrefix = { ...base };
  if (opts?.reply !== undefined) out.reply = opts.reply;
  if (opts?.afterEvents !== undefined) out.afterEvents = opts.afterEvents;
  if (opts?.delayMs !== undefined) out.delayMs = opts.delayMs;
  return out;
}

export const fail = {
  /** An HTTP error with an OpenAI-style JSON body. */
  status(status: number, opts: StatusOptions = {}): ScriptedFailure {
    return { kind: 'fail', type: 'status', status, ...opts };
  },
  /** Accept the request and never answer (with `afterEvents`, stream that many events first),
   * until the client gives up. */
  stall(opts?: PrefixOptions): ScriptedFailure {
    return withPrefix({ kind: 'fail' as const, type: 'stall' as const }, opts);
  },
  /** Stream part of a reply, then destroy the socket halfway through an event. */
  cutMidEvent(opts?: PrefixOptions): ScriptedFailure {
    return withPrefix({ kind: 'fail' as const, type: 'cutMidEvent' as const }, opts);
  },
  /** A `data:` line that is not JSON. */
  badSse(opts?: PrefixOptions & { line?: string }): ScriptedFailure {
    const f = withPrefix({ kind: 'fail' as const, type: 'badSse' as const }, opts);
    if (opts?.line !== undefined) return { ...f, line: opts.line };
    return f;
  },
  /** A stream that reports failure: `response.failed` (or an `error` event) / a Chat `error` chunk. */
  streamError(opts?: PrefixOptions & { message?: string; code?: string; event?: 'response.failed' | 'error' }): ScriptedFailure {
    const f: Extract<ScriptedFailure, { type: 'streamError' }> = withPrefix(
      { kind: 'fail' as const, type: 'streamError' as const },
      opts,
    );
    if (opts?.message !== undefined) f.message = opts.message;
    if (opts?.code !== undefined) f.code = opts.code;
    if (opts?.event !== undefined) f.event = opts.event;
    return f;
  },
};

const FAILURE_TYPES = new Set(['status', 'stall', 'cutMidEvent', 'badSse', 'streamError']);
const PART_TYPES = new Set(['text', 'reasoning', 'toolCall', 'customToolCall']);

/** Checks one entry read from JSON (the CLI's script file); throws with its position on error. */
export function parseScriptEntry(value: unknown, where = 'entry'): ScriptEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object with "kind": "reply" | "fail"`);
  }
  const v = value as Record<string, unknown>;
  if (v.kind === 'reply') {
    if (!Array.isArray(v.parts)) throw new Error(`${where}: a reply needs a "parts" array`);
    v.parts.forEach((p, i) => {
      const t = (p as { type?: unknown } | null)?.type;
      if (typeof t !== 'string' || !PART_TYPES.has(t)) {
        throw new Error(`${where}.parts[${i}]: unknown part type ${JSON.stringify(t)}`);
      }
      const pp = p as ReplyPart;
      if (pp.type === 'text') checkChunks(pp.text, pp.chunks, `${where}.parts[${i}]`);
    });
    return v as unknown as ScriptedReply;
  }
  if (v.kind === 'fail') {
    if (typeof v.type !== 'string' || !FAILURE_TYPES.has(v.type)) {
      throw new Error(`${where}: unknown failure type ${JSON.stringify(v.type)}`);
    }
    if (v.type === 'status' && typeof v.status !== 'number') throw new Error(`${where}: fail.status needs "status"`);
    if (v.reply !== undefined) parseScriptEntry(v.reply, `${where}.reply`);
    return v as unknown as ScriptedFailure;
  }
  throw new Error(`${where}: "kind" must be "reply" or "fail", got ${JSON.stringify(v.kind)}`);
}

export interface ParsedScript {
  entries: ScriptEntry[];
  default?: ScriptEntry;
}

/** A script file is an array of entries, or `{ "replies": [...], "default": entry }`. */
export function parseScript(value: unknown): ParsedScript {
  if (Array.isArray(value)) return { entries: value.map((e, i) => parseScriptEntry(e, `[${i}]`)) };
  if (typeof value === 'object' && value !== null) {
    const v = value as { replies?: unknown; default?: unknown };
    const entries = Array.isArray(v.replies) ? v.replies.map((e, i) => parseScriptEntry(e, `replies[${i}]`)) : [];
    const out: ParsedScript = { entries };
    if (v.default !== undefined) out.default = parseScriptEntry(v.default, 'default');
    return out;
  }
  throw new Error('a script is a JSON array of entries or {"replies": [...], "default": {...}}');
}
