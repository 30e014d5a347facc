/**
 * The summary request of a compaction: the history as it is, plus the compaction prompt — so the
 * request shares the provider's prompt cache with the turn's — answered with the model's hand-off
 * summary. When even that request overflows the window, the oldest items are dropped and it is
 * tried again; passing failures (429, 5xx, a dropped stream) are retried with backoff.
 */
import type { TokenUsageBreakdown } from '../items/turn.js';
import type { Logger } from '../logging.js';
import type { ModelClient, ModelRequest } from '../model/model-client.js';
import { ModelError } from '../model/model-error.js';
import { messageText, type ResponseItem } from '../model/response-item.js';
import { retryDelayMs, sleep } from '../model/retry.js';
import { compactionRequestMessage } from './compaction-messages.js';
import { dropOldest } from './compacted-history.js';

/** Each overflow drops at least this share of the items after the opening layers. */
const OVERFLOW_DROP_FRACTION = 0.1;

export interface SummarizeOptions {
  readonly model: ModelClient;
  /** The turn's request without its input: same instructions and tools, for the prompt cache. */
  readonly request: Omit<ModelRequest, 'input'>;
  readonly history: readonly ResponseItem[];
  readonly signal: AbortSignal;
  readonly maxRetries: number;
  readonly log: Logger;
  onUsage(usage: TokenUsageBreakdown): void;
  /** A passing failure; the request is sent again after `delayMs`. */
  onRetry(failure: ModelError, attempt: number, delayMs: number): void;
}

export interface Summary {
  readonly text: string;
  /** Oldest items left out of the summary request because it overflowed. */
  readonly droppedItems: number;
}

export async function summarize(options: SummarizeOptions): Promise<Summary> {
  let input = options.history;
  let attempt = 0;
  for (;;) {
    try {
      const text = await requestSummary(options, input);
      return { text, droppedItems: options.history.length - input.length };
    } catch (error) {
      if (options.signal.aborted) throw error;
      const failure = error instanceof ModelError ? error : new ModelError(`The summary request failed: ${(error as Error).message}`, 'other', false, { cause: error });
      if (failure.kind === 'contextWindowExceeded') {
        const smaller = dropOldest(input, OVERFLOW_DROP_FRACTION);
        if (!smaller) throw new ModelError(`Even the opening of the conversation does not fit the model's context window: ${failure.message}`, 'contextWindowExceeded', false, { cause: failure });
        options.log.warn({ dropped: input.length - smaller.length }, 'the summary request overflowed; dropping the oldest items');
        input = smaller;
        continue;
      }
      if (!failure.retryable || attempt >= options.maxRetries) throw failure;
      const delay = retryDelayMs(attempt, failure.retryAfterMs);
      attempt++;
      options.onRetry(failure, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

async function requestSummary(options: SummarizeOptions, input: readonly ResponseItem[]): Promise<string> {
  const request: ModelRequest = { ...options.request, input: [...input, compactionRequestMessage()] };
  const parts: string[] = [];
  let completed = false;
  for await (const events of options.model.stream(request, options.signal)) {
    for (const event of events) {
      if (event.type === 'itemDone' && event.item.type === 'message') parts.push(messageText(event.item));
      if (event.type === 'completed') {
        completed = true;
        if (event.usage) options.onUsage(event.usage);
      }
    }
  }
  const text = parts.join('\n').trim();
  if (!completed) throw new ModelError('The summary stream ended before it was complete.', 'responseStreamDisconnected', true);
  if (!text) throw new ModelError('The model answered the compaction request without a summary.', 'other', false);
  return text;
}
