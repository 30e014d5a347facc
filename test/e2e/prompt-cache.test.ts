/**
 * The prefix property: every model request of a thread is the previous request plus new items at
 * the end, byte for byte, with the same tools and `prompt_cache_key` = the thread id — across tool
 * calls, reasoning, a change of settings between turns (appended as an update, never edited in),
 * and a daemon restart with thread/resume.
 */
import { describe, expect, it } from 'vitest';
import { runCacheSession } from '../support/cache-session.js';

describe('cache-stable requests', () => {
  it('a multi-turn session with tool calls and a settings change keeps every request a prefix of the next', async () => {
    const session = await runCacheSession({ restart: false });
    expect(session.requests).toHaveLength(6);
    expect(session.report.pairs.filter((pair) => pair.problems.length > 0)).toEqual([]);
    expect(session.report.stability).toBe(1);

    // The settings change is one developer message appended before the second turn's prompt.
    const second = session.requests[3]?.json;
    const [update, prompt] = second.input.slice(-2);
    expect(prompt).toEqual({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'where are we now?' }] });
    expect(update.role).toBe('developer');
    const updateText: string = update.content[0].text;
    expect(updateText).toMatch(/^<settings_update>/);
    expect(updateText).toContain('Sandbox: read-only.');
    expect(updateText).toContain('Approval policy: on-request.');
    expect(updateText).toContain(`<cwd>${session.movedCwd}</cwd>`);
    expect(updateText).toContain('The model for this conversation is now gpt-test-b.');
    expect(updateText).toContain('Reasoning effort is now high.');
    expect(second.model).toBe('gpt-test-b');
    expect(second.reasoning).toEqual({ effort: 'high' });
    // The opening layers are untouched: still the first cwd.
    expect(JSON.stringify(second.input.slice(0, 2))).toBe(JSON.stringify(session.requests[0]?.json.input.slice(0, 2)));
    expect(second.input[1].content[0].text).toContain(`<cwd>${session.cwd}</cwd>`);

    // Reasoning goes back exactly as it came, encrypted content included.
    const fourth = session.requests[4]?.json;
    expect(fourth.input).toContainEqual({ type: 'reasoning', id: expect.any(String), summary: [{ type: 'summary_text', text: 'Checking where I am.' }], encrypted_content: 'enc-1' });
  });

  it(
    'the property also holds across a daemon restart and thread/resume',
    async () => {
      const session = await runCacheSession({ restart: true });
      expect(session.requests).toHaveLength(8);
      expect(session.report.pairs.filter((pair) => pair.problems.length > 0)).toEqual([]);
      // The first request after the restart starts with the last one before it.
      const last = session.requests[session.beforeRestart - 1]?.json;
      const resumed = session.requests[session.beforeRestart]?.json;
      expect(resumed.input.slice(0, last.input.length)).toEqual(last.input);
      expect(resumed.tools).toEqual(last.tools);
    },
  );
});
