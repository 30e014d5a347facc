/**
 * What MCP servers cost. Configuring them must not slow the daemon's answer to `initialize` (the
 * SDK loads only when a thread needs its tools); a thread's first turn pays for starting them, in
 * parallel; later turns pay nothing. Targets: initialize with two servers configured within 20 ms
 * of initialize without; a later turn's first model request within 100 ms.
 *
 *   npm run bench:mcp
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpMcpServerToml, reply, spawnDaemonWithModel, startHttpMcpFixture, stdioMcpServerToml } from '../support/index.js';
import { type Figure, isMain, median, printTable } from './bench-table.js';
import { spawnUntilInitialized } from './startup.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

/** Spawn to the first byte of the initialize response, with this config.toml. */
async function initializeMs(configToml: string): Promise<number> {
  const home = await mkdtemp(join(tmpdir(), 'agentd-bench-mcp-'));
  try {
    await writeFile(join(home, 'config.toml'), configToml);
    const { child, answerMs } = await spawnUntilInitialized(home);
    child.stdin.end();
    await new Promise((resolve) => child.once('close', resolve));
    return answerMs;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** turn/start to the turn's first model request, for a thread's first and second turns. */
async function turnsMs(mcpToml: string): Promise<[first: number, second: number]> {
  await using env = await spawnDaemonWithModel({ timeoutMs: 60_000, toml: mcpToml, script: [reply.text('One.'), reply.text('Two.')] });
  const { daemon, model } = env;
  const { thread } = await daemon.request('thread/start', { cwd: await mkdtemp(join(tmpdir(), 'agentd-bench-ws-')) });
  const times: number[] = [];
  for (const turnIndex of [0, 1]) {
    const started = performance.now();
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('hi') });
    await model.waitForRequests(turnIndex + 1);
    times.push(performance.now() - started);
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
  }
  return [times[0] as number, times[1] as number];
}

export async function measureMcp(runs: number): Promise<Figure[]> {
  await using http = await startHttpMcpFixture();
  const mcpToml = [stdioMcpServerToml('alpha'), httpMcpServerToml('beta', http.url)].join('\n');
  await initializeMs(''); // Warm the file system cache; not counted.
  const without: number[] = [];
  const withServers: number[] = [];
  for (let index = 0; index < runs; index++) {
    without.push(await initializeMs(''));
    withServers.push(await initializeMs(mcpToml));
  }
  const first: number[] = [];
  const second: number[] = [];
  for (let index = 0; index < Math.min(runs, 5); index++) {
    const [a, b] = await turnsMs(mcpToml);
    first.push(a);
    second.push(b);
  }
  const extra = median(withServers) - median(without);
  return [
    { name: 'spawn → initialize response, no MCP servers, median', value: median(without), unit: 'ms' },
    { name: 'spawn → initialize response, 2 MCP servers configured, median', value: median(withServers), unit: 'ms' },
    { name: 'what configuring them adds to initialize', value: extra, unit: 'ms', target: { op: '<=', limit: 20 } },
    { name: 'first turn → model request (starts stdio + HTTP), median', value: median(first), unit: 'ms' },
    { name: 'second turn → model request (servers running), median', value: median(second), unit: 'ms', target: { op: '<=', limit: 100 } },
  ];
}

if (isMain(import.meta.url)) {
  const figures = await measureMcp(9);
  printTable(`MCP start-up cost (node ${process.version})`, figures);
}
