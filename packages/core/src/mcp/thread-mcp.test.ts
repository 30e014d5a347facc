/** ThreadMcp and the connection pool against the real fixture server over stdio. */
import { afterEach, describe, expect, it } from 'vitest';
import { mcpFixtureArgs } from '../../../../test/support/mcp-fixture.js';
import { type McpServerConfig, McpServerConfigSchema } from '../config/config-schema.js';
import { silentLogger } from '../logging.js';
import type { ThreadNotice } from '../turn/events.js';
import { ConnectionPool } from './connection-pool.js';
import { ThreadMcp } from './thread-mcp.js';

const pools: ConnectionPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.shutdown()));
});

function newPool(): ConnectionPool {
  const pool = new ConnectionPool({ log: silentLogger, clientVersion: 'test', env: {} });
  pools.push(pool);
  return pool;
}

function fixture(extra: Record<string, unknown> = {}, options: Parameters<typeof mcpFixtureArgs>[1] = {}): McpServerConfig {
  const [script, ...args] = mcpFixtureArgs('stdio', options);
  return McpServerConfigSchema.parse({ command: process.execPath, args: [script, ...args], ...extra });
}

function threadMcp(pool: ConnectionPool, user: string, servers: Record<string, McpServerConfig>, notices: ThreadNotice[] = []): ThreadMcp {
  const mcp = new ThreadMcp({ servers, pool, user });
  mcp.reportTo((notice) => notices.push(notice));
  return mcp;
}

describe('ThreadMcp', () => {
  it('starts servers in parallel, reports each, and leaves out one that fails', async () => {
    const notices: ThreadNotice[] = [];
    const mcp = threadMcp(newPool(), 'thread-1', { good: fixture({ enabled_tools: ['echo', 'add'] }), bad: fixture({}, { failToStart: true }), off: fixture({ enabled: false }) }, notices);
    const tools = await mcp.tools();
    expect(tools.map((tool) => tool.spec.name)).toEqual(['mcp__good__add', 'mcp__good__echo']);
    expect(notices.slice(0, 2)).toEqual([
      { type: 'mcpServerStartupUpdated', name: 'bad', status: 'starting', error: null },
      { type: 'mcpServerStartupUpdated', name: 'good', status: 'starting', error: null },
    ]);
    expect(notices).toContainEqual({ type: 'mcpServerStartupUpdated', name: 'good', status: 'ready', error: null });
    expect(notices).toContainEqual(expect.objectContaining({ type: 'mcpServerStartupUpdated', name: 'bad', status: 'failed', error: expect.stringContaining('database is missing') }));
    expect(notices).toContainEqual(expect.objectContaining({ type: 'warning', message: expect.stringContaining('MCP server `bad` failed to start') }));
    expect(notices.some((notice) => 'name' in notice && notice.name === 'off')).toBe(false);
    expect(await mcp.tools()).toBe(tools);
    const status = await mcp.status();
    expect(status.map((server) => [server.name, server.state])).toEqual([
      ['bad', 'failed'],
      ['good', 'connected'],
      ['off', 'disabled'],
    ]);
    expect(status[1]?.tools.map((tool) => tool.name)).toEqual(['add', 'echo']);
  });

  it('shares a connection between threads and closes it with its last user', async () => {
    const pool = newPool();
    const servers = { docs: fixture() };
    const first = threadMcp(pool, 'thread-1', servers);
    const second = threadMcp(pool, 'thread-2', { docs: fixture({ disabled_tools: ['crash'] }) });
    await first.tools();
    await second.tools();
    expect(pool.connections).toHaveLength(1);
    const [connection] = pool.connections;
    await pool.release('thread-1');
    expect(connection?.state).toBe('ready');
    await pool.release('thread-2');
    expect(connection?.state).toBe('closed');
    expect(pool.connections).toHaveLength(0);
  });
});
