import { describe, expect, it } from 'vitest';
import type { v2 } from '@agentd/protocol';
import { jsonInParts } from '../transport/json-in-parts.js';
import { withTurnsInParts } from './thread.js';

const turn = (id: string, status: v2.TurnStatus, text: string): v2.Turn =>
  ({ id, status, items: [{ type: 'reasoning', id: `r-${id}`, summary: [text], content: [] }] }) as unknown as v2.Turn;

describe('withTurnsInParts', () => {
  it('serialises the turns in parts, a running turn as it was when the answer was made', () => {
    const running = turn('b', 'inProgress', 'thinking');
    const result = withTurnsInParts({ thread: { id: 't', turns: [turn('a', 'completed', 'done'), running] } as unknown as v2.Thread });
    // The turn goes on streaming after the answer was made, before it is written.
    (running.items[0] as unknown as { summary: string[] }).summary.push(' more');
    const written = JSON.parse([...jsonInParts({ id: 1, result })].join(''));
    expect(written.result.thread.turns.map((t: v2.Turn) => t.id)).toEqual(['a', 'b']);
    expect(written.result.thread.turns[1].items[0].summary).toEqual(['thinking']);
  });
});
