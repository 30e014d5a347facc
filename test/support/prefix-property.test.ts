import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from './model-server.js';
import { checkPrefixProperty } from './prefix-property.js';

function recorded(index: number, body: Record<string, unknown>, endpoint: 'responses' | 'chat' = 'responses'): RecordedRequest {
  const raw = JSON.stringify(body);
  return { index, method: 'POST', path: '/v1/responses', headers: {}, raw, json: JSON.parse(raw), endpoint, receivedAt: 0, served: 'reply', outcome: 'completed', settled: Promise.resolve('completed') };
}

const tools = [{ type: 'function', name: 'exec_command' }];
const item = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

describe('the prefix-property check', () => {
  it('accepts requests that only grow at the end', () => {
    const report = checkPrefixProperty(
      [
        recorded(0, { input: [item('a')], tools, prompt_cache_key: 't' }),
        recorded(1, { input: [item('a'), item('b')], tools, prompt_cache_key: 't' }),
        recorded(2, { input: [item('a'), item('b'), item('c')], tools, prompt_cache_key: 't' }),
      ],
      't',
    );
    expect(report).toEqual({ pairs: [{ from: 0, to: 1, problems: [] }, { from: 1, to: 2, problems: [] }], stability: 1 });
  });

  it('catches an edited item, a text that only looks like a prefix, changed tools and a wrong cache key', () => {
    const report = checkPrefixProperty(
      [
        recorded(0, { input: [item('a')], tools, prompt_cache_key: 't' }),
        recorded(1, { input: [item('a2')], tools, prompt_cache_key: 't' }),
        recorded(2, { input: [item('a2'), item('b')], tools: [...tools, { type: 'function', name: 'x' }], prompt_cache_key: 'other' }),
      ],
      't',
    );
    expect(report.stability).toBe(0);
    expect(report.pairs[0]?.problems).toEqual([expect.stringMatching(/^conversation of #1 does not extend #0/)]);
    expect(report.pairs[1]?.problems).toEqual(['tools of #2 differ from #1', 'prompt_cache_key of #2 is other, not the thread id']);
  });
});
