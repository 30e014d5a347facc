/**
 * `command/exec`: one command outside any thread, sandboxed by the configured policy unless the
 * request names one, with the clean environment plus the client's changes; buffered or streamed
 * output cut at a byte cap; stdin fed through `command/exec/write`; stopped by a timeout (exit
 * 124) or `command/exec/terminate`. Bad requests get clear errors and the daemon keeps serving.
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError, spawnDaemonWithModel } from '../support/index.js';

const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

const scratchDirs: string[] = [];
afterEach(async () => {
  for (const dir of scratchDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = realpathSync(await mkdtemp('/tmp/agentd-exec-'));
  scratchDirs.push(dir);
  return dir;
}

async function daemonFor(settings: Record<string, string | boolean> = {}) {
  return spawnDaemonWithModel({ settings: { sandbox_mode: 'workspace-write', ...settings }, env: { OPENAI_API_KEY: 'sk-exec-secret-42' } });
}

async function rpcError(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('command/exec', () => {
  it('runs a command and answers with its exit code and output', async () => {
    await using env = await daemonFor();
    const cwd = await scratch();
    const result = await env.daemon.request('command/exec', { command: ['bash', '-c', 'echo out; echo err >&2; pwd; exit 3'], cwd });
    expect(result).toEqual({ exitCode: 3, stdout: `out\n${cwd}\n`, stderr: 'err\n' });
  });

  it('is sandboxed by the configured policy, or by the one it names', async () => {
    await using env = await daemonFor();
    const cwd = await scratch();
    const outside = await mkdtemp('/var/tmp/agentd-exec-outside-');
    scratchDirs.push(outside);
    const write = ['bash', '-c', `echo in > in-cwd.txt && echo out > ${outside}/escape.txt`];
    const confined = await env.daemon.request('command/exec', { command: write, cwd });
    expect(confined.exitCode).not.toBe(0);
    expect(confined.stderr).toMatch(/Read-only file system/);
    expect(existsSync(join(cwd, 'in-cwd.txt'))).toBe(true);
    expect(existsSync(join(outside, 'escape.txt'))).toBe(false);

    const readOnly = await env.daemon.request('command/exec', { command: ['bash', '-c', 'echo x > again.txt'], cwd, sandboxPolicy: { type: 'readOnly' } });
    expect(readOnly.exitCode).not.toBe(0);
    expect(existsSync(join(cwd, 'again.txt'))).toBe(false);

    const full = await env.daemon.request('command/exec', { command: write, cwd, sandboxPolicy: { type: 'dangerFullAccess' } });
    expect(full.exitCode).toBe(0);
    expect(existsSync(join(outside, 'escape.txt'))).toBe(true);
  });

  it('gets the clean environment with the changes it asks for, and never the API key', async () => {
    await using env = await daemonFor();
    const result = await env.daemon.request('command/exec', {
      command: ['bash', '-c', 'echo "foo=$FOO home=${HOME-unset} key=[$OPENAI_API_KEY]"'],
      cwd: await scratch(),
      env: { FOO: 'bar', HOME: null },
    });
    expect(result).toEqual({ exitCode: 0, stdout: 'foo=bar home=unset key=[]\n', stderr: '' });
  });

  it('keeps the first outputBytesCap bytes of each stream', async () => {
    await using env = await daemonFor();
    const result = await env.daemon.request('command/exec', {
      command: ['bash', '-c', 'printf 0123456789; printf abcdefghij >&2'],
      cwd: await scratch(),
      outputBytesCap: 4,
    });
    expect(result).toEqual({ exitCode: 0, stdout: '0123', stderr: 'abcd' });
  });

  it('streams output and takes stdin when asked, with the response after the last delta', async () => {
    await using env = await daemonFor();
    const { daemon } = env;
    const running = daemon.request('command/exec', {
      command: ['bash', '-c', 'while read -r line; do echo "got $line"; done; echo bye >&2'],
      cwd: await scratch(),
      processId: 'cat-1',
      streamStdin: true,
      streamStdoutStderr: true,
    });
    // The process is registered once the request is in flight; writes before that find nothing.
    await expect.poll(() => daemon.request('command/exec/write', { processId: 'cat-1', deltaBase64: b64('one\n') }).then(() => true, () => false)).toBe(true);
    const first = await daemon.nextNotification('command/exec/outputDelta', { where: (p) => p.stream === 'stdout' });
    expect(first.params).toEqual({ processId: 'cat-1', stream: 'stdout', deltaBase64: b64('got one\n'), capReached: false });
    await daemon.request('command/exec/write', { processId: 'cat-1', deltaBase64: b64('two\n'), closeStdin: true });

    expect(await running).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const deltas = daemon.notifications.filter((n) => n.method === 'command/exec/outputDelta');
    const text = (stream: string) => deltas.filter((n) => n.params.stream === stream).map((n) => unb64(n.params.deltaBase64)).join('');
    expect(text('stdout')).toBe('got one\ngot two\n');
    expect(text('stderr')).toBe('bye\n');
    const response = daemon.messages.findIndex((m) => m.dir === 's->c' && /"result":\{"exitCode"/.test(m.line));
    const lastDelta = daemon.messages.findLastIndex((m) => m.line.includes('command/exec/outputDelta'));
    expect(response).toBeGreaterThan(lastDelta);

    const closed = await rpcError(daemon.request('command/exec/write', { processId: 'cat-1', closeStdin: true }));
    expect(closed.message).toMatch(/no active command\/exec for process id "cat-1"/);
  });

  it('streamed output stops at the cap with capReached on the last piece', async () => {
    await using env = await daemonFor();
    const { daemon } = env;
    const result = await daemon.request('command/exec', {
      command: ['bash', '-c', 'head -c 100000 /dev/zero | tr "\\0" x'],
      cwd: await scratch(),
      processId: 'capped',
      streamStdoutStderr: true,
      outputBytesCap: 70_000,
    });
    expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const deltas = daemon.notifications.filter((n) => n.method === 'command/exec/outputDelta').map((n) => n.params);
    const bytes = deltas.reduce((sum, delta) => sum + Buffer.from(delta.deltaBase64, 'base64').length, 0);
    expect(bytes).toBe(70_000);
    expect(deltas.map((delta) => delta.capReached)).toEqual([...deltas.slice(1).map(() => false), true]);
  });

  it('a timeout kills it: exit code 124', async () => {
    await using env = await daemonFor();
    const result = await env.daemon.request('command/exec', { command: ['bash', '-c', 'echo started; sleep 30'], cwd: await scratch(), timeoutMs: 300 });
    expect(result).toEqual({ exitCode: 124, stdout: 'started\n', stderr: '' });
  });

  it('command/exec/terminate stops it; its response follows', async () => {
    await using env = await daemonFor();
    const { daemon } = env;
    const running = daemon.request('command/exec', {
      command: ['bash', '-c', 'echo ready; sleep 30'],
      cwd: await scratch(),
      processId: 'sleeper',
      streamStdoutStderr: true,
    });
    await daemon.nextNotification('command/exec/outputDelta', { where: (p) => p.processId === 'sleeper' });
    expect(await daemon.request('command/exec/terminate', { processId: 'sleeper' })).toEqual({});
    const result = await running;
    expect(result.exitCode).toBe(128 + 15);
  });

  it('refuses what it cannot do, clearly, and keeps serving', async () => {
    await using env = await daemonFor();
    const { daemon } = env;
    const cwd = await scratch();
    const cases: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ command: [] }, INVALID_PARAMS, /command must not be empty/],
      [{ command: ['true'], tty: true, processId: 't' }, INVALID_REQUEST, /tty is not supported/],
      [{ command: ['true'], streamStdoutStderr: true }, INVALID_REQUEST, /requires a client-supplied processId/],
      [{ command: ['true'], timeoutMs: 5, disableTimeout: true }, INVALID_PARAMS, /disableTimeout cannot be combined with timeoutMs/],
      [{ command: ['true'], outputBytesCap: 5, disableOutputCap: true }, INVALID_PARAMS, /disableOutputCap cannot be combined/],
      [{ command: ['true'], timeoutMs: -1 }, INVALID_PARAMS, /timeoutMs must be non-negative/],
      [{ command: ['true'], cwd: join(cwd, 'missing') }, INVALID_PARAMS, /cwd is not an existing directory/],
    ];
    for (const [params, code, message] of cases) {
      const error = await rpcError(daemon.request('command/exec', { cwd, ...params }));
      expect({ code: error.code, message: error.message }, JSON.stringify(params)).toEqual({ code, message: expect.stringMatching(message) });
    }
    const unknown = await rpcError(daemon.request('command/exec/write', { processId: 'nope', deltaBase64: b64('x') }));
    expect(unknown).toMatchObject({ code: INVALID_REQUEST, message: 'no active command/exec for process id "nope"' });
    expect(await rpcError(daemon.request('command/exec/terminate', { processId: 'nope' }))).toMatchObject({ code: INVALID_REQUEST });

    const running = daemon.request('command/exec', { command: ['bash', '-c', 'echo up; sleep 30'], cwd, processId: 'dup', streamStdoutStderr: true });
    await daemon.nextNotification('command/exec/outputDelta', { where: (p) => p.processId === 'dup' });
    const duplicate = await rpcError(daemon.request('command/exec', { command: ['true'], cwd, processId: 'dup' }));
    expect(duplicate).toMatchObject({ code: INVALID_REQUEST, message: 'duplicate active command/exec process id: "dup"' });
    const resize = await rpcError(daemon.request('command/exec/resize', { processId: 'dup', size: { rows: 24, cols: 80 } }));
    expect(resize.message).toMatch(/no terminal to resize/);
    const noStdin = await rpcError(daemon.request('command/exec/write', { processId: 'dup', deltaBase64: b64('x') }));
    expect(noStdin.message).toMatch(/stdin streaming is not enabled/);
    await daemon.request('command/exec/terminate', { processId: 'dup' });
    await running;

    expect(await daemon.request('command/exec', { command: ['true'], cwd })).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });
});
