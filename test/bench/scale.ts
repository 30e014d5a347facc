/**
 * One daemon, many threads: the built daemon against the scripted model server, one table.
 * - 20 turns started at once, the model answering after 200 ms: p99 turn/start → turn/completed
 *   (target ≤ 500 ms);
 * - 100 loaded idle threads: resident memory per thread over the daemon without them (≤ 100 KiB);
 * - 500 threads created, one short turn each: threads/s (≥ 50) and resident memory at the end
 *   (≤ 150 MiB);
 * - 20,000 deltas in one message: deltas/s to the client, in order (≥ 50,000);
 * - a client reading stdout at 10 KiB/s during a streaming turn: the daemon's memory stays bounded
 *   and the model stream is paced (read no faster than the client reads), not buffered;
 * - a 300-turn thread (2 KiB prompt, 2 KiB answer a turn): daemon time per turn at turn 1 and turn
 *   300 against the request's size, the rollout's size, and the time to resume it;
 * - idle threads nobody follows are released (`thread/closed`), and their memory with them.
 *
 * Every scenario runs in a fresh daemon. The machine may be busy: the daemon's own CPU time
 * (/proc/<pid>/stat) is printed beside wall time, and load averages beside the table.
 *
 *   npm run bench:scale
 */
import { readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { reply } from '../support/index.js';
import { type Figure, formatNumber, isMain, median, meets, percentile, printColumns } from './bench-table.js';
import { type ScaleEnv, type ScaleEnvOptions, type ScenarioResult, inParallel, MiB, prose, scaleEnv } from './scale-kit.js';

export interface ScaleOptions {
  /** Threads with a turn each in the concurrency scenario, and rounds of them. */
  readonly concurrentTurns: number;
  readonly concurrentRounds: number;
  readonly modelDelayMs: number;
  readonly idleThreads: number;
  readonly createdThreads: number;
  /** Clients' requests in flight at once while creating threads. */
  readonly creationConcurrency: number;
  readonly deltas: number;
  /** The slow client: read rate, how long it reads slowly, and how much the model would send. */
  readonly slowReadBytesPerSecond: number;
  readonly slowReadSeconds: number;
  readonly slowDeltas: number;
  readonly longThreadTurns: number;
  readonly turnChars: number;
  /** Threads released by the idle unload, and the idle time configured for it. */
  readonly releasedThreads: number;
}

export const FULL_SCALE: ScaleOptions = {
  concurrentTurns: 20,
  concurrentRounds: 5,
  modelDelayMs: 200,
  idleThreads: 100,
  createdThreads: 500,
  creationConcurrency: 10,
  deltas: 20_000,
  slowReadBytesPerSecond: 10 * 1024,
  slowReadSeconds: 10,
  slowDeltas: 200_000,
  longThreadTurns: 300,
  turnChars: 2048,
  releasedThreads: 100,
};

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

/** Daemon CPU time and wall time of the measured parts of a scenario. */
class Meter {
  cpuMs = 0;
  wallMs = 0;
  readonly #env: ScaleEnv;

  constructor(env: ScaleEnv) {
    this.#env = env;
  }

  async measure<T>(part: () => Promise<T>): Promise<T> {
    const daemon = this.#env.daemon;
    const cpuBefore = daemon.cpuMs();
    const started = performance.now();
    try {
      return await part();
    } finally {
      this.wallMs += performance.now() - started;
      this.cpuMs += daemon.cpuMs() - cpuBefore;
    }
  }
}

type ScenarioBody = Omit<ScenarioResult, 'cpuMs' | 'wallMs' | 'peakRssMiB'>;

/** Runs `body` in a fresh daemon; adds the CPU and wall time it measured and the daemon's peak RSS. */
async function scenario(options: ScaleEnvOptions, body: (env: ScaleEnv, meter: Meter) => Promise<ScenarioBody>): Promise<ScenarioResult> {
  const env = await scaleEnv(options);
  const meter = new Meter(env);
  try {
    const result = await body(env, meter);
    return { ...result, cpuMs: meter.cpuMs, wallMs: meter.wallMs, peakRssMiB: env.daemon.memoryKiB().peak / 1024 };
  } finally {
    await env.dispose();
  }
}

/** N threads each start a turn at the same moment; the model answers each after a delay. */
export function concurrentTurns(o: ScaleOptions): Promise<ScenarioResult> {
  return scenario({}, async (env, meter) => {
    env.model.setDefault(reply.text('Done.', { delayMs: o.modelDelayMs }));
    const threads = await Promise.all(Array.from({ length: o.concurrentTurns }, () => env.startThread()));
    // A first round loads the model client and warms the code: paid once per daemon, not counted.
    await Promise.all(threads.map((threadId) => env.turns.run(env.daemon, threadId, 'warm up')));
    const latencies: number[] = [];
    await meter.measure(async () => {
      for (let round = 0; round < o.concurrentRounds; round++) {
        const runs = await Promise.all(threads.map((threadId, index) => env.turns.run(env.daemon, threadId, `round ${round} thread ${index}`)));
        for (const run of runs) latencies.push(run.completedAt - run.sentAt);
      }
    });
    const turns = latencies.length;
    return {
      name: `${o.concurrentTurns} turns at once, model answers in ${o.modelDelayMs} ms (${o.concurrentRounds} rounds)`,
      latenciesMs: latencies,
      figures: [
        { name: 'turn/start → turn/completed, p99', value: percentile(latencies, 99), unit: 'ms', target: { op: '<=', limit: 500 } },
        { name: 'daemon CPU per turn', value: meter.cpuMs / turns, unit: 'ms' },
      ],
    };
  });
}

/**
 * Threads with one short turn each, left loaded and idle: what each one keeps resident. The daemon
 * they are measured over has first done the same work and let it go, twice: as many threads,
 * created the same way, then unsubscribed and unloaded (idle unload). What V8 grows under that
 * work (compiled code, a young generation sized to the allocation rate; the table shows the latter)
 * is then the daemon's, not the threads'. Measured twice: the first batch, then as many threads
 * again.
 */
export function idleThreads(o: ScaleOptions): Promise<ScenarioResult> {
  return scenario({ toml: `[limits]\nidle_thread_unload_sec = ${WARM_UP_UNLOAD_SEC}` }, async (env, meter) => {
    env.model.setDefault(reply.text('Done.'));
    const runThreads = (batch: string) => threadsWithOneTurn(env, o.idleThreads, o.creationConcurrency, (index) => `${batch} thread ${index}: say done`);
    // Twice: after one round, V8's young generation still grows on the next (by 10 MiB and more,
    // a tenth of a MiB per thread if counted as theirs).
    await releaseAll(env, await runThreads('warm-up'));
    await releaseAll(env, await runThreads('warm-up 2'));
    const empty = await env.daemon.settledMemory();
    await meter.measure(() => runThreads('batch 1'));
    const first = await env.daemon.settledMemory();
    await meter.measure(() => runThreads('batch 2'));
    const second = await env.daemon.settledMemory();
    const perThread = (from: typeof empty, to: typeof empty) => ({
      rss: (to.rssKiB - from.rssKiB) / o.idleThreads,
      heap: (to.afterGc.heapUsed - from.afterGc.heapUsed) / 1024 / o.idleThreads,
    });
    const cold = perThread(empty, first);
    const next = perThread(first, second);
    return {
      name: `${o.idleThreads} threads loaded and idle (one short turn each), then ${o.idleThreads} more`,
      figures: [
        { name: `resident per thread over the daemon without them (heap ${formatNumber(cold.heap)} KiB)`, value: cold.rss, unit: 'KiB', target: { op: '<=', limit: 100 } },
        { name: `resident per thread, the next ${o.idleThreads} (heap ${formatNumber(next.heap)} KiB)`, value: next.rss, unit: 'KiB', target: { op: '<=', limit: 100 } },
        { name: `resident: without → ${o.idleThreads} → ${o.idleThreads * 2} threads`, value: second.rssKiB / 1024, unit: `MiB (from ${formatNumber(empty.rssKiB / 1024)}, ${formatNumber(first.rssKiB / 1024)})` },
        { name: 'heap committed, the same', value: second.afterGc.heapTotal / MiB, unit: `MiB (from ${formatNumber(empty.afterGc.heapTotal / MiB)}, ${formatNumber(first.afterGc.heapTotal / MiB)})` },
        { name: 'of which young generation resident, the same', value: second.afterGc.youngResident / MiB, unit: `MiB (from ${formatNumber(empty.afterGc.youngResident / MiB)}, ${formatNumber(first.afterGc.youngResident / MiB)})` },
      ],
    };
  });
}

/** Starts `count` threads (`concurrency` at a time), runs one turn on each, and gives their ids. */
async function threadsWithOneTurn(env: ScaleEnv, count: number, concurrency: number, prompt: (index: number) => string): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(Array.from({ length: count }), concurrency, async (_, index) => {
    const threadId = await env.startThread();
    ids.push(threadId);
    await env.turns.run(env.daemon, threadId, prompt(index));
  });
  return ids;
}

/** Idle unload time for the idle-threads warm-up, whose threads are let go before measuring. */
const WARM_UP_UNLOAD_SEC = 1;

/** Unsubscribes from the threads and waits until the daemon has unloaded every one. */
async function releaseAll(env: ScaleEnv, ids: readonly string[]): Promise<void> {
  for (const threadId of ids) await env.daemon.request('thread/unsubscribe', { threadId });
  const deadline = performance.now() + WARM_UP_UNLOAD_SEC * 1000 * 10 + 5_000;
  for (;;) {
    const loaded = new Set((await env.daemon.request('thread/loaded/list', {})).data as string[]);
    if (!ids.some((id) => loaded.has(id))) return;
    if (performance.now() > deadline) throw new Error('the warm-up threads were not unloaded');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Many threads created one after another (a few in flight), each with one short turn. */
export function createdThreads(o: ScaleOptions): Promise<ScenarioResult> {
  return scenario({}, async (env, meter) => {
    env.model.setDefault(reply.text('Done.'));
    const latencies: number[] = [];
    const wallMs = await meter.measure(async () => {
      const started = performance.now();
      await inParallel(Array.from({ length: o.createdThreads }), o.creationConcurrency, async (_, index) => {
        const begun = performance.now();
        const threadId = await env.startThread();
        await env.turns.run(env.daemon, threadId, `thread ${index}: say done`);
        latencies.push(performance.now() - begun);
      });
      return performance.now() - started;
    });
    const memory = env.daemon.memoryKiB();
    return {
      name: `${o.createdThreads} threads created, one short turn each (${o.creationConcurrency} in flight)`,
      latenciesMs: latencies,
      figures: [
        { name: 'threads created and answered per second', value: (o.createdThreads / wallMs) * 1000, unit: 'threads/s', target: { op: '>=', limit: 50 } },
        { name: 'resident at the end', value: memory.rss / 1024, unit: 'MiB', target: { op: '<=', limit: 150 } },
        { name: 'file descriptors open at the end', value: env.daemon.openFiles(), unit: '' },
        { name: 'daemon CPU per thread', value: meter.cpuMs / o.createdThreads, unit: 'ms' },
      ],
    };
  });
}

/** One message of many small deltas: how fast they reach the client, and that they come in order. */
export function streamedDeltas(o: ScaleOptions): Promise<ScenarioResult> {
  return scenario({}, async (env, meter) => {
    const threadId = await env.startThread();
    env.model.enqueue(reply.text('warm up'));
    await env.turns.run(env.daemon, threadId, 'warm up');
    const chunks = Array.from({ length: o.deltas }, (_, index) => `${index} `);
    env.model.enqueue(reply.text(chunks.join(''), { chunks }));
    let received = 0;
    let outOfOrder = 0;
    let first = 0;
    let last = 0;
    env.turns.onOther = (message, at) => {
      if (message.method !== 'item/agentMessage/delta') return;
      if (received === 0) first = at;
      if (message.params.delta !== chunks[received]) outOfOrder++;
      received++;
      last = at;
    };
    await meter.measure(() => env.turns.run(env.daemon, threadId, 'stream'));
    if (received !== o.deltas || outOfOrder > 0) throw new Error(`received ${received}/${o.deltas} deltas, ${outOfOrder} out of order`);
    return {
      name: `${o.deltas.toLocaleString('en-US')} deltas in one message`,
      figures: [
        { name: 'deltas to the client, in order', value: (o.deltas / Math.max(last - first, 0.001)) * 1000, unit: 'deltas/s', target: { op: '>=', limit: 50_000 } },
        // What the daemon could stream on one core of its own, whatever else the machine runs.
        { name: 'deltas per second of daemon CPU (the whole turn)', value: (o.deltas / Math.max(meter.cpuMs, 1)) * 1000, unit: 'deltas/s' },
      ],
    };
  });
}

/**
 * A client that reads stdout at a crawl while a turn streams far more than it can read: the
 * daemon's memory must stay bounded, and the model's stream must be read no faster than the client
 * reads (so it waits in the model server, not in the daemon). Then the client interrupts, catches
 * up, and the turn ends.
 */
export function slowClient(o: ScaleOptions): Promise<ScenarioResult> {
  return scenario({}, async (env, meter) => {
    const threadId = await env.startThread();
    env.model.enqueue(reply.text('warm up'));
    await env.turns.run(env.daemon, threadId, 'warm up');
    const before = await env.daemon.settledMemory();
    const delta = `${'x'.repeat(95)} `;
    env.model.enqueue(reply.text(delta.repeat(o.slowDeltas), { chunks: o.slowDeltas }));
    const rss: number[] = [];
    let interruptAccepted = false;
    const offered = await meter.measure(async () => {
      env.daemon.readSlowly(o.slowReadBytesPerSecond);
      const readBefore = env.daemon.bytesRead;
      const { turn } = await env.daemon.request('turn/start', { threadId, input: text('stream a lot') });
      const [request] = await env.model.waitForRequests(2).then((requests) => requests.slice(-1));
      const deadline = performance.now() + o.slowReadSeconds * 1000;
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        rss.push(env.daemon.memoryKiB().rss);
      }
      const sentByModel = request?.sentBytes ?? 0;
      const readByClient = env.daemon.bytesRead - readBefore;
      // Interrupting sheds load, so it is taken even now; the client then reads at full speed.
      // (A turn small enough to have ended already is refused as not running: nothing to shed.)
      const interrupted = env.daemon.request('turn/interrupt', { threadId, turnId: turn.id }).then(
        () => (interruptAccepted = true),
        (error: { code?: number }) => {
          if (error.code !== -32600) throw error;
          interruptAccepted = true;
        },
      );
      env.daemon.readFast();
      await interrupted;
      await env.turns.completion(turn.id);
      return { sentByModel, readByClient };
    });
    const peakKiB = Math.max(...rss);
    if (!interruptAccepted) throw new Error('turn/interrupt was not answered');
    return {
      name: `a client reading ${formatNumber(o.slowReadBytesPerSecond / 1024)} KiB/s during a streaming turn (${o.slowReadSeconds} s)`,
      figures: [
        { name: 'daemon resident memory growth while the client lags', value: (peakKiB - before.rssKiB) / 1024, unit: 'MiB' },
        { name: 'model stream handed to the daemon meanwhile (socket buffers included)', value: offered.sentByModel / MiB, unit: `MiB (client read ${formatNumber(offered.readByClient / 1024)} KiB)` },
        { name: 'the answer being streamed (its text alone)', value: (o.slowDeltas * delta.length) / MiB, unit: 'MiB' },
      ],
    };
  });
}

/** A long thread: per-turn daemon time at its start and its end, its rollout, and resuming it. */
export function longThread(o: ScaleOptions): Promise<ScenarioResult> {
  return scenario({}, async (env, meter) => {
    const threadId = await env.startThread();
    const requestBytes: number[] = [];
    const perTurn: { cpuMs: number; daemonMs: number }[] = [];
    for (let index = 0; index < o.longThreadTurns; index++) {
      env.model.enqueue(reply.text(prose(o.turnChars, index)));
      const cpuBefore = env.daemon.cpuMs();
      const run = await meter.measure(() => env.turns.run(env.daemon, threadId, prose(o.turnChars, 10_000 + index)));
      const [request] = env.model.modelRequests;
      if (!request) throw new Error('the model was not asked');
      await request.settled;
      const modelMs = Date.now() - request.receivedAt;
      requestBytes.push(request.raw.length);
      perTurn.push({ cpuMs: env.daemon.cpuMs() - cpuBefore, daemonMs: Math.max(0, run.completedAt - run.sentAt - modelMs) });
      // Keep only what is measured: a recorded 1 MB request per turn would weigh on the bench itself.
      env.model.requests.splice(0);
    }
    // The first turns also compile the code they run: the early window starts after them.
    const n = o.longThreadTurns;
    const window = Math.max(1, Math.min(10, Math.floor(n / 4)));
    const early = { from: window, to: 2 * window };
    const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const over = (from: number, to: number, pick: (index: number) => number) => average(Array.from({ length: to - from }, (_, k) => pick(from + k)));
    const cpu = (index: number) => perTurn[index]?.cpuMs ?? Number.NaN;
    const wall = (index: number) => perTurn[index]?.daemonMs ?? Number.NaN;
    const size = (index: number) => requestBytes[index] ?? Number.NaN;
    const [earlyCpu, lateCpu] = [over(early.from, early.to, cpu), over(n - window, n, cpu)];
    const [earlyWall, lateWall] = [over(early.from, early.to, wall), over(n - window, n, wall)];
    const sizeGrowth = over(n - window, n, size) / over(early.from, early.to, size);
    const turns = (from: number, to: number) => (to - from === 1 ? `turn ${to}` : `turns ${from + 1}–${to}`);
    const rolloutBytes = rolloutSize(env.home);
    const resumed = await resumeTime(env, threadId);
    return {
      name: `a ${n}-turn thread (${formatNumber(o.turnChars / 1024)} KiB prompt + ${formatNumber(o.turnChars / 1024)} KiB answer a turn)`,
      latenciesMs: perTurn.map((turn) => turn.daemonMs),
      figures: [
        { name: `daemon CPU per turn, ${turns(early.from, early.to)} → ${turns(n - window, n)}`, value: lateCpu, unit: `ms (from ${formatNumber(earlyCpu)}; turn 1: ${formatNumber(cpu(0))})` },
        { name: 'its growth, against the request size growth', value: lateCpu / Math.max(earlyCpu, 0.1), unit: `× (request ×${formatNumber(sizeGrowth)})`, target: { op: '<=', limit: Number(sizeGrowth.toFixed(1)) } },
        { name: `daemon wall time per turn minus the model's, ${turns(early.from, early.to)} → ${turns(n - window, n)}`, value: lateWall, unit: `ms (from ${formatNumber(earlyWall)}; turn 1: ${formatNumber(wall(0))})` },
        { name: `request at turn ${n}`, value: size(n - 1) / 1024, unit: 'KiB' },
        { name: 'rollout on disk', value: rolloutBytes / MiB, unit: 'MiB' },
        { name: 'thread/resume in a fresh daemon', value: resumed.ms, unit: resumed.unit },
      ],
    };
  });
}

async function resumeTime(env: ScaleEnv, threadId: string): Promise<{ ms: number; unit: string }> {
  const daemon = await env.restart();
  const cpuBefore = daemon.cpuMs();
  const started = performance.now();
  const { thread } = await daemon.request('thread/resume', { threadId });
  const ms = performance.now() - started;
  return { ms, unit: `ms (${thread.turns.length} turns, daemon CPU ${formatNumber(daemon.cpuMs() - cpuBefore)} ms)` };
}

/**
 * Threads nobody follows and that ran nothing for the idle time are unloaded: each one says
 * `thread/closed`, `thread/loaded/list` no longer lists it, and the memory goes back.
 */
export function releasedThreads(o: ScaleOptions): Promise<ScenarioResult> {
  const idleSeconds = 1;
  return scenario({ toml: `[limits]\nidle_thread_unload_sec = ${idleSeconds}` }, async (env, meter) => {
    env.model.setDefault(reply.text('Done.'));
    await env.turns.run(env.daemon, await env.startThread(), 'warm up');
    const closed = new Map<string, number>();
    env.turns.onOther = (message, at) => {
      if (message.method === 'thread/closed') closed.set(message.params.threadId, at);
    };
    const ids = await threadsWithOneTurn(env, o.releasedThreads, 10, (index) => `thread ${index}: say done`);
    const loaded = await env.daemon.settledMemory();
    const unsubscribedAt = new Map<string, number>();
    await meter.measure(async () => {
      for (const threadId of ids) {
        await env.daemon.request('thread/unsubscribe', { threadId });
        unsubscribedAt.set(threadId, performance.now());
      }
      const deadline = performance.now() + idleSeconds * 1000 * 10 + 5_000;
      while (ids.some((id) => !closed.has(id)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const stillLoaded = ((await env.daemon.request('thread/loaded/list', {})).data as string[]).filter((id) => ids.includes(id));
    const released = await env.daemon.settledMemory();
    const closedCount = ids.filter((id) => closed.has(id)).length;
    const delays = ids.filter((id) => closed.has(id)).map((id) => (closed.get(id) as number) - (unsubscribedAt.get(id) as number));
    return {
      name: `${o.releasedThreads} idle threads unsubscribed (idle unload after ${idleSeconds} s)`,
      latenciesMs: delays,
      figures: [
        { name: 'threads closed (thread/closed) and gone from thread/loaded/list', value: stillLoaded.length === 0 ? closedCount : closedCount - stillLoaded.length, unit: `of ${o.releasedThreads}`, target: { op: '>=', limit: o.releasedThreads } },
        { name: 'resident memory given back per thread', value: (loaded.rssKiB - released.rssKiB) / o.releasedThreads, unit: 'KiB' },
        { name: 'JS heap given back per thread', value: (loaded.afterGc.heapUsed - released.afterGc.heapUsed) / 1024 / o.releasedThreads, unit: 'KiB' },
      ],
    };
  });
}

function rolloutSize(home: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.jsonl')) total += statSync(path).size;
    }
  };
  walk(join(home, 'sessions'));
  // Two threads' files: the long one and none other; the long one dominates.
  return total;
}

export const SCENARIOS = [concurrentTurns, idleThreads, createdThreads, streamedDeltas, slowClient, longThread, releasedThreads] as const;

/** Runs every scenario in turn, each in a fresh daemon. */
export async function measureScale(options: ScaleOptions, only?: ReadonlySet<string>): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const run of SCENARIOS) {
    if (only && !only.has(run.name)) continue;
    results.push(await run(options));
  }
  return results;
}

export function printScale(results: readonly ScenarioResult[], machine: string): void {
  const rows: string[][] = [];
  const ms = (value: number) => (Number.isFinite(value) ? `${formatNumber(value)} ms` : '–');
  for (const result of results) {
    const latencies = result.latenciesMs ?? [];
    const [headline, ...rest] = result.figures;
    const figureCells = (figure: Figure | undefined) =>
      figure
        ? [figure.name, `${formatNumber(figure.value)} ${figure.unit}`, figure.target ? `${figure.target.op} ${formatNumber(figure.target.limit)}` : '', meets(figure) === undefined ? '' : meets(figure) ? 'ok' : 'MISSED']
        : [result.note ?? '', '', '', ''];
    rows.push([
      result.name,
      latencies.length ? ms(median(latencies)) : '',
      latencies.length ? ms(percentile(latencies, 99)) : '',
      ms(result.cpuMs),
      ms(result.wallMs),
      Number.isFinite(result.peakRssMiB) ? `${formatNumber(result.peakRssMiB)} MiB` : '–',
      ...figureCells(headline),
    ]);
    for (const figure of rest) rows.push(['', '', '', '', '', '', ...figureCells(figure)]);
    if (result.note && headline) rows.push(['', '', '', '', '', '', `note: ${result.note}`, '', '', '']);
  }
  printColumns(`agentd at scale — ${machine}`, ['scenario', 'median', 'p99', 'daemon CPU', 'wall', 'peak RSS', 'figure', 'value', 'target', ''], rows);
}

export function describeMachine(): string {
  const [one, five] = loadavg();
  return `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, load average ${one?.toFixed(1)} (1 min) / ${five?.toFixed(1)} (5 min)`;
}

if (isMain(import.meta.url)) {
  // AGENTD_BENCH_ONLY=concurrentTurns,slowClient runs only those scenarios.
  const only = process.env.AGENTD_BENCH_ONLY ? new Set(process.env.AGENTD_BENCH_ONLY.split(',')) : undefined;
  const before = describeMachine();
  const results = await measureScale(FULL_SCALE, only);
  printScale(results, before);
  console.log(`  at the end: ${describeMachine()}`);
}
