/**
 * A small run of the durable-thread benchmark, so it keeps working: it must produce every figure.
 * No timing is asserted here; `npm run bench:threads` runs it at full size and prints the figures.
 */
import { expect, it } from 'vitest';
import { formatThreadsBench, runThreadsBench } from './threads-bench.js';

it('runs the thread benchmarks at a small size', { timeout: 120_000 }, async () => {
  const result = await runThreadsBench({ turns: 20, outputBytes: 500, others: 30, runs: 1 });
  expect(result.turns).toBe(20);
  expect(result.listPage).toBe(25);
  for (const value of [result.resumeMs.alone, result.resumeMs.withOthers, result.listMs.rebuild, result.listMs.fresh, result.listMs.warm]) {
    expect(Number.isFinite(value)).toBe(true);
  }
  expect(result.resumePeakRssMb.alone).toBeGreaterThan(0);
  expect(formatThreadsBench(result)).toContain('thread/list');
});
