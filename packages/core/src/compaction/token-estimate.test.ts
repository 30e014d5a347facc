import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../items/turn.js';
import { functionCallOutput, textMessage } from '../model/response-item.js';
import { ContextMeter, historyTokens, IMAGE_TOKENS, itemTokens } from './token-estimate.js';

describe('context size', () => {
  it('estimates four bytes a token, images a flat amount', () => {
    expect(itemTokens(textMessage('user', 'x'.repeat(400)))).toBe(104);
    expect(itemTokens({ type: 'message', role: 'user', content: [{ type: 'input_image', image_url: `data:image/png;base64,${'A'.repeat(100_000)}`, detail: 'auto' }] })).toBe(4 + IMAGE_TOKENS);
  });

  it("trusts the provider's count for what it saw and estimates what came after", () => {
    const history = [textMessage('user', 'x'.repeat(400)), functionCallOutput('c', 'y'.repeat(4000))];
    const meter = new ContextMeter();
    expect(meter.tokens(history, 50)).toBe(50 + historyTokens(history));
    meter.observe({ ...emptyUsage(), inputTokens: 9000 }, 1);
    expect(meter.tokens(history, 50)).toBe(9000 + 1008);
    meter.reset();
    expect(meter.tokens(history, 50)).toBe(50 + historyTokens(history));
  });
});
