/**
 * The calls an editor integration makes before and around its first prompt (Zed's Codex adapter
 * makes all of them): each answer is checked against the Codex reference schema, on a real
 * connection in this process, with a real home, config.toml and thread manager.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigOverride, loadConfig, parseOverride, silentLogger, ThreadManager } from '@agentd/core';
import { ProtocolValidator } from '../../../../test/support/protocol-validator.js';
import type { AppContext } from '../app-context.js';
import { Connection } from '../connection.js';
import { CommandExecSessions } from '../command-exec-sessions.js';
import { ThreadHub } from '../thread-hub.js';

interface Message {
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

interface ServerOptions {
  /** config.toml; none when absent. */
  toml?: string;
  /** `-c` overrides. */
  flags?: string[];
  /** The environment providers read their keys from. */
  env?: NodeJS.ProcessEnv;
}

const validator = new ProtocolValidator();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A connection over in-memory pipes; every message it sends is checked against the reference. */
class TestServer {
  readonly received: Message[] = [];
  readonly problems: string[] = [];
  readonly #input = new PassThrough();
  readonly #methods = new Map<string | number, string>();
  readonly #waiters = new Set<() => void>();
  #nextId = 0;

  constructor(
    readonly home: string,
    readonly app: AppContext,
  ) {
    const output = new PassThrough();
    const connection = new Connection({
      input: this.#input,
      output,
      server: { home, version: app.version, config: app.config, log: silentLogger },
      loadApp: async () => app,
      log: silentLogger,
      maxMessageBytes: 1 << 20,
      backlog: { pace: 1 << 24, refuse: 1 << 24 },
    });
    connection.listen();
    let buffered = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        this.#onLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
    cleanups.push(async () => {
      this.#input.end();
      await connection.close(1_000);
      await app.shutdown();
      await rm(home, { recursive: true, force: true });
    });
  }

  /** Writes a message as an editor would: no "jsonrpc" member, ids counted from 0. */
  send(message: Message): void {
    if (message.id !== undefined && message.method) this.#methods.set(message.id, message.method);
    this.#input.write(`${JSON.stringify(message)}\n`);
  }

  async request(method: string, params: unknown): Promise<any> {
    const response = await this.call(method, params);
    if (response.error) throw new Error(`${method} failed: ${response.error.message}`);
    return response.result;
  }

  /** The whole response, error or not. */
  async call(method: string, params: unknown): Promise<Message> {
    const id = this.#nextId++;
    this.send({ id, method, params });
    return this.waitFor((message) => message.id === id && message.method === undefined);
  }

  waitFor(match: (message: Message) => boolean): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match);
        if (!found) return false;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no matching message; received:\n${this.received.map((m) => JSON.stringify(m)).join('\n')}`));
      }, 5_000);
      if (!check()) this.#waiters.add(check);
    });
  }

  #onLine(line: string): void {
    const message = JSON.parse(line) as Message;
    this.received.push(message);
    if (message.method) this.problems.push(...validator.notification(message.method, message).map((p) => `${message.method}: ${p}`));
    else if (message.error) this.problems.push(...validator.errorResponse(message));
    else if (message.id !== undefined) {
      const method = this.#methods.get(message.id) ?? 'unknown';
      this.problems.push(...validator.response(method, message).map((p) => `${method}: ${p}`));
    }
    for (const waiter of [...this.#waiters]) waiter();
  }
}

async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const home = await mkdtemp(join(tmpdir(), 'agentd-startup-'));
  if (options.toml !== undefined) await writeFile(join(home, 'config.toml'), options.toml);
  const overrides: ConfigOverride[] = (options.flags ?? []).map(parseOverride);
  const config = loadConfig(home, overrides);
  const threads = new ThreadManager({ home, config, log: silentLogger, version: '0.0.0-test', env: options.env ?? {} });
  const hub = new ThreadHub({ home });
  const shutdown = async () => {
    await threads.shutdown();
    hub.close();
  };
  const server = new TestServer(home, { home, version: '0.0.0-test', config, threads, hub, execs: new CommandExecSessions(), shutdown });
  await server.request('initialize', { clientInfo: { name: 'zed', version: '1' }, capabilities: { experimentalApi: true } });
  return server;
}

/** The reference accepted every message the server sent. */
function expectValid(server: TestServer): void {
  expect(server.problems).toEqual([]);
}

const CUSTOM_PROVIDER = `
model = "qwen3-coder"
model_provider = "local"
approval_policy = "on-failure"
approvals_reviewer = "auto_review"
default_permissions = ":workspace"

[model_providers.local]
name = "Local"
base_url = "http://127.0.0.1:9/v1"
env_key = "LOCAL_KEY"

[mcp_servers.docs]
command = "docs-server"
args = ["--stdio"]
`;

describe('the handshake an editor does', () => {
  it('serves requests after initialize without the initialized notification, ids from 0, no "jsonrpc"', async () => {
    const server = await startServer();
    const first = server.received.find((message) => message.id === 0);
    expect(first?.result).toMatchObject({ codexHome: server.home, platformFamily: 'unix' });
    expect(first).not.toHaveProperty('jsonrpc', expect.anything());
    expect(await server.request('skills/list', {})).toEqual({ data: [{ cwd: process.cwd(), skills: [], errors: [] }] });
    expectValid(server);
  });
});

describe('config/read', () => {
  it('shows the effective config keyed as config.toml, with the origin of every key', async () => {
    const server = await startServer({ toml: CUSTOM_PROVIDER, env: { LOCAL_KEY: 'k' } });
    const result = await server.request('config/read', { includeLayers: false });
    expect(result.config).toMatchObject({
      model: 'qwen3-coder',
      model_provider: 'local',
      approvals_reviewer: 'auto_review',
      default_permissions: ':workspace',
      mcp_servers: { docs: { command: 'docs-server', args: ['--stdio'] } },
    });
    // The reference has no `on-failure`; agentd runs it as on-request.
    expect(result.config.approval_policy).toBe('on-request');
    const user = { type: 'user', file: join(server.home, 'config.toml') };
    expect(result.origins['model']).toEqual({ name: user, version: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(result.origins['mcp_servers.docs.args.0'].name).toEqual(user);
    expect(result.layers).toBeNull();
    expectValid(server);
  });

  it('lists the layers highest first when asked, with -c overrides as the session-flags layer', async () => {
    const server = await startServer({ toml: CUSTOM_PROVIDER, flags: ['model=gpt-5.4', 'sandbox_workspace_write.network_access=true'] });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-project-'));
    cleanups.push(() => rm(cwd, { recursive: true, force: true }));
    const result = await server.request('config/read', { includeLayers: true, cwd });
    expect(result.config.model).toBe('gpt-5.4');
    expect(result.config.sandbox_workspace_write).toEqual({ network_access: true });
    expect(result.layers.map((layer: any) => layer.name.type)).toEqual(['sessionFlags', 'user']);
    expect(result.layers[0].config).toEqual({ model: 'gpt-5.4', sandbox_workspace_write: { network_access: true } });
    expect(result.layers[1].config).toMatchObject({ model: 'qwen3-coder', model_provider: 'local' });
    expect(result.origins['model']).toEqual({ name: { type: 'sessionFlags' }, version: result.layers[0].version });
    expect(result.origins['model_provider']).toEqual({ name: result.layers[1].name, version: result.layers[1].version });
    expectValid(server);
  });

  it('with no config.toml: an empty config and the user layer that would hold it', async () => {
    const server = await startServer();
    const result = await server.request('config/read', { includeLayers: true });
    expect(result.config).toEqual({});
    expect(result.origins).toEqual({});
    expect(result.layers).toEqual([{ name: { type: 'user', file: join(server.home, 'config.toml') }, version: expect.stringMatching(/^sha256:/), config: {} }]);
    expectValid(server);
  });
});

describe('account/read', () => {
  it('a custom provider needs no OpenAI login; with its key set the account is an API key', async () => {
    const withKey = await startServer({ toml: CUSTOM_PROVIDER, env: { LOCAL_KEY: 'k' } });
    expect(await withKey.request('account/read', { refreshToken: false })).toEqual({ account: { type: 'apiKey' }, requiresOpenaiAuth: false });
    const withoutKey = await startServer({ toml: CUSTOM_PROVIDER });
    expect(await withoutKey.request('account/read', { refreshToken: false })).toEqual({ account: null, requiresOpenaiAuth: false });
    expectValid(withKey);
    expectValid(withoutKey);
  });

  it('OpenAI with OPENAI_API_KEY is an API-key account; without a key it needs one', async () => {
    const withKey = await startServer({ env: { OPENAI_API_KEY: 'sk-test' } });
    expect(await withKey.request('account/read', {})).toEqual({ account: { type: 'apiKey' }, requiresOpenaiAuth: false });
    const withoutKey = await startServer();
    expect(await withoutKey.request('account/read', {})).toEqual({ account: null, requiresOpenaiAuth: true });
    expectValid(withKey);
    expectValid(withoutKey);
  });
});

describe('permissionProfile/list', () => {
  it('pages through the built-in profiles', async () => {
    const server = await startServer();
    const first = await server.request('permissionProfile/list', { limit: 2, cwd: server.home });
    expect(first).toEqual({
      data: [expect.objectContaining({ id: ':read-only', allowed: true }), expect.objectContaining({ id: ':workspace', allowed: true })],
      nextCursor: '2',
    });
    const second = await server.request('permissionProfile/list', { cursor: first.nextCursor, limit: 2 });
    expect(second).toEqual({ data: [expect.objectContaining({ id: ':danger-full-access' })], nextCursor: null });
    const all = await server.request('permissionProfile/list', { cursor: null });
    expect(all.data).toHaveLength(3);
    const bad = await server.call('permissionProfile/list', { cursor: 'nonsense' });
    expect(bad.error).toMatchObject({ code: -32602, message: expect.stringContaining('cursor') });
    expectValid(server);
  });
});

describe('model/list', () => {
  it('lists the configured model first as the default, then the catalog; never empty', async () => {
    const server = await startServer({ toml: CUSTOM_PROVIDER });
    const { data, nextCursor } = await server.request('model/list', { cursor: null, limit: null });
    expect(nextCursor).toBeNull();
    expect(data[0]).toMatchObject({
      id: 'qwen3-coder',
      model: 'qwen3-coder',
      isDefault: true,
      hidden: false,
      defaultReasoningEffort: 'medium',
      inputModalities: ['text'],
    });
    expect(data[0].supportedReasoningEfforts.map((option: any) => option.reasoningEffort)).toEqual(['low', 'medium', 'high']);
    const catalog = data.slice(1);
    expect(catalog.map((model: any) => model.id)).toEqual(['gpt-5.5', 'gpt-5.4', 'gpt-5.4-mini']);
    for (const model of catalog) {
      expect(model.isDefault).toBe(false);
      expect(model.inputModalities).toEqual(['text', 'image']);
      expect(model.supportedReasoningEfforts.length).toBeGreaterThan(0);
      expect(model.supportedReasoningEfforts.map((option: any) => option.reasoningEffort)).toContain(model.defaultReasoningEffort);
    }
    expectValid(server);
  });

  it('marks a configured catalog model as the default without listing it twice, and pages', async () => {
    const server = await startServer({ toml: 'model = "gpt-5.4"\n' });
    const first = await server.request('model/list', { limit: 2 });
    expect(first.data.map((model: any) => [model.id, model.isDefault])).toEqual([
      ['gpt-5.4', true],
      ['gpt-5.5', false],
    ]);
    expect(first.nextCursor).toBe('2');
    const rest = await server.request('model/list', { cursor: first.nextCursor });
    expect(rest).toEqual({ data: [expect.objectContaining({ id: 'gpt-5.4-mini', isDefault: false })], nextCursor: null });
    expectValid(server);
  });

  it('with no config, the built-in default model is the default', async () => {
    const server = await startServer();
    const { data } = await server.request('model/list', {});
    expect(data.filter((model: any) => model.isDefault).map((model: any) => model.id)).toEqual(['gpt-5.5']);
    expectValid(server);
  });
});

describe('skills/list', () => {
  it('answers for every directory asked about, with no skills yet', async () => {
    const server = await startServer();
    expect(await server.request('skills/list', { cwds: ['/a', '/b'], forceReload: true })).toEqual({
      data: [
        { cwd: '/a', skills: [], errors: [] },
        { cwd: '/b', skills: [], errors: [] },
      ],
    });
    expectValid(server);
  });
});

describe('thread/start with a config map', () => {
  it('applies the keys agentd knows and ignores the others; typed params win over the map', async () => {
    const server = await startServer({ toml: CUSTOM_PROVIDER, env: { LOCAL_KEY: 'k' } });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-project-'));
    cleanups.push(() => rm(cwd, { recursive: true, force: true }));
    const result = await server.request('thread/start', {
      cwd,
      config: {
        features: { cwd_relative_turn_diffs: false },
        skills: { config: [{ name: 'visualize:visualize', enabled: false }] },
        projects: { [cwd]: { trust_level: 'trusted' } },
        mcp_servers: { docs: { command: 'docs-server', args: ['--stdio'] } },
        'some.future.key': 1,
        model_reasoning_effort: 'high',
        approval_policy: 'untrusted',
        approvals_reviewer: 'user',
        sandbox_mode: 'workspace-write',
        'sandbox_workspace_write.writable_roots': ['/data'],
        model: 'from-the-map',
      },
      model: 'from-the-params',
      developerInstructions: 'Be brief.',
    });
    expect(result).toMatchObject({
      model: 'from-the-params',
      modelProvider: 'local',
      reasoningEffort: 'high',
      approvalPolicy: 'untrusted',
      approvalsReviewer: 'user',
      sandbox: { type: 'workspaceWrite', writableRoots: ['/data'], networkAccess: false },
    });
    const thread = server.app.threads?.require(result.thread.id);
    expect(thread?.settings.developerInstructions).toBe('Be brief.');
    expectValid(server);
  });

  it('refuses a bad value for a key it knows, naming the key', async () => {
    const server = await startServer();
    const answer = await server.call('thread/start', { cwd: server.home, config: { approval_policy: 'sometimes' } });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('config.approval_policy') });
    expectValid(server);
  });
});

describe('thread/name/set', () => {
  it('answers, then echoes thread/name/updated after the answer', async () => {
    const server = await startServer();
    const { thread } = await server.request('thread/start', { cwd: server.home });
    const answer = await server.call('thread/name/set', { threadId: thread.id, name: '  Write a file  ' });
    expect(answer.result).toEqual({});
    const echo = await server.waitFor((message) => message.method === 'thread/name/updated');
    expect(echo.params).toMatchObject({ threadId: thread.id, threadName: 'Write a file' });
    expect(server.received.indexOf(echo)).toBeGreaterThan(server.received.indexOf(answer));
    expect(server.app.threads?.require(thread.id).name).toBe('Write a file');
    expectValid(server);
  });

  it('refuses an empty name and an unknown thread', async () => {
    const server = await startServer();
    const { thread } = await server.request('thread/start', { cwd: server.home });
    expect((await server.call('thread/name/set', { threadId: thread.id, name: '   ' })).error).toMatchObject({ code: -32602 });
    expect((await server.call('thread/name/set', { threadId: '01a20000-0000-7000-8000-000000000000', name: 'x' })).error).toMatchObject({
      code: -32600,
      message: expect.stringContaining('01a20000-0000-7000-8000-000000000000'),
    });
    expectValid(server);
  });
});
