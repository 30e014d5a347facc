/**
 * The daemon's life: the one-line handshake from the README, the handshake rules, opting out of
 * notifications, configuration (overrides, errors, OpenAI environment variables), the sandbox probe
 * in quiet time, and a clean exit on stdin EOF or SIGTERM that leaves no child process behind.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProtocolValidator, REPO_ROOT, processesMatching, reply, spawnDaemon, startModelServer } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('daemon lifecycle', () => {
  it('answers the README handshake with exactly one valid line and exits 0', async () => {
    const home = await mkdtemp(join(tmpdir(), 'agentd-home-'));
    const line = '{"id":1,"method":"initialize","params":{"clientInfo":{"name":"t","version":"1"}}}\n';
    const { code, stdout } = await run('npx', ['--no-install', 'agentd', 'app-server'], line, { ...process.env, AGENTD_HOME: home });
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const response = JSON.parse(lines[0] as string);
    expect(response.id).toBe(1);
    expect(new ProtocolValidator().response('initialize', response)).toEqual([]);
    expect(response.result).toMatchObject({ codexHome: home, platformFamily: 'unix', platformOs: 'linux' });
  });

  it('refuses requests before initialize and a second initialize', async () => {
    await using daemon = await spawnDaemon();
    await expect(daemon.request('thread/start', {})).rejects.toMatchObject({ code: -32600, message: 'Not initialized' });
    await daemon.initialize();
    await expect(daemon.request('initialize', { clientInfo: { name: 'again', version: '1' } })).rejects.toMatchObject({
      code: -32600,
      message: 'Already initialized',
    });
    await expect(daemon.request('no/such/method', {})).rejects.toMatchObject({ code: -32601 });
    const invalid = await daemon.request('thread/start', { cwd: 42 }).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ code: -32602 });
    expect((invalid as { data: { issues: unknown[] } }).data.issues.length).toBeGreaterThan(0);
  });

  it('refuses bad initialize params with the issues, then takes good ones', async () => {
    await using daemon = await spawnDaemon();
    const refused = await daemon.request('initialize', { clientInfo: { name: 'no-version' }, capabilities: { experimentalApi: 'yes' } }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: -32602, message: expect.stringContaining('Invalid params for initialize') });
    const paths = (refused as { data: { issues: { path: unknown[] }[] } }).data.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['clientInfo.version', 'capabilities.experimentalApi']));
    await expect(daemon.request('thread/start', {})).rejects.toMatchObject({ code: -32600, message: 'Not initialized' });
    await daemon.initialize();
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    expect((await daemon.request('thread/start', { cwd })).thread.id).toEqual(expect.any(String));
  });

  it('serves requests after initialize even when `initialized` never comes', async () => {
    await using daemon = await spawnDaemon();
    await daemon.request('initialize', { clientInfo: { name: 'no-initialized', version: '1' } });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    expect(thread.id).toEqual(expect.any(String));
  });

  it('honours optOutNotificationMethods', async () => {
    await using daemon = await spawnDaemon();
    await daemon.initialize({ clientInfo: { name: 't', version: '1' }, capabilities: { optOutNotificationMethods: ['thread/started'] } });
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    await daemon.request('thread/start', { cwd });
    await daemon.request('thread/start', { cwd });
    expect(daemon.notifications.filter((n) => n.method === 'thread/started')).toEqual([]);
  });

  it('reports a bad config file by file, line and key, and keeps serving', async () => {
    const home = await mkdtemp(join(tmpdir(), 'agentd-home-'));
    await writeFile(join(home, 'config.toml'), 'model = "gpt-5.5"\n\n[model_providers.local]\nbase_url = "http://localhost:1/v1"\nwire_api = "carrier-pigeon"\n');
    await using daemon = await spawnDaemon({ home });
    await daemon.initialize();
    const error = await daemon.request('thread/start', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: -32600 });
    const message = (error as Error).message;
    expect(message).toContain(join(home, 'config.toml'));
    expect(message).toContain(':5');
    expect(message).toContain('model_providers.local.wire_api');
    expect(message).not.toMatch(/\n\s+at /);
    expect(daemon.stderr).toContain('model_providers.local.wire_api');
  });

  it('reports a config file that is not TOML with its line', async () => {
    const home = await mkdtemp(join(tmpdir(), 'agentd-home-'));
    await writeFile(join(home, 'config.toml'), 'model = "a"\nsandbox_mode = [unclosed\n');
    await using daemon = await spawnDaemon({ home });
    await daemon.initialize();
    await expect(daemon.request('thread/start', {})).rejects.toThrow(/config\.toml:2/);
  });

  it('applies -c overrides over config.toml', async () => {
    await using daemon = await spawnDaemon({ args: ['-c', 'model=from-the-command-line', '-c', 'approval_policy=never'] });
    await daemon.initialize();
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    const started = await daemon.request('thread/start', { cwd });
    expect(started.model).toBe('from-the-command-line');
    expect(started.approvalPolicy).toBe('never');
  });

  it('uses OPENAI_API_KEY and OPENAI_BASE_URL when there is no config', async () => {
    await using model = await startModelServer({ apiKey: 'sk-from-env' });
    model.enqueue(reply.text('Hello from the environment.'));
    await using daemon = await spawnDaemon({ env: { OPENAI_API_KEY: 'sk-from-env', OPENAI_BASE_URL: model.url } });
    await daemon.initialize();
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('hi') });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    expect(model.modelRequests[0]?.headers.authorization).toBe('Bearer sk-from-env');
  });

  it('probes the sandbox once the requests after the handshake are done, not during them', async () => {
    await using daemon = await spawnDaemon({ config: 'sandbox_mode = "workspace-write"\n', env: { AGENTD_LOG: 'debug' } });
    await daemon.initialize();
    await daemon.request('thread/loaded/list', {});
    expect(daemon.stderr).not.toContain('sandbox probe');
    await daemon.waitForStderr('sandbox probe');
  });

  it('exits 0 on stdin EOF and on SIGTERM, stopping running commands', async () => {
    await using model = await startModelServer();
    const marker = `sleep 40.${process.pid}${Date.now() % 1000}`;
    model.enqueue(reply.toolCall('exec_command', { cmd: marker }));
    await using daemon = await spawnDaemon({
      config: `model_provider = "mock"\napproval_policy = "never"\nsandbox_mode = "danger-full-access"\n[model_providers.mock]\nbase_url = "${model.url}"\nenv_key = "AGENTD_TEST_API_KEY"\n`,
    });
    await daemon.initialize();
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
    const { thread } = await daemon.request('thread/start', { cwd });
    await daemon.request('turn/start', { threadId: thread.id, input: text('sleep') });
    await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'commandExecution' });
    daemon.kill('SIGTERM');
    const status = await daemon.exited;
    expect(status.code).toBe(0);
    expect(processesMatching(marker)).toEqual([]);

    await using quiet = await spawnDaemon();
    await quiet.initialize();
    const closed = await quiet.close();
    expect(closed.code).toBe(0);
  });
});
