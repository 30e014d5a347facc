import { describe, expect, it } from 'vitest';
import { McpServerConfigSchema } from '../config/config-schema.js';
import { connectionKey, resolveMcpServers, toolAllowed } from './mcp-server-config.js';

const base = {
  docs: McpServerConfigSchema.parse({ command: 'docs-server', args: ['--fast'], tool_timeout_sec: 30 }),
  web: McpServerConfigSchema.parse({ url: 'http://127.0.0.1:8080/mcp' }),
};

describe('resolveMcpServers', () => {
  it('keeps config.toml servers when the thread asks for nothing', () => {
    expect(resolveMcpServers(base, undefined)).toBe(base);
    expect(resolveMcpServers(base, null)).toBe(base);
  });

  it('merges a thread entry without a transport key by key', () => {
    const servers = resolveMcpServers(base, { docs: { enabled: false }, web: { tool_timeout_sec: 5 } });
    expect(servers.docs).toMatchObject({ command: 'docs-server', args: ['--fast'], enabled: false, tool_timeout_sec: 30 });
    expect(servers.web).toMatchObject({ url: 'http://127.0.0.1:8080/mcp', tool_timeout_sec: 5 });
  });

  it('replaces an entry that names a transport, and adds new servers', () => {
    const servers = resolveMcpServers(base, { docs: { url: 'http://127.0.0.1:9000/mcp' }, extra: { command: 'extra-server' } });
    expect(servers.docs).toMatchObject({ url: 'http://127.0.0.1:9000/mcp', args: [] });
    expect(servers.docs?.command).toBeUndefined();
    expect(servers.extra).toMatchObject({ command: 'extra-server', enabled: true });
    expect(Object.keys(servers).sort()).toEqual(['docs', 'extra', 'web']);
  });

  it('refuses bad tables with the key and the reason', () => {
    expect(() => resolveMcpServers(base, 'nope')).toThrow('config `mcp_servers` must be a table');
    expect(() => resolveMcpServers(base, { docs: 3 })).toThrow('config `mcp_servers.docs` must be a table');
    expect(() => resolveMcpServers(base, { fresh: { enabled: true } })).toThrow(/`mcp_servers.fresh`: an MCP server needs exactly one of `command`/);
    expect(() => resolveMcpServers(base, { docs: { startup_timeout_sec: -1 } })).toThrow(/`mcp_servers.docs.startup_timeout_sec`/);
  });
});

describe('connectionKey', () => {
  it('is the same for servers reached the same way, whatever their tool settings', () => {
    const narrowed = McpServerConfigSchema.parse({ command: 'docs-server', args: ['--fast'], enabled_tools: ['search'], tool_timeout_sec: 1 });
    expect(connectionKey('docs', narrowed)).toBe(connectionKey('docs', base.docs));
    expect(connectionKey('docs', McpServerConfigSchema.parse({ command: 'docs-server' }))).not.toBe(connectionKey('docs', base.docs));
    expect(connectionKey('other', base.docs)).not.toBe(connectionKey('docs', base.docs));
  });
});

describe('toolAllowed', () => {
  it('lets enabled_tools in and keeps disabled_tools out', () => {
    const config = McpServerConfigSchema.parse({ command: 'x', enabled_tools: ['a', 'b'], disabled_tools: ['b'] });
    expect(['a', 'b', 'c'].filter((tool) => toolAllowed(config, tool))).toEqual(['a']);
    expect(toolAllowed(base.docs, 'anything')).toBe(true);
  });
});
