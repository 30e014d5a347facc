/**
 * The two messages of compaction: the request that asks the model for a hand-off summary (the last
 * item of the summary request), and the summary as it stands in the compacted history.
 */
import { type MessageItem, messageText, type ResponseItem, textMessage } from '../model/response-item.js';

const SUMMARY_OPEN = '<conversation_summary>';

export const COMPACTION_PROMPT = `<compaction_request>
The conversation is about to be compacted to free the context window: everything above will be replaced by your summary and the user's most recent messages. Write a hand-off summary that lets you (or a colleague) continue the work without the history:
- the user's goal, and every requirement, constraint and preference they stated, also in earlier messages;
- what was done: files created or changed (paths), commands run and what they showed, decisions made and why;
- the current state: what works, what fails, exact error messages still open;
- what remains to do, as concrete next steps.
Be specific (paths, names, exact text) and brief. Reply with the summary only; do not call tools.
</compaction_request>`;

export function compactionRequestMessage(): MessageItem {
  return textMessage('user', COMPACTION_PROMPT);
}

/** The summary as the compacted history carries it, after the user's recent messages. */
export function summaryMessage(summary: string): MessageItem {
  return textMessage(
    'user',
    `${SUMMARY_OPEN}\nEarlier turns of this conversation were compacted. This is the hand-off summary written at that point; the user messages before it are the most recent ones, verbatim. Continue from here.\n\n${summary.trim()}\n</conversation_summary>`,
  );
}

export function isSummaryMessage(item: ResponseItem): boolean {
  return item.type === 'message' && item.role === 'user' && messageText(item).startsWith(SUMMARY_OPEN);
}
