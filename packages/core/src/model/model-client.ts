/**
 * The model behind an interface: a request in, a stream of provider-independent events out.
 * Implementations: the Responses API and Chat Completions (for OpenAI-compatible servers).
 */
import type { ReasoningEffort, ReasoningSummary } from '../config/config-schema.js';
import type { TokenUsageBreakdown } from '../items/turn.js';
import type { ResponseItem } from './response-item.js';

export interface FunctionToolSpec {
  type: 'function';
  name: string;
  description: string;
  strict: boolean;
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  model: string;
  instructions: string;
  input: readonly ResponseItem[];
  tools: readonly FunctionToolSpec[];
  parallelToolCalls: boolean;
  reasoning: { effort: ReasoningEffort | null; summary: ReasoningSummary | null } | null;
  /** The thread id: requests of one thread share the provider's prompt cache. */
  promptCacheKey: string;
  /** Structured output: the final answer must follow this JSON schema. */
  outputSchema: Record<string, unknown> | null;
  serviceTier: string | null;
}

/** What a model stream yields, whatever the wire API. */
export type ModelEvent =
  | { type: 'messageStarted'; itemId: string }
  | { type: 'textDelta'; itemId: string; delta: string }
  | { type: 'reasoningStarted'; itemId: string }
  | { type: 'reasoningSummaryPartAdded'; itemId: string; summaryIndex: number }
  | { type: 'reasoningSummaryDelta'; itemId: string; summaryIndex: number; delta: string }
  | { type: 'reasoningTextDelta'; itemId: string; contentIndex: number; delta: string }
  /** A finished output item, in canonical form, to append to the history. */
  | { type: 'itemDone'; itemId: string; item: ResponseItem; reasoningText?: string[] }
  | { type: 'completed'; responseId: string | null; usage: TokenUsageBreakdown | null };

export interface ModelClient {
  /**
   * Streams one response, the events of each network chunk together (a response can stream tens
   * of thousands of events, and every step of an async iteration costs promise hops). Events
   * that came before a failure are handed over, then it throws a `ModelError`; retrying is the
   * caller's business.
   */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<readonly ModelEvent[]>;
}
