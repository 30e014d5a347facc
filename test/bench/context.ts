// Benchmark of the prompt and its requests:
//
//   npm run bench:context
//
// 1. Time to build a request at 10 / 100 / 1,000 / 10,000 history items, per item: it must grow
//    linearly (the per-item cost stays flat).
// 2. Prefix stability of the scripted session (see test/support/cache-session.ts): the share of
//    consecutive model requests where the later one extends the earlier one byte for byte, with
//    the same tools and cache key. Target: 100%.
import { handlers } from '@agentd/app-server';
import { runCacheSession } from '../support/cache-session.js';
import { isMain } from './bench-table.js';
import { growth, measureRequestBuild } from './request-build.js';

export interface ContextBenchOptions {
  readonly sizes: readonly number[];
  readonly minMs: number;
  /** Builds timed per size at least (the best of many is the figure that matters). */
  readonly minRuns?: number;
  readonly print: (line: string) => void;
}

export async function runContextBench(opts: ContextBenchOptions): Promise<{ stability: Record<string, number> }> {
  const { print } = opts;
  print('Request build time (copy the history, build the body, serialise it)');
  print('wire       items     body bytes   runs   median ms     best ms   µs/item (best)   of which serialising');
  const figures = measureRequestBuild(opts.sizes, { minMs: opts.minMs, ...(opts.minRuns ? { minRuns: opts.minRuns } : {}) });
  for (const f of figures) {
    print(`${f.wire.padEnd(9)} ${String(f.items).padStart(6)} ${String(f.bytes).padStart(14)} ${String(f.runs).padStart(6)} ${f.medianMs.toFixed(3).padStart(11)} ${f.bestMs.toFixed(3).padStart(11)} ${f.perItemUs.toFixed(3).padStart(16)} ${f.serialisePerItemUs.toFixed(3).padStart(22)}`);
  }
  for (const g of growth(figures)) {
    print(`${g.wire}: ${g.from} → ${g.to} items: time ×${g.timeRatio.toFixed(1)} for ×${g.sizeRatio} items (${g.vsLinear.toFixed(2)} of linear)`);
  }

  const restart = 'thread/resume' in handlers;
  print('');
  print(`Prefix stability of the scripted session (3 turns, tool calls, a settings change${restart ? ', a restart + thread/resume' : '; no restart: thread/resume is not built yet'})`);
  const stability: Record<string, number> = {};
  for (const wireApi of ['responses', 'chat'] as const) {
    const session = await runCacheSession({ restart, wireApi });
    const stable = session.report.pairs.filter((pair) => pair.problems.length === 0).length;
    stability[wireApi] = session.report.stability;
    print(`${wireApi.padEnd(9)} ${stable}/${session.report.pairs.length} consecutive requests keep the prefix: ${(session.report.stability * 100).toFixed(1)}% (target 100%)`);
    for (const pair of session.report.pairs) for (const problem of pair.problems) print(`  ${problem}`);
  }
  return { stability };
}

if (isMain(import.meta.url)) {
  await runContextBench({ sizes: [10, 100, 1_000, 10_000], minMs: 1_000, minRuns: 40, print: (line) => console.log(line) });
}
