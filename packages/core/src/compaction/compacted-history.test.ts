import { describe, expect, it } from 'vitest';
import { functionCallOutput, messageText, type ResponseItem, textMessage } from '../model/response-item.js';
import { compactedHistory, dropOldest, isUserInput, keptUserTokens, openingLength, recentUserMessages } from './compacted-history.js';
import { summaryMessage } from './compaction-messages.js';

const opening = [textMessage('developer', '<permissions>rules</permissions>'), textMessage('user', '<environment_context>\n  <cwd>/w</cwd>\n</environment_context>')];
const call = (id: string): ResponseItem => ({ type: 'function_call', call_id: id, name: 'exec_command', arguments: '{}' });

describe('the compacted history', () => {
  it('is the opening, the recent user messages oldest first, then the summary', () => {
    const history = [
      ...opening,
      textMessage('user', 'first request'),
      textMessage('assistant', 'ok'),
      summaryMessage('an older summary'),
      textMessage('developer', '<settings_update>x</settings_update>'),
      textMessage('user', 'second request'),
      call('c1'),
      functionCallOutput('c1', 'out'),
    ];
    const compacted = compactedHistory(opening, history, 'What happened.', 1000);
    expect(compacted.map((item) => (item.type === 'message' ? `${item.role}: ${messageText(item).split('\n')[0]}` : item.type))).toEqual([
      'developer: <permissions>rules</permissions>',
      'user: <environment_context>',
      'user: first request',
      'user: second request',
      'user: <conversation_summary>',
    ]);
    expect(messageText(compacted.at(-1) as ResponseItem)).toContain('What happened.');
    expect(history.filter(isUserInput).map((item) => messageText(item))).toEqual(['first request', 'second request']);
  });

  it('keeps the newest user messages within the budget, the newest shortened when it alone is over', () => {
    const history = [textMessage('user', 'a'.repeat(400)), textMessage('user', 'b'.repeat(40)), textMessage('user', 'c'.repeat(40))];
    expect(recentUserMessages(history, 20).map((item) => messageText(item))).toEqual(['b'.repeat(40), 'c'.repeat(40)]);
    const [only] = recentUserMessages([textMessage('user', `${'x'.repeat(500)}${'y'.repeat(500)}`)], 50);
    expect(messageText(only as ResponseItem)).toBe(`${'x'.repeat(100)}\n[… 800 bytes elided …]\n${'y'.repeat(100)}`);
  });

  it('gives user messages a fifth of the threshold, at most 20,000 tokens', () => {
    expect(keptUserTokens(5000)).toBe(1000);
    expect(keptUserTokens(232_560)).toBe(20_000);
    expect(keptUserTokens(null)).toBe(20_000);
  });

  it('drops the oldest items after the opening, a call with its output', () => {
    const history = [...opening, call('c1'), textMessage('user', 'u1'), functionCallOutput('c1', 'o1'), textMessage('user', 'u2'), call('c2'), functionCallOutput('c2', 'o2')];
    expect(openingLength(history)).toBe(2);
    const smaller = dropOldest(history, 0.1);
    expect(smaller).toEqual([...opening, textMessage('user', 'u1'), textMessage('user', 'u2'), call('c2'), functionCallOutput('c2', 'o2')]);
    expect(dropOldest(opening, 0.1)).toBeUndefined();
  });
});
