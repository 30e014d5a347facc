/**
 * The agent loop's own cost, with a scripted model that answers at once:
 * - harness overhead of a one-command turn: wall time from turn/start to turn/completed, minus the
 *   model server's time and the command's own run time — median of 20 (target ≤ 15 ms);
 * - streaming: 20,000 text deltas from the model server reaching the client, in order — target
 *   ≥ 50,000 deltas/s.
 *
 *   npm run bench:turn
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AGENTD_BIN, TEST_API_KEY, TEST_API_KEY_ENV, mockProviderConfig, reply, startModelServer } from '../support/index.js';
import { profilingArgs } from './bench-daemon.js';
import { type Figure, isMain, median, percentile, printTable } from './bench-table.js';

/** A bare-bones client: no schema validation, so the client is never the bottleneck. */
class BenchClient {
  readonly #child;
  #nextId = 1;
  readonly #pending = new Map<number, (message: any) => void>();
  onNotification: (message: any, receivedAt: number) => void = () => undefined;

  constructor(home: string) {
    this.#child = spawn(process.execPath, [...profilingArgs(), AGENTD_BIN, 'app-server'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, AGENTD_HOME: home, [TEST_API_KEY_ENV]: TEST_API_KEY, AGENTD_LOG: 'warn' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const receivedAt = performance.now();
      const message = JSON.parse(line);
      if ('id' in message && !('method' in message)) this.#pending.get(message.id)?.(message);
      else if ('method' in message && !('id' in message)) this.onNotification(message, receivedAt);
    });
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result)));
      this.#child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  async close(): Promise<void> {
    this.#child.stdin.end();
    await new Promise((resolve) => this.#child.once('close', resolve));
  }
}

async function setUp() {
  const home = await mkdtemp(join(tmpdir(), 'agentd-bench-turn-'));
  const cwd = await mkdtemp(join(tmpdir(), 'agentd-bench-ws-'));
  const modelTime = new Map<number, number>();
  const model = await startModelServer({
    onRequest: (request) => {
      const received = performance.now();
      void request.settled.then(() => modelTime.set(request.index, performance.now() - received));
    },
  });
  await writeFile(join(home, 'config.toml'), mockProviderConfig(model.url, { settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access' } }));
  const client = new BenchClient(home);
  await client.request('initialize', { clientInfo: { name: 'bench', version: '1' } });
  const { thread } = await client.request('thread/start', { cwd });
  const dispose = async () => {
    await client.close();
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(cwd, { recursive: true, force: true });
  };
  return { client, model, modelTime, threadId: thread.id as string, dispose };
}

/** Harness overhead of one-command turns, in ms. */
export async function measureHarnessOverhead(turns: number): Promise<number[]> {
  const { client, model, modelTime, threadId, dispose } = await setUp();
  try {
    const overheads: number[] = [];
    for (let index = 0; index <= turns; index++) {
      model.enqueue(reply.toolCall('exec_command', { cmd: 'true' }), reply.text('done'));
      let commandMs = 0;
      let completed!: () => void;
      const done = new Promise<void>((resolve) => (completed = resolve));
      client.onNotification = (message) => {
        if (message.method === 'item/completed' && message.params.item.type === 'commandExecution') commandMs = message.params.item.durationMs;
        if (message.method === 'turn/completed') completed();
      };
      const firstRequest = model.requests.length;
      const started = performance.now();
      await client.request('turn/start', { threadId, input: [{ type: 'text', text: `turn ${index}`, text_elements: [] }] });
      await done;
      const wall = performance.now() - started;
      await Promise.all(model.requests.slice(firstRequest).map((request) => request.settled));
      let serverMs = 0;
      for (let r = firstRequest; r < model.requests.length; r++) serverMs += modelTime.get(r) ?? 0;
      // The first turn also loads the model client and execa: a cost paid once per daemon, not per turn.
      if (index > 0) overheads.push(wall - serverMs - commandMs);
    }
    return overheads;
  } finally {
    await dispose();
  }
}

/** Deltas per second from the first delta received to the last; checks they arrive in order. */
export async function measureStreaming(deltas: number): Promise<{ perSecond: number; totalMs: number }> {
  const { client, model, threadId, dispose } = await setUp();
  try {
    const chunks = Array.from({ length: deltas }, (_, index) => `${index} `);
    model.enqueue(reply.text(chunks.join(''), { chunks }));
    let received = 0;
    let first = 0;
    let last = 0;
    let outOfOrder = 0;
    let completed!: () => void;
    const done = new Promise<void>((resolve) => (completed = resolve));
    client.onNotification = (message, at) => {
      if (message.method === 'item/agentMessage/delta') {
        if (received === 0) first = at;
        if (message.params.delta !== chunks[received]) outOfOrder++;
        received++;
        last = at;
      } else if (message.method === 'turn/completed') completed();
    };
    await client.request('turn/start', { threadId, input: [{ type: 'text', text: 'stream', text_elements: [] }] });
    await done;
    if (received !== deltas || outOfOrder > 0) throw new Error(`received ${received}/${deltas} deltas, ${outOfOrder} out of order`);
    const totalMs = last - first;
    return { perSecond: (deltas / Math.max(totalMs, 0.001)) * 1000, totalMs };
  } finally {
    await dispose();
  }
}

export async function measureTurn(options: { turns: number; deltas: number }): Promise<Figure[]> {
  const overheads = await measureHarnessOverhead(options.turns);
  const streaming = await measureStreaming(options.deltas);
  return [
    { name: `harness overhead of a one-command turn, median of ${options.turns}`, value: median(overheads), unit: 'ms', target: { op: '<=', limit: 15 } },
    { name: 'harness overhead, p90', value: percentile(overheads, 90), unit: 'ms' },
    { name: `${options.deltas.toLocaleString('en-US')} deltas streamed to the client`, value: streaming.perSecond, unit: 'deltas/s', target: { op: '>=', limit: 50_000 } },
  ];
}

if (isMain(import.meta.url)) {
  printTable('agentd agent loop', await measureTurn({ turns: 20, deltas: 20_000 }));
}
