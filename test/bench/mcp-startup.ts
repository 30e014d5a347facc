// How much MCP costs the daemon's start-up and a thread's first turn. Prints figures; asserts
// nothing (speed targets are read, not tested). Run after `npm run build`:
//   node --import ./test/support/register-ts.mjs test/bench/mcp-startup.ts
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { httpMcpServerToml, reply, spawnDaemonWithModel, startHttpMcpFixture, stdioMcpServerToml } from '../support/index.js';

const ROUNDS = 5;
const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  await using http = await startHttpMcpFixture();
  const mcpToml = [stdioMcpServerToml('alpha'), httpMcpServerToml('beta', http.url)].join('\n');
  const initialize: Record<'without MCP' | 'with 2 MCP servers', number[]> = { 'without MCP': [], 'with 2 MCP servers': [] };
  const firstTurn: number[] = [];
  const secondTurn: number[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, toml] of [['without MCP', undefined], ['with 2 MCP servers', mcpToml]] as const) {
      const started = performance.now();
      await using env = await spawnDaemonWithModel({ timeoutMs: 60_000, ...(toml ? { toml } : {}), script: [reply.text('One.'), reply.text('Two.')] });
      initialize[label].push(performance.now() - started);
      if (!toml) continue;
      const { daemon, model } = env;
      const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-bench-')) });
      for (const [index, sink] of [[0, firstTurn], [1, secondTurn]] as const) {
        const turnStarted = performance.now();
        await daemon.request('turn/start', { threadId: thread.id, input: text('hi') });
        await model.waitForRequests(index + 1);
        sink.push(performance.now() - turnStarted);
        await daemon.nextNotification('turn/completed');
      }
    }
  }

  const row = (label: string, values: number[]) => console.log(`${label.padEnd(58)} median ${median(values).toFixed(0).padStart(5)} ms  (${values.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`MCP start-up cost, ${ROUNDS} rounds`);
  row('spawn + initialize, no MCP servers', initialize['without MCP']);
  row('spawn + initialize, 2 MCP servers configured (lazy)', initialize['with 2 MCP servers']);
  row('first turn → first model request (starts stdio + HTTP)', firstTurn);
  row('second turn → first model request (servers running)', secondTurn);
}

await main();
