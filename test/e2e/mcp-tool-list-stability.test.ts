/**
 * Adding MCP servers must not cost the prompt cache: over a multi-turn session with two MCP
 * servers (stdio and streamable HTTP) that list their tools — and the keys of their schemas — in a
 * different order every time they start, every model request carries byte-identical `tools`.
 * The servers start several times: at the first turn, after one crashes, in a second daemon.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  type Daemon,
  type DaemonWithModel,
  httpMcpServerToml,
  readMcpFixtureLog,
  reply,
  type ScriptItem,
  spawnDaemonWithModel,
  startHttpMcpFixture,
  stdioMcpServerToml,
} from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

it('every model request carries the same tools, byte for byte, however the servers list them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'agentd-mcp-stable-'));
  const alphaLog = join(dir, 'alpha.jsonl');
  const betaLog = join(dir, 'beta.jsonl');
  await using beta = await startHttpMcpFixture({ log: betaLog });
  const toml = [stdioMcpServerToml('alpha', { log: alphaLog }), httpMcpServerToml('beta', beta.url)].join('\n');
  const daemonWith = (script: ScriptItem[]) =>
    spawnDaemonWithModel({ timeoutMs: 30_000, settings: { approval_policy: 'never' }, toml, script });

  const bodies: string[] = [];
  {
    await using first = await daemonWith([
      // thread A, turn 1
      reply.toolCall('mcp__alpha__echo', { text: 'one' }),
      reply.text('One.'),
      // thread A, turn 2: alpha crashes, and starts again (listing its tools anew) on the next call
      reply.toolCall('mcp__alpha__crash', {}),
      reply.toolCall('mcp__alpha__pid', {}),
      reply.text('Two.'),
      // thread A, turn 3
      reply.toolCall('mcp__beta__add', { a: 1, b: 2 }),
      reply.text('Three.'),
      // thread B, sharing the connections
      reply.toolCall('mcp__beta__echo', { text: 'b' }),
      reply.text('Four.'),
    ]);
    const threadA = await startThread(first.daemon);
    await runTurn(first, threadA, 'turn one');
    await runTurn(first, threadA, 'turn two');
    await runTurn(first, threadA, 'turn three');
    // A client asking for the status makes alpha and beta list their tools once more.
    await first.daemon.request('mcpServerStatus/list', {});
    const threadB = await startThread(first.daemon);
    await runTurn(first, threadB, 'turn four');
    bodies.push(...first.model.modelRequests.map((request) => request.raw));
  }
  {
    await using second = await daemonWith([reply.toolCall('mcp__alpha__add', { a: 2, b: 2 }), reply.text('Five.')]);
    await runTurn(second, await startThread(second.daemon), 'turn five');
    bodies.push(...second.model.modelRequests.map((request) => request.raw));
  }

  // The servers did list their tools in different orders...
  const alphaOrders = readMcpFixtureLog(alphaLog).filter((event) => event.event === 'list').map((event) => event.order?.join(','));
  const betaOrders = readMcpFixtureLog(betaLog).filter((event) => event.event === 'list').map((event) => event.order?.join(','));
  expect(readMcpFixtureLog(alphaLog).filter((event) => event.event === 'start').length).toBeGreaterThanOrEqual(3);
  expect(alphaOrders.length).toBeGreaterThanOrEqual(3);
  expect(betaOrders.length).toBeGreaterThanOrEqual(2);
  expect(new Set([...alphaOrders, ...betaOrders]).size).toBeGreaterThan(1);

  // ...and every request's `tools` is the same bytes.
  expect(bodies).toHaveLength(11);
  const tools = bodies.map((body) => topLevelMember(body, 'tools'));
  expect(new Set(tools).size).toBe(1);
  const names = (JSON.parse(tools[0] as string) as Array<{ name: string }>).map((tool) => tool.name);
  const mcpNames = names.filter((name) => name.startsWith('mcp__'));
  expect(mcpNames).toHaveLength(16);
  expect(mcpNames).toEqual([...mcpNames].sort());
  expect(names.slice(0, names.length - 16).some((name) => name.startsWith('mcp__'))).toBe(false);
});

async function startThread(daemon: Daemon): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
  const { thread } = await daemon.request('thread/start', { cwd });
  return thread.id;
}

async function runTurn(env: DaemonWithModel, threadId: string, prompt: string): Promise<void> {
  const { turn } = await env.daemon.request('turn/start', { threadId, input: text(prompt) });
  const done = await env.daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
  expect(done.params.turn.status).toBe('completed');
}

/** The raw text of a top-level member of a JSON object, exactly as it was sent. */
function topLevelMember(json: string, key: string): string {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      const end = stringEnd(json, i);
      if (depth === 1 && json.slice(i, end + 1) === JSON.stringify(key) && json[end + 1] === ':') return json.slice(end + 2, valueEnd(json, end + 2));
      i = end;
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  throw new Error(`no top-level "${key}" in the request body`);
}

function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i;
  }
  throw new Error('unterminated string');
}

function valueEnd(json: string, start: number): number {
  let depth = 0;
  for (let i = start; i < json.length; i++) {
    const char = json[i];
    if (char === '"') i = stringEnd(json, i);
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (char === ',' && depth === 0) return i;
  }
  return json.length;
}
