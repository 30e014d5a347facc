// Smoke run of the context benchmark: it runs and prints its figures. No timing assertions here —
// `npm run bench:context` is where the figures are read.
import { expect, it } from 'vitest';
import { runContextBench } from './context.js';
import { syntheticHistory } from './request-build.js';

it('the context benchmark runs and prints its figures', async () => {
  const lines: string[] = [];
  const { stability } = await runContextBench({ sizes: [10, 100], minMs: 1, print: (line) => lines.push(line) });
  expect(lines.some((line) => /^responses\s+100\s/.test(line))).toBe(true);
  expect(lines.some((line) => /^chat\s+100\s/.test(line))).toBe(true);
  expect(stability).toEqual({ responses: 1, chat: 1 });
  expect(syntheticHistory(1000)).toHaveLength(1000);
});
