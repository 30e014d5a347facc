/**
 * What the history becomes after compaction: the opening layers (developer and context messages,
 * rebuilt for the current settings), the user's most recent messages within a token budget, then
 * the model's hand-off summary. And, for a summary request that does not fit the window, the
 * history with its oldest items dropped — a tool call always together with its output.
 */
import { elisionMarker, utf8Length, utf8Prefix, utf8Suffix } from '../exec/head-tail-text.js';
import { type MessageItem, type ResponseItem, textMessage } from '../model/response-item.js';
import { isContextMessage } from '../prompt/context-messages.js';
import { isSummaryMessage, summaryMessage } from './compaction-messages.js';
import { textTokens } from './token-estimate.js';

/** At most this many tokens of recent user messages survive a compaction. */
export const MAX_KEPT_USER_TOKENS = 20_000;

/** The budget for recent user messages: a fifth of the compaction threshold, at most 20,000 tokens. */
export function keptUserTokens(thresholdTokens: number | null): number {
  return Math.min(MAX_KEPT_USER_TOKENS, thresholdTokens === null ? MAX_KEPT_USER_TOKENS : Math.floor(thresholdTokens / 5));
}

/** Messages the user wrote (turn input and steering), not the layers or summaries agentd adds. */
export function isUserInput(item: ResponseItem): item is MessageItem {
  return item.type === 'message' && item.role === 'user' && !isContextMessage(item) && !isSummaryMessage(item);
}

export function compactedHistory(opening: readonly ResponseItem[], history: readonly ResponseItem[], summary: string, userTokens: number): ResponseItem[] {
  return [...opening, ...recentUserMessages(history, userTokens), summaryMessage(summary)];
}

/**
 * The newest user messages (their text) that fit `budgetTokens`, oldest first. The newest one is
 * kept even when it alone is over the budget: shortened in the middle.
 */
export function recentUserMessages(history: readonly ResponseItem[], budgetTokens: number): MessageItem[] {
  const kept: MessageItem[] = [];
  let remaining = budgetTokens;
  for (let index = history.length - 1; index >= 0 && remaining > 0; index--) {
    const item = history[index] as ResponseItem;
    if (!isUserInput(item)) continue;
    const text = item.content.flatMap((part) => ('text' in part ? [part.text] : [])).join('\n');
    if (!text.trim()) continue;
    const tokens = textTokens(text);
    if (tokens <= remaining) {
      kept.push(textMessage('user', text));
      remaining -= tokens;
      continue;
    }
    kept.push(textMessage('user', middleCut(text, remaining * 4)));
    break;
  }
  return kept.reverse();
}

function middleCut(text: string, maxBytes: number): string {
  const half = Math.floor(maxBytes / 2);
  const head = utf8Prefix(text, half);
  const tail = utf8Suffix(text, half);
  return `${head}\n${elisionMarker(utf8Length(text) - utf8Length(head) - utf8Length(tail))}\n${tail}`;
}

/** How many leading items are the opening layers (developer and context messages). */
export function openingLength(history: readonly ResponseItem[]): number {
  let length = 0;
  while (length < history.length) {
    const item = history[length] as ResponseItem;
    if (item.type !== 'message' || !(item.role === 'developer' || isContextMessage(item))) break;
    length++;
  }
  return length;
}

/**
 * The history without its oldest items after the opening, at least `fraction` of what follows the
 * opening (by count, at least one). A call goes with its outputs, so what remains stays valid.
 * Returns undefined when nothing is left to drop.
 */
export function dropOldest(history: readonly ResponseItem[], fraction: number): ResponseItem[] | undefined {
  const start = openingLength(history);
  const rest = history.slice(start);
  if (rest.length === 0) return undefined;
  const target = Math.max(1, Math.ceil(rest.length * fraction));
  const droppedCalls = new Set<string>();
  let dropped = 0;
  while (dropped < target && dropped < rest.length) {
    const item = rest[dropped] as ResponseItem;
    if (item.type === 'function_call') droppedCalls.add(item.call_id);
    dropped++;
  }
  const kept = rest.slice(dropped).filter((item) => !(item.type === 'function_call_output' && droppedCalls.has(item.call_id)));
  // An output whose call was dropped earlier, or a call whose output is gone, would be rejected.
  const calls = new Set(kept.flatMap((item) => (item.type === 'function_call' ? [item.call_id] : [])));
  const valid = kept.filter((item) => item.type !== 'function_call_output' || calls.has(item.call_id));
  return [...history.slice(0, start), ...valid];
}
