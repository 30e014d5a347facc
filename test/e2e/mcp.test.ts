/**
 * MCP servers as tools, end to end: the real daemon, real MCP servers written with the SDK
 * (test/fixtures/mcp, over stdio and streamable HTTP on loopback), and the scripted model.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Daemon,
  httpMcpServerToml,
  processesMatching,
  readMcpFixtureLog,
  reply,
  spawnDaemonWithModel,
  startHttpMcpFixture,
  startRestartable,
  stdioMcpServerToml,
} from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const TIMEOUT_MS = 30_000;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'agentd-mcp-'));
}

/** Starts a thread and a turn, and waits for the turn to end. */
async function runTurn(daemon: Daemon, prompt: string, threadParams: Record<string, unknown> = {}) {
  const { thread } = await daemon.request('thread/start', { cwd: await tempDir(), ...threadParams });
  const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text(prompt) });
  const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
  return { thread, turn, done };
}

function mcpItems(daemon: Daemon, method: 'item/started' | 'item/completed') {
  return daemon.notifications.filter((n) => n.method === method && n.params.item.type === 'mcpToolCall').map((n) => n.params.item);
}

describe('MCP tool calls', () => {
  it('stdio: a round trip — started, progress, completed — and the result reaches the model', async () => {
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: stdioMcpServerToml('docs'),
      script: [reply.toolCall('mcp__docs__echo', { text: 'hello' }), reply.text('Done.')],
    });
    const { daemon, model } = env;
    const { thread, turn, done } = await runTurn(daemon, 'echo hello');
    expect(done.params.turn.status).toBe('completed');

    const startup = daemon.notifications.filter((n) => n.method === 'mcpServer/startupStatus/updated').map((n) => n.params);
    expect(startup).toEqual([
      expect.objectContaining({ threadId: thread.id, name: 'docs', status: 'starting', error: null }),
      expect.objectContaining({ threadId: thread.id, name: 'docs', status: 'ready', error: null }),
    ]);

    const methods = daemon.notifications.map((n) => n.method);
    const started = methods.findIndex((method, i) => method === 'item/started' && daemon.notifications[i]?.params.item.type === 'mcpToolCall');
    const progress = methods.indexOf('item/mcpToolCall/progress');
    const completed = methods.findIndex((method, i) => method === 'item/completed' && daemon.notifications[i]?.params.item.type === 'mcpToolCall');
    expect(started).toBeGreaterThan(-1);
    expect(progress).toBeGreaterThan(started);
    expect(completed).toBeGreaterThan(progress);
    expect(daemon.notifications[progress]?.params).toMatchObject({ threadId: thread.id, turnId: turn.id, itemId: 'call_1', message: 'echoing hello' });
    expect(mcpItems(daemon, 'item/started')[0]).toMatchObject({ id: 'call_1', server: 'docs', tool: 'echo', status: 'inProgress', arguments: { text: 'hello' }, readOnlyHint: true });
    const item = mcpItems(daemon, 'item/completed')[0];
    expect(item).toMatchObject({ id: 'call_1', status: 'completed', error: null, result: { content: [{ type: 'text', text: 'echo: hello' }] } });
    expect(typeof item.durationMs).toBe('number');

    const output = model.modelRequests[1]?.json.input.at(-1);
    expect(output).toEqual({ type: 'function_call_output', call_id: 'call_1', output: 'echo: hello' });
  });

  it('the model sees the tools as mcp__<server>__<tool>, after the built-ins, sorted, with canonical schemas', async () => {
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      toml: stdioMcpServerToml('docs', {}, { disabledTools: ['crash', 'sleep'] }),
      script: [reply.text('Hi.')],
    });
    await runTurn(env.daemon, 'hi');
    const tools = env.model.modelRequests[0]?.json.tools as Array<{ name: string; parameters: unknown }>;
    const names = tools.map((tool) => tool.name);
    expect(names.filter((name) => name.startsWith('mcp__'))).toEqual([
      'mcp__docs__add',
      'mcp__docs__echo',
      'mcp__docs__fail',
      'mcp__docs__look',
      'mcp__docs__pid',
      'mcp__docs__write_note',
    ]);
    expect(names.indexOf('mcp__docs__add')).toBe(names.length - 6);
    const add = tools.find((tool) => tool.name === 'mcp__docs__add');
    expect(JSON.stringify(add)).toBe(
      '{"type":"function","name":"mcp__docs__add","description":"Adds two numbers.","strict":false,"parameters":{"additionalProperties":false,"properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"],"type":"object"}}',
    );
  });

  it('streamable HTTP: a round trip with an image result, passed to the model as input_image', async () => {
    await using server = await startHttpMcpFixture();
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: httpMcpServerToml('web', server.url),
      script: [reply.toolCall('mcp__web__look', {}), reply.toolCall('mcp__web__echo', { text: 'over http' }), reply.text('A red dot.')],
    });
    const { daemon, model } = env;
    const { done } = await runTurn(daemon, 'look');
    expect(done.params.turn.status).toBe('completed');
    const [look, echo] = mcpItems(daemon, 'item/completed');
    expect(look).toMatchObject({ server: 'web', tool: 'look', status: 'completed' });
    expect(look.result.content[1]).toMatchObject({ type: 'image', mimeType: 'image/png' });
    expect(echo).toMatchObject({ tool: 'echo', status: 'completed', result: { content: [{ type: 'text', text: 'echo: over http' }] } });
    expect(daemon.notifications.some((n) => n.method === 'item/mcpToolCall/progress' && n.params.message === 'echoing over http')).toBe(true);
    const output = model.modelRequests[1]?.json.input.at(-1);
    expect(output).toEqual({
      type: 'function_call_output',
      call_id: 'call_1',
      output: [
        { type: 'input_text', text: 'A red dot.' },
        { type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,iVBOR/), detail: 'auto' },
      ],
    });
  });

  it('a slow tool hits its timeout: the call fails, the model is told, the server is told and keeps serving', async () => {
    const log = join(await tempDir(), 'fixture.jsonl');
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: stdioMcpServerToml('slow', { log }, { toolTimeoutSec: 0.5 }),
      script: [reply.toolCall('mcp__slow__sleep', { ms: 60_000 }), reply.toolCall('mcp__slow__add', { a: 2, b: 2 }), reply.text('Gave up waiting.')],
    });
    const { daemon, model } = env;
    const { done } = await runTurn(daemon, 'sleep');
    expect(done.params.turn.status).toBe('completed');
    const [sleep, add] = mcpItems(daemon, 'item/completed');
    expect(sleep).toMatchObject({ tool: 'sleep', status: 'failed', result: null, error: { message: 'the tool call timed out after 0.5 s' } });
    expect(add).toMatchObject({ tool: 'add', status: 'completed', result: { content: [{ type: 'text', text: '4' }] } });
    expect(model.modelRequests[1]?.json.input.at(-1).output).toBe('The MCP tool `sleep` of `slow` failed: the tool call timed out after 0.5 s');
    const events = readMcpFixtureLog(log);
    expect(events.filter((event) => event.event === 'start')).toHaveLength(1);
    expect(events.some((event) => event.event === 'cancelled' && event.tool === 'sleep')).toBe(true);
  });

  it('turn/interrupt during a slow call ends the turn, fails the item and cancels the call on the server', async () => {
    const log = join(await tempDir(), 'fixture.jsonl');
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: stdioMcpServerToml('slow', { log }),
      script: [reply.toolCall('mcp__slow__sleep', { ms: 60_000 })],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await tempDir() });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('sleep') });
    await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'mcpToolCall' });
    // The item starts before the request leaves: interrupt once the server has the call.
    const logged = (event: string) => async () => readMcpFixtureLog(log).some((entry) => entry.event === event && entry.tool === 'sleep');
    await expect.poll(logged('call'), { timeout: 10_000 }).toBe(true);
    await daemon.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('interrupted');
    expect(mcpItems(daemon, 'item/completed')[0]).toMatchObject({ tool: 'sleep', status: 'failed' });
    expect(model.modelRequests).toHaveLength(1);
    await expect.poll(logged('cancelled'), { timeout: 10_000 }).toBe(true);
  });

  it('a server that crashes mid-call: the error goes to the model, and the next call starts it again', async () => {
    const log = join(await tempDir(), 'fixture.jsonl');
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: stdioMcpServerToml('fragile', { log }),
      script: [reply.toolCall('mcp__fragile__crash', {}), reply.toolCall('mcp__fragile__echo', { text: 'still here' }), reply.text('Recovered.')],
    });
    const { daemon, model } = env;
    const { done } = await runTurn(daemon, 'crash it');
    expect(done.params.turn.status).toBe('completed');
    const [crash, echo] = mcpItems(daemon, 'item/completed');
    expect(crash).toMatchObject({ tool: 'crash', status: 'failed' });
    expect(crash.error.message).toMatch(/stopped during the call .*crashing on purpose.*starts again on the next call/);
    expect(echo).toMatchObject({ tool: 'echo', status: 'completed', result: { content: [{ type: 'text', text: 'echo: still here' }] } });
    expect(model.modelRequests[1]?.json.input.at(-1).output).toMatch(/^The MCP tool `crash` of `fragile` failed: /);
    const starts = readMcpFixtureLog(log).filter((event) => event.event === 'start');
    expect(starts).toHaveLength(2);
    expect(starts[0]?.pid).not.toBe(starts[1]?.pid);
  });

  it('a server that never starts is reported, the thread goes on without it, and it does not outlive the daemon', async () => {
    // The fixture's log path names its process, so the test can look for it afterwards.
    const stuckLog = join(await tempDir(), 'stuck.log');
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: [
        stdioMcpServerToml('good'),
        stdioMcpServerToml('stuck', { neverReady: true, log: stuckLog }, { startupTimeoutSec: 0.5 }),
        stdioMcpServerToml('broken', { failToStart: true }),
      ].join('\n'),
      script: [reply.toolCall('mcp__good__add', { a: 1, b: 2 }), reply.text('3.')],
    });
    const { daemon, model } = env;
    const { thread, done } = await runTurn(daemon, 'add');
    expect(done.params.turn.status).toBe('completed');

    const failed = daemon.notifications.filter((n) => n.method === 'mcpServer/startupStatus/updated' && n.params.status === 'failed').map((n) => n.params);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ threadId: thread.id, name: 'stuck', error: 'did not start within 0.5 s' }),
        expect.objectContaining({ threadId: thread.id, name: 'broken', error: expect.stringContaining('the database is missing') }),
      ]),
    );
    const warnings = daemon.notifications.filter((n) => n.method === 'warning').map((n) => n.params);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ threadId: thread.id, message: expect.stringContaining('MCP server `stuck` failed to start: did not start within 0.5 s') }),
        expect.objectContaining({ threadId: thread.id, message: expect.stringContaining('MCP server `broken` failed to start') }),
      ]),
    );
    const names = (model.modelRequests[0]?.json.tools as Array<{ name: string }>).map((tool) => tool.name);
    expect(names.some((name) => name.startsWith('mcp__good__'))).toBe(true);
    expect(names.some((name) => name.startsWith('mcp__stuck__') || name.startsWith('mcp__broken__'))).toBe(false);
    expect(mcpItems(daemon, 'item/completed')[0]).toMatchObject({ server: 'good', tool: 'add', status: 'completed' });

    const status = await daemon.request('mcpServerStatus/list', { threadId: thread.id });
    const byName = Object.fromEntries(status.data.map((server: { name: string }) => [server.name, server]));
    expect(Object.keys(byName)).toEqual(['broken', 'good', 'stuck']);
    expect(byName.stuck).toMatchObject({ runtimeStatus: 'failed', toolsError: 'did not start within 0.5 s', tools: {} });
    expect(byName.good).toMatchObject({ runtimeStatus: 'connected', toolsError: null, serverInfo: { name: 'agentd-fixture', version: '1.0.0' }, httpOrigin: null });
    expect(Object.keys(byName.good.tools).sort()).toEqual(['add', 'crash', 'echo', 'fail', 'look', 'pid', 'sleep', 'write_note']);

    // It ignores the end of its input: it is terminated all the same, at the latest when the
    // daemon shuts down.
    await daemon.close();
    expect(processesMatching(stuckLog)).toEqual([]);
  });

  it('a tool error is returned to the model and the turn goes on', async () => {
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: stdioMcpServerToml('docs'),
      script: [reply.toolCall('mcp__docs__fail', { why: 'no such row' }), reply.toolCall('mcp__docs__nope', {}), reply.text('It failed.')],
    });
    const { daemon, model } = env;
    const { done } = await runTurn(daemon, 'fail');
    expect(done.params.turn.status).toBe('completed');
    expect(mcpItems(daemon, 'item/completed')[0]).toMatchObject({
      tool: 'fail',
      status: 'failed',
      error: { message: 'it failed: no such row' },
      result: { content: [{ type: 'text', text: 'it failed: no such row' }] },
    });
    expect(model.modelRequests[1]?.json.input.at(-1).output).toBe('The tool reported an error:\nit failed: no such row');
    expect(model.modelRequests[2]?.json.input.at(-1).output).toMatch(/^There is no tool named "mcp__docs__nope"/);
  });
});

describe('MCP approvals', () => {
  it('untrusted: asks before a tool with side effects; a read-only tool runs unasked; "for this session" stops the asking', async () => {
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'untrusted' },
      toml: stdioMcpServerToml('notes'),
      script: [
        reply.toolCall('mcp__notes__echo', { text: 'read only' }),
        reply.toolCall('mcp__notes__write_note', { text: 'first' }),
        reply.toolCall('mcp__notes__write_note', { text: 'second' }),
        reply.text('Noted twice.'),
      ],
    });
    const { daemon } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await tempDir() });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('take notes') });
    const question = await daemon.nextServerRequest('item/tool/requestUserInput');
    expect(question.params).toMatchObject({
      threadId: thread.id,
      turnId: turn.id,
      itemId: 'call_2',
      questions: [
        {
          id: 'mcp_tool_call_approval_call_2',
          question: 'Allow the notes MCP server to run tool "write_note"?',
          options: [{ label: 'Allow' }, { label: 'Allow for this session' }, { label: 'Decline' }, { label: 'Cancel' }],
        },
      ],
    });
    expect(mcpItems(daemon, 'item/completed').map((item) => item.tool)).toEqual(['echo']);
    question.respond({ answers: { mcp_tool_call_approval_call_2: { answers: ['Allow for this session'] } } });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    expect(daemon.serverRequests.filter((request) => request.method === 'item/tool/requestUserInput')).toHaveLength(1);
    expect(mcpItems(daemon, 'item/completed').map((item) => [item.tool, item.status])).toEqual([
      ['echo', 'completed'],
      ['write_note', 'completed'],
      ['write_note', 'completed'],
    ]);
  });

  it('untrusted: a declined call does not run and the model is told; cancel ends the turn', async () => {
    const log = join(await tempDir(), 'fixture.jsonl');
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'untrusted' },
      toml: stdioMcpServerToml('notes', { log }),
      script: [reply.toolCall('mcp__notes__write_note', { text: 'no' }), reply.toolCall('mcp__notes__write_note', { text: 'still no' })],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd: await tempDir() });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('take notes') });
    (await daemon.nextServerRequest('item/tool/requestUserInput')).respond({ answers: { mcp_tool_call_approval_call_1: { answers: ['Decline'] } } });
    (await daemon.nextServerRequest('item/tool/requestUserInput')).respond({ answers: { mcp_tool_call_approval_call_2: { answers: ['Cancel'] } } });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('interrupted');
    expect(mcpItems(daemon, 'item/completed')).toEqual([
      expect.objectContaining({ status: 'failed', error: { message: 'the user declined the call' } }),
      expect.objectContaining({ status: 'failed', error: { message: 'the user cancelled the turn' } }),
    ]);
    expect(model.modelRequests[1]?.json.input.at(-1).output).toMatch(/^The user declined to run the MCP tool `write_note`/);
    expect(readMcpFixtureLog(log).filter((event) => event.event === 'call')).toEqual([]);
  });

  it('on-request: calls run unasked', async () => {
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'on-request' },
      toml: stdioMcpServerToml('notes'),
      script: [reply.toolCall('mcp__notes__write_note', { text: 'fine' }), reply.text('Noted.')],
    });
    const { done } = await runTurn(env.daemon, 'note');
    expect(done.params.turn.status).toBe('completed');
    expect(env.daemon.serverRequests).toEqual([]);
    expect(mcpItems(env.daemon, 'item/completed')[0]).toMatchObject({ tool: 'write_note', status: 'completed' });
  });
});

describe('MCP configuration and lifetime', () => {
  it('thread/start config adds, changes and disables servers for that thread only', async () => {
    await using env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      toml: stdioMcpServerToml('docs'),
      script: [reply.text('One.'), reply.text('Two.')],
    });
    const { daemon, model } = env;
    const extra = { command: process.execPath, args: [join(process.cwd(), 'test/fixtures/mcp/fixture-server.mjs'), 'stdio'], enabled_tools: ['pid'] };
    await runTurn(daemon, 'one', { config: { mcp_servers: { extra }, 'mcp_servers.docs.enabled': false } });
    await runTurn(daemon, 'two');
    const mcpNames = (index: number) => (model.modelRequests[index]?.json.tools as Array<{ name: string }>).map((tool) => tool.name).filter((name) => name.startsWith('mcp__'));
    expect(mcpNames(0)).toEqual(['mcp__extra__pid']);
    expect(mcpNames(1)).toContain('mcp__docs__echo');
    expect(mcpNames(1).some((name) => name.startsWith('mcp__extra__'))).toBe(false);
  });

  it("a thread's own servers come back after a restart (thread/resume) and go with a fork", async () => {
    await using env = await startRestartable({ timeoutMs: TIMEOUT_MS, settings: { approval_policy: 'never' } });
    const mcpNames = (index: number) => (env.model.modelRequests[index]?.json.tools as Array<{ name: string }>).map((tool) => tool.name).filter((name) => name.startsWith('mcp__'));
    const extra = { command: process.execPath, args: [join(process.cwd(), 'test/fixtures/mcp/fixture-server.mjs'), 'stdio'], enabled_tools: ['pid'] };
    env.model.enqueue(reply.text('One.'));
    const { thread } = await runTurn(env.daemon, 'one', { config: { mcp_servers: { extra } } });
    expect(mcpNames(0)).toEqual(['mcp__extra__pid']);

    const daemon = await env.restart();
    await daemon.request('thread/resume', { threadId: thread.id });
    env.model.enqueue(reply.toolCall('mcp__extra__pid', {}), reply.text('Two.'));
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('two') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(mcpNames(1)).toEqual(['mcp__extra__pid']);
    expect(mcpItems(daemon, 'item/completed')).toEqual([expect.objectContaining({ server: 'extra', tool: 'pid', status: 'completed' })]);

    const { thread: fork } = await daemon.request('thread/fork', { threadId: thread.id });
    env.model.enqueue(reply.text('Three.'));
    const forked = await daemon.request('turn/start', { threadId: fork.id, input: text('three') });
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === forked.turn.id });
    expect(mcpNames(3)).toEqual(['mcp__extra__pid']);
  });

  it('a bad mcp_servers table in thread/start config is refused with the key and the reason', async () => {
    await using env = await spawnDaemonWithModel({ timeoutMs: TIMEOUT_MS });
    const error = await env.daemon.request('thread/start', { config: { mcp_servers: { bad: { args: ['x'] } } } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: -32602, message: expect.stringContaining('mcp_servers.bad') });
    expect((error as Error).message).toMatch(/command.*url/);
  });

  it('threads share a server started once; mcpServerStatus/list reports config.toml servers; shutdown stops them', async () => {
    const log = join(await tempDir(), 'fixture.jsonl');
    const env = await spawnDaemonWithModel({
      timeoutMs: TIMEOUT_MS,
      settings: { approval_policy: 'never' },
      toml: stdioMcpServerToml('shared', { log }),
      script: [reply.toolCall('mcp__shared__pid', {}), reply.text('One.'), reply.toolCall('mcp__shared__pid', {}), reply.text('Two.')],
    });
    try {
      const { daemon } = env;
      await runTurn(daemon, 'one');
      await runTurn(daemon, 'two');
      const pids = mcpItems(daemon, 'item/completed').map((item) => item.result.content[0].text);
      expect(pids).toHaveLength(2);
      expect(pids[0]).toBe(pids[1]);
      const status = await daemon.request('mcpServerStatus/list', {});
      expect(status).toMatchObject({ nextCursor: null, data: [{ name: 'shared', runtimeStatus: 'connected', authStatus: 'unsupported' }] });
      expect(readMcpFixtureLog(log).filter((event) => event.event === 'start')).toHaveLength(1);
      await env.dispose();
      expect(isRunning(Number(pids[0]))).toBe(false);
    } finally {
      await env.dispose();
    }
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
