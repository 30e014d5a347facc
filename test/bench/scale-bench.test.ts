/**
 * The scale benchmark, run small so it cannot rot: every scenario runs against the built daemon and
 * produces its figures. No timing or memory is asserted here — `npm run bench:scale` is where the
 * figures are read against their targets.
 */
import { describe, expect, it } from 'vitest';
import { FULL_SCALE, type ScaleOptions, concurrentTurns, createdThreads, idleThreads, longThread, printScale, releasedThreads, slowClient, streamedDeltas } from './scale.js';
import type { ScenarioResult } from './scale-kit.js';

const SMALL: ScaleOptions = {
  ...FULL_SCALE,
  concurrentTurns: 3,
  concurrentRounds: 1,
  modelDelayMs: 50,
  idleThreads: 4,
  createdThreads: 8,
  creationConcurrency: 4,
  deltas: 500,
  slowReadSeconds: 1,
  slowDeltas: 20_000,
  longThreadTurns: 4,
  turnChars: 256,
  releasedThreads: 3,
};

/** Every figure is a number. */
function expectFigures(result: ScenarioResult): void {
  expect(result.figures.length).toBeGreaterThan(0);
  for (const figure of result.figures) {
    expect(Number.isFinite(figure.value), `${result.name}: ${figure.name}`).toBe(true);
  }
  expect(Number.isFinite(result.cpuMs) && Number.isFinite(result.peakRssMiB)).toBe(true);
}

describe('the scale benchmark (smoke)', () => {
  it('runs every scenario that needs no durable threads and prints its table', async () => {
    const results = [await concurrentTurns(SMALL), await idleThreads(SMALL), await createdThreads(SMALL), await streamedDeltas(SMALL), await slowClient(SMALL)];
    for (const result of results) expectFigures(result);
    printScale(results, 'smoke run');
  }, 180_000);

  it('a long thread, its rollout and its resume', async () => {
    expectFigures(await longThread(SMALL));
  }, 120_000);

  it('idle unsubscribed threads are released', async () => {
    expectFigures(await releasedThreads(SMALL));
  }, 120_000);
});
