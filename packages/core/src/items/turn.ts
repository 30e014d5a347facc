/** A turn: one user request and everything the agent did for it. */
import type { ThreadItem } from './thread-item.js';

export type TurnStatus = 'inProgress' | 'completed' | 'interrupted' | 'failed';

export interface TurnError {
  message: string;
  /** A machine-readable category (`unauthorized`, `rateLimitExceeded`, …) when one applies. */
  kind: TurnErrorKind | null;
  httpStatusCode: number | null;
  additionalDetails: string | null;
}

export type TurnErrorKind =
  | 'contextWindowExceeded'
  | 'usageLimitExceeded'
  | 'rateLimitExceeded'
  | 'serverOverloaded'
  | 'modelNotFound'
  | 'internalServerError'
  | 'unauthorized'
  | 'badRequest'
  | 'sandboxError'
  | 'responseStreamDisconnected'
  | 'responseTooManyFailedAttempts'
  | 'httpConnectionFailed'
  | 'other';

export interface Turn {
  id: string;
  items: ThreadItem[];
  status: TurnStatus;
  error: TurnError | null;
  /** Epoch seconds. */
  startedAt: number | null;
  completedAt: number | null;
  durationMs: number | null;
}

export interface TokenUsageBreakdown {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

export interface TokenUsage {
  last: TokenUsageBreakdown;
  total: TokenUsageBreakdown;
  modelContextWindow: number | null;
}

export function emptyUsage(): TokenUsageBreakdown {
  return { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 };
}

export function addUsage(a: TokenUsageBreakdown, b: TokenUsageBreakdown): TokenUsageBreakdown {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningOutputTokens: a.reasoningOutputTokens + b.reasoningOutputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
