// The MCP fixture server (test/fixtures/mcp/fixture-server.mjs): a real server written with the
// SDK, over stdio or streamable HTTP on loopback, that shuffles its tool list on every listing.
// Helpers to run it and to configure the daemon for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tomlValue } from './mock-config.js';

export const MCP_FIXTURE = fileURLToPath(new URL('../fixtures/mcp/fixture-server.mjs', import.meta.url));

export interface McpFixtureOptions {
  /** A file the fixture appends one JSON line per event to (start, list, call, cancelled). */
  log?: string;
  /** Takes the connection but never answers. */
  neverReady?: boolean;
  /** Complains on stderr and exits 1 at once. */
  failToStart?: boolean;
  /** (http) The port to listen on; default any free one. */
  port?: number;
}

export interface McpFixtureEvent {
  event: 'start' | 'list' | 'call' | 'cancelled';
  pid: number;
  mode: 'stdio' | 'http';
  order?: string[];
  tool?: string;
  arguments?: Record<string, unknown>;
}

export function mcpFixtureArgs(mode: 'stdio' | 'http', options: McpFixtureOptions = {}): string[] {
  const args = [MCP_FIXTURE, mode];
  if (options.log) args.push('--log', options.log);
  if (options.neverReady) args.push('--never-ready');
  if (options.failToStart) args.push('--fail-to-start');
  if (options.port !== undefined) args.push('--port', String(options.port));
  return args;
}

/** The events the fixture logged so far. */
export function readMcpFixtureLog(path: string): McpFixtureEvent[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as McpFixtureEvent);
}

export interface HttpMcpFixture {
  readonly url: string;
  readonly process: ChildProcess;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts the fixture as a streamable HTTP server on 127.0.0.1 and waits for its URL. */
export async function startHttpMcpFixture(options: McpFixtureOptions = {}): Promise<HttpMcpFixture> {
  const child = spawn(process.execPath, mcpFixtureArgs('http', options), { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the HTTP MCP fixture exited (${code}) before listening`)));
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { url, process: child, close, [Symbol.asyncDispose]: close };
}

export interface McpServerTomlOptions {
  startupTimeoutSec?: number;
  toolTimeoutSec?: number;
  enabledTools?: string[];
  disabledTools?: string[];
}

/** `[mcp_servers.NAME]` running the fixture over stdio with this Node. */
export function stdioMcpServerToml(name: string, fixture: McpFixtureOptions = {}, options: McpServerTomlOptions = {}): string {
  return serverToml(name, [`command = ${tomlValue(process.execPath)}`, `args = ${tomlValue(mcpFixtureArgs('stdio', fixture))}`], options);
}

/** `[mcp_servers.NAME]` for a streamable HTTP server at `url`. */
export function httpMcpServerToml(name: string, url: string, options: McpServerTomlOptions = {}): string {
  return serverToml(name, [`url = ${tomlValue(url)}`], options);
}

function serverToml(name: string, lines: string[], options: McpServerTomlOptions): string {
  if (options.startupTimeoutSec !== undefined) lines.push(`startup_timeout_sec = ${options.startupTimeoutSec}`);
  if (options.toolTimeoutSec !== undefined) lines.push(`tool_timeout_sec = ${options.toolTimeoutSec}`);
  if (options.enabledTools) lines.push(`enabled_tools = ${tomlValue(options.enabledTools)}`);
  if (options.disabledTools) lines.push(`disabled_tools = ${tomlValue(options.disabledTools)}`);
  return `[mcp_servers.${JSON.stringify(name)}]\n${lines.join('\n')}\n`;
}
