/**
 * How full the context is, in tokens. The provider's count for the last request is the truth;
 * what was appended since (the response, tool outputs, new user input) is estimated at four bytes
 * a token, and so is everything when no count is known yet (a fresh or compacted history, a
 * server that does not report usage). Images count a flat amount: their data URLs are large, but
 * the model sees a picture, not the bytes.
 */
import type { TokenUsageBreakdown } from '../items/turn.js';
import type { ResponseItem } from '../model/response-item.js';

const BYTES_PER_TOKEN = 4;
/** What an image costs the model, roughly (a high-detail tile set). */
export const IMAGE_TOKENS = 1_000;

/** Estimated tokens of some text. */
export function textTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / BYTES_PER_TOKEN);
}

/** Estimated tokens of one history item as the model reads it. */
export function itemTokens(item: ResponseItem): number {
  switch (item.type) {
    case 'message':
      return 4 + item.content.reduce((sum, part) => sum + (part.type === 'input_image' ? IMAGE_TOKENS : textTokens(part.text)), 0);
    case 'function_call':
      return 8 + textTokens(item.name) + textTokens(item.arguments);
    case 'function_call_output':
      if (typeof item.output === 'string') return 8 + textTokens(item.output);
      return 8 + item.output.reduce((sum, part) => sum + (part.type === 'input_image' ? IMAGE_TOKENS : textTokens(part.text)), 0);
    case 'reasoning':
      return 8 + item.summary.reduce((sum, part) => sum + textTokens(part.text), 0) + textTokens(item.encrypted_content ?? '');
  }
}

export function historyTokens(items: readonly ResponseItem[]): number {
  let total = 0;
  for (const item of items) total += itemTokens(item);
  return total;
}

/**
 * Tracks the context size of one thread between requests: the last reported input count and the
 * history length it covered.
 */
export class ContextMeter {
  #reported: { inputTokens: number; historyLength: number } | undefined;

  /** A response reported its usage; `historyLength` is the length of the input it was asked with. */
  observe(usage: TokenUsageBreakdown, historyLength: number): void {
    if (usage.inputTokens > 0) this.#reported = { inputTokens: usage.inputTokens, historyLength };
  }

  /** The history was replaced (compaction): what was reported no longer applies. */
  reset(): void {
    this.#reported = undefined;
  }

  /** The context the next request would fill. `fixedTokens` covers instructions and tools. */
  tokens(history: readonly ResponseItem[], fixedTokens: number): number {
    const reported = this.#reported;
    if (!reported || reported.historyLength > history.length) return fixedTokens + historyTokens(history);
    return reported.inputTokens + historyTokens(history.slice(reported.historyLength));
  }
}
