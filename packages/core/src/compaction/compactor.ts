/**
 * When and how a thread compacts its history. Automatically when the context reaches the
 * threshold — checked before a turn and before every model request inside one — or at once when
 * the provider refused a request as too long; on demand for thread/compact/start. One compaction
 * is a `contextCompaction` item of the running turn: the model writes a hand-off summary, and the
 * history becomes the opening layers (rebuilt for the current settings), the user's recent
 * messages and the summary, followed by `thread/compacted`. The thread owns the history; this
 * only decides and asks.
 */
import type { ContextCompactionItem } from '../items/thread-item.js';
import type { TokenUsageBreakdown } from '../items/turn.js';
import { uuidv7 } from '../ids.js';
import type { Logger } from '../logging.js';
import type { ModelClient, ModelRequest } from '../model/model-client.js';
import type { ResponseItem } from '../model/response-item.js';
import type { ThreadEvent } from '../turn/events.js';
import type { ThreadSettings } from '../turn/settings.js';
import { compactedHistory, keptUserTokens } from './compacted-history.js';
import { summarize } from './summarize.js';
import { ContextMeter, textTokens } from './token-estimate.js';

/** What the compactor needs from its thread. */
export interface CompactorHost {
  history(): readonly ResponseItem[];
  /** Replaces the history and writes the checkpoint resume starts from. */
  replaceHistory(items: readonly ResponseItem[], turnId: string): void;
  /** A request without input, as the turn sends it (same instructions and tools: the cache). */
  request(settings: ThreadSettings): Promise<Omit<ModelRequest, 'input'>>;
  /** The developer and context messages for these settings, AGENTS.md read again. */
  openingLayers(settings: ThreadSettings): Promise<ResponseItem[]>;
  model(settings: ThreadSettings): { client: ModelClient; maxRetries: number };
  /** Tokens of context at which to compact; null: only on demand. */
  autoCompactLimit(model: string): number | null;
  recordUsage(turnId: string, usage: TokenUsageBreakdown, model: string): void;
  emit(event: ThreadEvent): void;
}

/** The running turn a compaction belongs to. */
export interface CompactionTurn {
  readonly id: string;
  readonly signal: AbortSignal;
}

export class Compactor {
  readonly #host: CompactorHost;
  /** How full the context is, from the provider's counts. */
  readonly #meter = new ContextMeter();
  /** False right after a compaction until the model answers again: never twice in a row. */
  #grew = true;

  constructor(host: CompactorHost) {
    this.#host = host;
  }

  /** A response reported usage; `historyLength` is the length of the input it answered. */
  observeUsage(usage: TokenUsageBreakdown, historyLength: number): void {
    this.#meter.observe(usage, historyLength);
  }

  /** The model answered and its items were appended. */
  historyGrew(): void {
    this.#grew = true;
  }

  /**
   * Compacts if the context has reached the threshold (or, with `overflowed`, unconditionally).
   * A failure is told as a warning and the history stays as it was; only an interruption throws.
   * True when the history was compacted.
   */
  async compactIfFull(turn: CompactionTurn, settings: ThreadSettings, log: Logger, options: { overflowed?: boolean } = {}): Promise<boolean> {
    const limit = this.#host.autoCompactLimit(settings.model);
    const fixed = await this.#fixedTokens(settings);
    if (options.overflowed) {
      log.info('the request overflowed the context window; compacting the history');
    } else {
      if (limit === null || !this.#grew) return false;
      const used = this.#meter.tokens(this.#host.history(), fixed);
      if (used < limit) return false;
      log.info({ usedTokens: used, limitTokens: limit }, 'compacting the history automatically');
    }
    try {
      await this.compact(turn, settings, log);
    } catch (error) {
      if (turn.signal.aborted) throw error;
      log.warn({ err: error }, 'automatic compaction failed');
      this.#warn(`Automatic compaction failed: ${(error as Error).message} The conversation continues as it was.`);
      return false;
    }
    const after = this.#meter.tokens(this.#host.history(), fixed);
    if (limit !== null && after >= limit) {
      this.#warn(`The compacted conversation still fills about ${after} tokens of the ${limit}-token compaction threshold; the model's context window is too small for this work.`);
    }
    return true;
  }

  /** One compaction. Throws, leaving the history untouched, when no summary can be had. */
  async compact(turn: CompactionTurn, settings: ThreadSettings, log: Logger): Promise<void> {
    const host = this.#host;
    const item: ContextCompactionItem = { type: 'contextCompaction', id: uuidv7(), startedAtMs: Date.now(), completedAtMs: null };
    host.emit({ type: 'itemStarted', turnId: turn.id, item: { ...item } });
    try {
      const model = host.model(settings);
      const summary = await summarize({
        model: model.client,
        request: await host.request(settings),
        history: host.history().slice(),
        signal: turn.signal,
        maxRetries: model.maxRetries,
        log,
        onUsage: (usage) => host.recordUsage(turn.id, usage, settings.model),
        onRetry: (failure, attempt, delayMs) =>
          host.emit({
            type: 'error',
            turnId: turn.id,
            willRetry: true,
            error: {
              message: `Compaction: ${failure.message} Retrying (${attempt}/${model.maxRetries}) in ${Math.ceil(delayMs / 100) / 10} s…`,
              kind: failure.kind,
              httpStatusCode: failure.httpStatusCode ?? null,
              additionalDetails: null,
            },
          }),
      });
      if (summary.droppedItems > 0) log.warn({ droppedItems: summary.droppedItems }, 'the oldest items did not fit the summary request');
      const opening = await host.openingLayers(settings);
      const userTokens = keptUserTokens(host.autoCompactLimit(settings.model));
      host.replaceHistory(compactedHistory(opening, host.history(), summary.text, userTokens), turn.id);
      this.#meter.reset();
      this.#grew = false;
    } finally {
      host.emit({ type: 'itemCompleted', turnId: turn.id, item: { ...item, completedAtMs: Date.now() } });
    }
    host.emit({ type: 'compacted', turnId: turn.id });
  }

  /** Instructions and tools: what every request carries besides the history. */
  async #fixedTokens(settings: ThreadSettings): Promise<number> {
    const request = await this.#host.request(settings);
    return textTokens(request.instructions) + textTokens(JSON.stringify(request.tools));
  }

  #warn(message: string): void {
    this.#host.emit({ type: 'warning', message });
  }
}
