// How long it takes to build one model request from a history of N items: copy the history (as
// the turn runner does), build the body, serialise it (as the openai package does before sending).
// The work must grow linearly with the history: a request is the whole conversation every time.
import { performance } from 'node:perf_hooks';
import { BASE_INSTRUCTIONS, builtInTools, chatBody, functionCallOutput, type ModelRequest, type ResponseItem, responsesBody, textMessage, ToolRegistry } from '@agentd/core';

export type Wire = 'responses' | 'chat';

export interface BuildFigure {
  readonly wire: Wire;
  readonly items: number;
  /** Bytes of the serialised body. */
  readonly bytes: number;
  readonly runs: number;
  /** Median time of one build, in milliseconds. */
  readonly medianMs: number;
  /** Best time of one build: the cost itself, least disturbed by other processes. */
  readonly bestMs: number;
  /** `bestMs / items`, in microseconds. */
  readonly perItemUs: number;
  /** Of that, serialising alone (V8's JSON.stringify of the finished body), per item, best time. */
  readonly serialisePerItemUs: number;
}

/** A history like a working session's: rounds of prompt, reasoning, tool call, output, answer. */
export function syntheticHistory(items: number): ResponseItem[] {
  const history: ResponseItem[] = [textMessage('developer', '<permissions>\nSandbox: workspace-write.\n</permissions>'), textMessage('user', '<environment_context>\n  <cwd>/work/project</cwd>\n</environment_context>')];
  for (let round = 0; history.length < items; round++) {
    const callId = `call_${round}`;
    const round_: ResponseItem[] = [
      textMessage('user', `Step ${round}: look at src/module-${round}.ts and fix the failing test.`),
      { type: 'reasoning', id: `rs_${round}`, summary: [{ type: 'summary_text', text: 'Reading the module first.' }], encrypted_content: 'gAAAA'.padEnd(400, 'x') },
      { type: 'function_call', call_id: callId, name: 'exec_command', arguments: JSON.stringify({ cmd: `sed -n 1,80p src/module-${round}.ts` }) },
      functionCallOutput(callId, `Exit code: 0\nWall time: 0.01 seconds\nOutput:\n${'export const value = 1;\n'.repeat(20)}`),
      textMessage('assistant', `Fixed module ${round}: the off-by-one in the loop bound.`),
    ];
    history.push(...round_.slice(0, items - history.length));
  }
  return history;
}

function request(input: readonly ResponseItem[]): Omit<ModelRequest, 'input'> & { input: readonly ResponseItem[] } {
  return {
    model: 'gpt-5.5',
    instructions: BASE_INSTRUCTIONS,
    input,
    tools: new ToolRegistry(builtInTools).specs,
    parallelToolCalls: true,
    reasoning: { effort: 'medium', summary: 'auto' },
    promptCacheKey: '01a21424-a84d-75f8-98ae-33ba91b8a7e2',
    outputSchema: null,
    serviceTier: null,
  };
}

function bodyOf(wire: Wire, history: readonly ResponseItem[]): Record<string, unknown> {
  return wire === 'responses' ? responsesBody(request(history.slice())) : chatBody(request(history.slice()));
}

function buildOnce(wire: Wire, history: readonly ResponseItem[]): string {
  return JSON.stringify(bodyOf(wire, history));
}

/** Best time of `run` over at least `minRuns` runs and `minMs` milliseconds, and all the times sorted. */
function time(run: () => unknown, minRuns: number, minMs: number): number[] {
  for (let warm = 0; warm < 3; warm++) run();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minMs) {
    const before = performance.now();
    run();
    times.push(performance.now() - before);
  }
  return times.sort((a, b) => a - b);
}

/** Times builds of each size for at least `minMs` (and `minRuns`), after a warm-up; medians. */
export function measureRequestBuild(sizes: readonly number[], opts: { wires?: readonly Wire[]; minMs?: number; minRuns?: number } = {}): BuildFigure[] {
  const figures: BuildFigure[] = [];
  for (const wire of opts.wires ?? ['responses', 'chat']) {
    for (const items of sizes) {
      const history = syntheticHistory(items);
      // Garbage of the previous size must not be collected on this one's time (with --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const bytes = Buffer.byteLength(buildOnce(wire, history));
      const minRuns = opts.minRuns ?? 5;
      const minMs = opts.minMs ?? 300;
      const times = time(() => buildOnce(wire, history), minRuns, minMs);
      const body = bodyOf(wire, history);
      const serialiseBestMs = time(() => JSON.stringify(body), minRuns, minMs)[0] as number;
      const medianMs = times[Math.floor(times.length / 2)] as number;
      const bestMs = times[0] as number;
      figures.push({ wire, items, bytes, runs: times.length, medianMs, bestMs, perItemUs: (bestMs * 1000) / items, serialisePerItemUs: (serialiseBestMs * 1000) / items });
    }
  }
  return figures;
}

/** Growth of the best time from one size to the next, against linear growth (1.0 = exactly linear). */
export function growth(figures: readonly BuildFigure[]): { wire: Wire; from: number; to: number; timeRatio: number; sizeRatio: number; vsLinear: number }[] {
  const out = [];
  for (let index = 1; index < figures.length; index++) {
    const a = figures[index - 1] as BuildFigure;
    const b = figures[index] as BuildFigure;
    if (a.wire !== b.wire) continue;
    const timeRatio = b.bestMs / a.bestMs;
    const sizeRatio = b.items / a.items;
    out.push({ wire: b.wire, from: a.items, to: b.items, timeRatio, sizeRatio, vsLinear: timeRatio / sizeRatio });
  }
  return out;
}
