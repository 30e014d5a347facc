/**
 * McpConnection against the real fixture server (test/fixtures/mcp), over stdio and streamable
 * HTTP on loopback: start, list, call with progress, timeouts, a crash and the restart after it,
 * and servers that never start.
 */
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type McpFixtureOptions, mcpFixtureArgs, readMcpFixtureLog, startHttpMcpFixture } from '../../../../test/support/mcp-fixture.js';
import type { McpServerConfig } from '../config/config-schema.js';
import { silentLogger } from '../logging.js';
import { McpCallError, McpConnection } from './mcp-connection.js';

const open: McpConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
});

function connect(config: Partial<McpServerConfig>, name = 'fixture'): McpConnection {
  const connection = new McpConnection({
    name,
    config: { args: [], enabled: true, ...config } as McpServerConfig,
    log: silentLogger,
    clientVersion: 'test',
    env: {},
  });
  open.push(connection);
  return connection;
}

function stdio(fixture: McpFixtureOptions = {}, config: Partial<McpServerConfig> = {}): McpConnection {
  const [script, ...args] = mcpFixtureArgs('stdio', fixture);
  return connect({ command: process.execPath, args: [script as string, ...args], ...config });
}

async function logFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'agentd-mcp-')), 'fixture.jsonl');
}

const call = (connection: McpConnection, tool: string, args: Record<string, unknown> = {}, timeoutMs = 10_000) => {
  const progress: string[] = [];
  return connection
    .callTool(tool, args, { timeoutMs, signal: new AbortController().signal, onProgress: (message) => progress.push(message) })
    .then((result) => ({ result, progress }));
};

describe('McpConnection over stdio', () => {
  it('starts, lists the tools and calls one, with its progress', async () => {
    const connection = stdio();
    await connection.ensureReady();
    expect(connection.state).toBe('ready');
    expect(connection.serverInfo).toMatchObject({ name: 'agentd-fixture', version: '1.0.0' });
    expect(connection.tools.map((tool) => tool.name).sort()).toEqual(['add', 'crash', 'echo', 'fail', 'look', 'pid', 'sleep', 'write_note']);
    for (let round = 0; round < 5; round++) {
      const { result, progress } = await call(connection, 'echo', { text: `hi ${round}` });
      expect(result.content).toEqual([{ type: 'text', text: `echo: hi ${round}` }]);
      expect(progress).toEqual([`echoing hi ${round}`]);
    }
  });

  it('times a slow call out, tells the server, and keeps serving', async () => {
    const log = await logFile();
    const connection = stdio({ log });
    const error = await call(connection, 'sleep', { ms: 60_000 }, 300).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpCallError);
    expect(error).toMatchObject({ kind: 'timeout', message: 'the tool call timed out after 0.3 s' });
    const { result } = await call(connection, 'add', { a: 2, b: 3 });
    expect(result.content).toEqual([{ type: 'text', text: '5' }]);
    expect(readMcpFixtureLog(log).filter((event) => event.event === 'start')).toHaveLength(1);
  });

  it('restarts a server that crashed mid-call on its next use', async () => {
    const connection = stdio();
    const before = Number(((await call(connection, 'pid')).result.content[0] as { text: string }).text);
    const error = await call(connection, 'crash').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'connectionLost' });
    expect((error as Error).message).toContain('crashing on purpose');
    expect(connection.state).toBe('exited');
    const after = Number(((await call(connection, 'pid')).result.content[0] as { text: string }).text);
    expect(after).not.toBe(before);
    expect(connection.state).toBe('ready');
  });

  it('stops waiting when the turn is interrupted', async () => {
    const connection = stdio();
    await connection.ensureReady();
    const controller = new AbortController();
    const pending = connection.callTool('sleep', { ms: 60_000 }, { timeoutMs: 60_000, signal: controller.signal });
    controller.abort(new Error('interrupted'));
    await expect(pending).rejects.toThrow('interrupted');
  });

  it('gives up on a server that never answers, within its startup timeout', async () => {
    const connection = stdio({ neverReady: true }, { startup_timeout_sec: 0.5 });
    await expect(connection.ensureReady()).rejects.toThrow('did not start within 0.5 s');
    expect(connection.state).toBe('failed');
  });

  it('reports why a server exited at start, from its stderr', async () => {
    const connection = stdio({ failToStart: true });
    await expect(connection.ensureReady()).rejects.toThrow(/database is missing/);
  });

  it('reports a command that does not exist', async () => {
    const connection = connect({ command: '/nonexistent/mcp-server' });
    await expect(connection.ensureReady()).rejects.toThrow(/ENOENT/);
  });
});

describe('McpConnection over streamable HTTP', () => {
  it('calls a tool with progress, and an image result comes back whole', async () => {
    await using server = await startHttpMcpFixture();
    const connection = connect({ url: server.url });
    const { result, progress } = await call(connection, 'echo', { text: 'over http' });
    expect(result.content).toEqual([{ type: 'text', text: 'echo: over http' }]);
    expect(progress).toEqual(['echoing over http']);
    const look = await call(connection, 'look');
    expect(look.result.content[1]).toMatchObject({ type: 'image', mimeType: 'image/png' });
  });

  it('connects again once a server that went away is back', async () => {
    const first = await startHttpMcpFixture();
    const port = Number(new URL(first.url).port);
    const connection = connect({ url: first.url });
    expect((await call(connection, 'add', { a: 1, b: 2 })).result.content).toEqual([{ type: 'text', text: '3' }]);
    await first.close();
    await expect(call(connection, 'add', { a: 1, b: 2 })).rejects.toMatchObject({ kind: 'connectionLost' });
    expect(connection.state).toBe('exited');
    await using second = await startHttpMcpFixture({ port });
    expect(second.url).toBe(first.url);
    expect((await call(connection, 'add', { a: 2, b: 2 })).result.content).toEqual([{ type: 'text', text: '4' }]);
    expect(connection.state).toBe('ready');
  });

  it('times a slow call out', async () => {
    await using server = await startHttpMcpFixture();
    const connection = connect({ url: server.url });
    await expect(call(connection, 'sleep', { ms: 60_000 }, 300)).rejects.toMatchObject({ kind: 'timeout' });
    expect((await call(connection, 'add', { a: 1, b: 1 })).result.content).toEqual([{ type: 'text', text: '2' }]);
  });

  it('gives up on an endpoint that never answers, within its startup timeout', async () => {
    await using server = await startHttpMcpFixture({ neverReady: true });
    const connection = connect({ url: server.url, startup_timeout_sec: 0.5 });
    await expect(connection.ensureReady()).rejects.toThrow('did not start within 0.5 s');
  });

  it('reports an endpoint nobody listens on', async () => {
    const port = await freePort();
    const connection = connect({ url: `http://127.0.0.1:${port}/mcp` });
    await expect(connection.ensureReady()).rejects.toThrow(/ECONNREFUSED|fetch failed/);
  });

  it('needs the bearer token variable it names', async () => {
    const connection = connect({ url: 'http://127.0.0.1:9/mcp', bearer_token_env_var: 'AGENTD_TEST_NO_SUCH_TOKEN' });
    await expect(connection.ensureReady()).rejects.toThrow('AGENTD_TEST_NO_SUCH_TOKEN');
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
