import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError, spawnDaemon, type Daemon, type DaemonOptions } from './daemon.js';
import { mockProviderConfig } from './mock-config.js';
import { TimeoutError } from './wait.js';
import { spawnDaemonWithModel } from './with-model.js';

const ECHO_BIN = new URL('./fixtures/echo-daemon.mjs', import.meta.url).pathname;
const ECHO_EXTENSIONS = { requests: ['echo/inspect', 'echo/emit'], notifications: ['echo/received'] };

const STATUS_IDLE = { method: 'thread/status/changed', params: { threadId: 't1', status: { type: 'idle' } }, emittedAtMs: 1 };
const STATUS_ACTIVE = { method: 'thread/status/changed', params: { threadId: 't1', status: { type: 'active', activeFlags: [] } }, emittedAtMs: 2 };
const APPROVAL = {
  id: 0,
  method: 'item/commandExecution/requestApproval',
  params: { threadId: 't1', turnId: 'u1', itemId: 'call_1', startedAtMs: 1, command: 'ls', cwd: '/tmp' },
};

const started: Daemon[] = [];

async function echoDaemon(opts: DaemonOptions = {}): Promise<Daemon> {
  const d = await spawnDaemon({ bin: ECHO_BIN, extensions: ECHO_EXTENSIONS, timeoutMs: 5_000, ...opts });
  started.push(d);
  return d;
}

/** Makes the stand-in write these lines on stdout. */
async function emit(d: Daemon, ...messages: unknown[]): Promise<void> {
  await d.request('echo/emit', { lines: messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))) });
}

afterEach(async () => {
  // Tests that expect violations clear them; anything left fails here, as in an end-to-end test.
  await Promise.all(started.splice(0).map((d) => d.dispose()));
});

describe('handshake and requests', () => {
  it('sends initialize then initialized, and records the session like the transcripts', async () => {
    const d = await echoDaemon({ args: ['--listen', 'stdio://'] });
    const init = await d.initialize();
    expect(init).toEqual({ userAgent: 'echo-daemon/0.0.0', codexHome: d.home, platformFamily: 'unix', platformOs: process.platform });
    expect(d.messages.map((m) => [m.dir, JSON.parse(m.line)])).toEqual([
      ['c->s', { id: 1, method: 'initialize', params: { clientInfo: { name: 'agentd_test', title: 'agentd test driver', version: '0.0.0' }, capabilities: { experimentalApi: false } } }],
      ['s->c', { id: 1, result: init }],
      ['c->s', { method: 'initialized' }],
    ]);
    const times = d.messages.map((m) => m.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(d.transcript().split('\n')[0]).toMatch(/^\{"t":[\d.]+,"dir":"c->s","line":"\{\\"id\\":1,/);

    const inspect = await d.request('echo/inspect');
    expect(inspect.argv).toEqual(['app-server', '--listen', 'stdio://']);
    expect(inspect.cwd).toBe(d.home);
    expect(await d.close()).toEqual({ code: 0, signal: null });
  });

  it('rejects with an RpcError carrying code, message and method', async () => {
    const d = await echoDaemon();
    const early = await d.request('thread/start', {}).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(RpcError);
    expect(early).toMatchObject({ code: -32600, message: 'Not initialized', method: 'thread/start' });
    await d.initialize();
    await expect(d.initialize()).rejects.toMatchObject({ code: -32600, message: 'Already initialized' });
    await expect(d.request('thread/teleport', {})).rejects.toMatchObject({ code: -32601 });
    expect(d.schemaViolations).toEqual([]);
  });

  it('writes config.toml into a fresh AGENTD_HOME and never passes on OPENAI_API_KEY', async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-developer-secret';
    try {
      const config = mockProviderConfig('http://127.0.0.1:9/v1', { wireApi: 'chat' });
      const d = await echoDaemon({ config, env: { EXTRA: 'yes', PATH: undefined } });
      await d.initialize();
      const { env, config: written } = await d.request('echo/inspect');
      expect(written).toBe(config);
      expect(env.AGENTD_HOME).toBe(d.home);
      expect(env.AGENTD_TEST_API_KEY).toBe('test-key');
      expect(env.EXTRA).toBe('yes');
      expect(env.OPENAI_API_KEY).toBeUndefined();
      expect(env.PATH).toBeUndefined();
      expect(d.home.startsWith(tmpdir())).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });

  it('sends raw lines and finds the responses to raw requests', async () => {
    const d = await echoDaemon();
    await d.initialize();
    d.sendRaw('this is not json');
    d.sendRaw('{"id":"raw-1","method":"thread/teleport","params":{}}');
    expect(await d.waitForResponse('raw-1')).toEqual({ id: 'raw-1', error: { code: -32601, message: 'Unknown method: thread/teleport' } });
    expect(await d.waitForStderr(/ignoring a line that is not JSON/)).toContain('this is not json');
  });
});

describe('notifications', () => {
  it('returns successive notifications, including ones already received', async () => {
    const d = await echoDaemon();
    await d.initialize();
    await emit(d, STATUS_IDLE, STATUS_ACTIVE, STATUS_IDLE);
    expect(d.notifications.map((n) => n.params.status.type)).toEqual(['idle', 'active', 'idle']);

    const first = await d.nextNotification('thread/status/changed');
    expect(first).toEqual({ method: 'thread/status/changed', params: STATUS_IDLE.params, emittedAtMs: 1 });
    const active = await d.nextNotification('thread/status/changed', { where: (p) => p.status.type === 'active' });
    expect(active.emittedAtMs).toBe(2);
    expect((await d.nextNotification('thread/status/changed')).emittedAtMs).toBe(1);

    const later = d.nextNotification('thread/status/changed', { where: (p) => p.status.type === 'active' });
    await emit(d, STATUS_IDLE, STATUS_ACTIVE);
    expect((await later).emittedAtMs).toBe(2);
  });

  it('names what it waited for when it times out, with the last messages', async () => {
    const d = await echoDaemon();
    await d.initialize();
    await emit(d, STATUS_IDLE);
    const error = await d.nextNotification('turn/completed', { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    const text = (error as Error).message;
    expect(text).toMatch(/^Timed out after 100 ms waiting for notification "turn\/completed"\./);
    expect(text).toContain('Last messages (');
    expect(text).toContain('s->c {"method":"thread/status/changed"');

    const where = await d.nextNotification('turn/completed', { timeoutMs: 50, where: (p) => p.turn.status === 'failed' }).catch((e: Error) => e.message);
    expect(where).toMatch(/waiting for notification "turn\/completed" matching \(p\) => p\.turn\.status === ["']failed["']/);

    const req = await d.request('echo/emit', { respond: false }, { timeoutMs: 100 }).catch((e: Error) => e.message);
    expect(req).toMatch(/waiting for the response to request \d+ "echo\/emit"/);
  });
});

describe('server requests', () => {
  it('lets a test answer by hand', async () => {
    const d = await echoDaemon();
    await d.initialize();
    await emit(d, APPROVAL);
    const request = await d.nextServerRequest('item/commandExecution/requestApproval');
    expect(request).toMatchObject({ id: 0, params: APPROVAL.params, answered: false });
    request.respond({ decision: 'accept' });
    expect(() => request.respond({ decision: 'decline' })).toThrow(/already answered/);
    const received = await d.nextNotification('echo/received');
    expect(received.params.message).toEqual({ id: 0, result: { decision: 'accept' } });
  });

  it('answers automatically, turning a thrown error into an error response', async () => {
    const d = await echoDaemon();
    await d.initialize();
    await emit(d, APPROVAL); // queued before the handler exists: answered when it registers
    const off = d.onServerRequest('item/commandExecution/requestApproval', (params: { itemId: string }) =>
      params.itemId === 'call_1' ? { decision: 'acceptForSession' } : Promise.reject(new RpcError(-32000, 'no thanks')),
    );
    expect((await d.nextNotification('echo/received')).params.message).toEqual({ id: 0, result: { decision: 'acceptForSession' } });
    await emit(d, { ...APPROVAL, id: 1, params: { ...APPROVAL.params, itemId: 'call_2' } });
    expect((await d.nextNotification('echo/received')).params.message).toEqual({ id: 1, error: { code: -32000, message: 'no thanks' } });
    off();
    await emit(d, { ...APPROVAL, id: 2 });
    expect((await d.nextServerRequest('item/commandExecution/requestApproval')).id).toBe(2);
    expect(d.serverRequests.map((r) => [r.id, r.answered])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
  });
});

describe('schema validation', () => {
  it('collects violations, and close() fails on them', async () => {
    const d = await echoDaemon();
    await d.initialize();
    await emit(
      d,
      { method: 'turn/completed', params: { threadId: 't1' } },
      { method: 'thread/teleported', params: {} },
      'plain text on stdout',
      { id: null, error: { code: -32700, message: 'Parse error' } },
      { ...APPROVAL, params: { ...APPROVAL.params, command: undefined, threadId: 7 } },
    );
    expect(d.schemaViolations.map((v) => [v.kind, v.method])).toEqual([
      ['notification', 'turn/completed'],
      ['notification', 'thread/teleported'],
      ['message', undefined],
      ['errorResponse', undefined],
      ['serverRequest', 'item/commandExecution/requestApproval'],
    ]);
    expect(d.schemaViolations[0]?.message).toMatch(/must have required property 'turn'/);
    expect(d.schemaViolations[1]?.message).toMatch(/unknown notification method/);
    expect(d.schemaViolations[4]?.message).toMatch(/threadId/);
    expect(() => d.expectValid()).toThrow(/5 message\(s\) that break the reference schema/);
    await expect(d.close()).rejects.toThrow(/notification "turn\/completed": \/params must have required property 'turn'/);
    d.schemaViolations.length = 0;
  });

  it('checks results against the response type of the request', async () => {
    const d = await echoDaemon({ env: { ECHO_BAD_INITIALIZE: '1' } });
    await d.initialize();
    expect(d.schemaViolations).toMatchObject([{ kind: 'response', method: 'initialize', id: 1 }]);
    expect(d.schemaViolations[0]?.message).toMatch(/codexHome/);
    d.schemaViolations.length = 0;
  });

  it('can be turned off', async () => {
    const d = await echoDaemon({ validate: false });
    await d.initialize();
    await emit(d, { method: 'thread/teleported', params: {} });
    expect(d.schemaViolations).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('fails waiters and requests when the daemon exits', async () => {
    const d = await echoDaemon();
    await d.initialize();
    const waiting = d.nextNotification('turn/completed');
    const dying = d.request('echo/emit', { respond: false, stderr: 'fatal: out of cheese\n', exit: 3 });
    await expect(dying).rejects.toThrow(/daemon exited \(code 3, signal null\) while waiting for the response to request 2 "echo\/emit"/);
    await expect(waiting).rejects.toThrow(/while waiting for notification "turn\/completed"[^]*out of cheese/);
    expect(await d.exited).toEqual({ code: 3, signal: null });
    await expect(d.request('echo/inspect')).rejects.toThrow(/daemon exited/);
  });

  it('kills on request, and dispose() removes the temp home', async () => {
    const d = await echoDaemon();
    d.kill('SIGKILL');
    expect(await d.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await d.dispose();
    expect(existsSync(d.home)).toBe(false);
  });

  it('keeps a home it was given', async () => {
    const home = await mkdtemp(join(tmpdir(), 'agentd-given-home-'));
    try {
      const d = await echoDaemon({ home });
      await d.dispose();
      expect(existsSync(home)).toBe(true);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('says how to build when the bin is missing', async () => {
    await expect(spawnDaemon({ bin: '/nonexistent/agentd.js' })).rejects.toThrow(/agentd bin not found at \/nonexistent\/agentd\.js: build the workspace first/);
  });
});

describe('mockProviderConfig', () => {
  it('selects the mock provider with the Codex key names', () => {
    expect(
      mockProviderConfig('http://127.0.0.1:1234/v1', {
        settings: { approval_policy: 'on-request' },
        provider: { request_max_retries: 0 },
        toml: '[sandbox_workspace_write]\nnetwork_access = false',
      }),
    ).toBe(
      [
        'model = "gpt-test"',
        'model_provider = "mock"',
        'approval_policy = "on-request"',
        '',
        '[model_providers.mock]',
        'name = "mock"',
        'base_url = "http://127.0.0.1:1234/v1"',
        'wire_api = "responses"',
        'env_key = "AGENTD_TEST_API_KEY"',
        'request_max_retries = 0',
        '',
        '[sandbox_workspace_write]',
        'network_access = false',
        '',
      ].join('\n'),
    );
  });
});

describe('spawnDaemonWithModel', () => {
  it('starts a model server and a daemon configured for it, and disposes of both', async () => {
    const env = await spawnDaemonWithModel({ bin: ECHO_BIN, extensions: ECHO_EXTENSIONS, wireApi: 'chat' });
    expect(env.init.codexHome).toBe(env.home);
    const { config } = await env.daemon.request('echo/inspect');
    expect(config).toContain(`base_url = "${env.model.url}"`);
    expect(config).toContain('wire_api = "chat"');
    await env.dispose();
    expect(existsSync(env.home)).toBe(false);
    await expect(fetch(`${env.model.url}/models`)).rejects.toThrow();
  });

  it('works with await using', async () => {
    let home = '';
    {
      await using env = await spawnDaemonWithModel({ bin: ECHO_BIN, extensions: ECHO_EXTENSIONS });
      home = env.home;
      expect(existsSync(home)).toBe(true);
    }
    expect(existsSync(home)).toBe(false);
  });
});
