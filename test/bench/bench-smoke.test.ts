/**
 * The benchmarks, run small so they cannot rot: they must complete and produce figures. No timing
 * is asserted here — targets are judged by `npm run bench:*` on a quiet machine.
 */
import { describe, expect, it } from 'vitest';
import { measureSandboxOverhead } from './sandbox-overhead.js';
import { measureStartup } from './startup.js';
import { runThreadsBench, threadsFigures } from './threads.js';
import { measureTurn } from './turn.js';

describe('benchmarks (smoke)', () => {
  it('start-up produces figures', async () => {
    const { runs, figures } = await measureStartup(2);
    expect(runs).toHaveLength(2);
    expect(figures.every((figure) => Number.isFinite(figure.value))).toBe(true);
  }, 60_000);

  it('the agent loop produces figures', async () => {
    const figures = await measureTurn({ turns: 2, deltas: 500 });
    expect(figures.every((figure) => Number.isFinite(figure.value) && figure.value > 0)).toBe(true);
  }, 60_000);

  it('durable threads produce figures', async () => {
    const result = await runThreadsBench({ turns: 20, outputBytes: 500, others: 30, runs: 1 });
    expect(result.listPage).toBe(25);
    expect(threadsFigures(result).every((figure) => Number.isFinite(figure.value) && figure.value > 0)).toBe(true);
  }, 120_000);
  it('the sandbox overhead produces figures', async () => {
    const figures = await measureSandboxOverhead(3);
    expect(figures.every((figure) => Number.isFinite(figure.value))).toBe(true);
  }, 60_000);
});
