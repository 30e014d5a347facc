/**
 * Without bubblewrap (a PATH that does not have it), nothing sandboxed runs unsandboxed silently: a
 * workspace-write thread is refused with a clear error, and so are a sandboxed turn policy and a
 * sandboxed command/exec. The daemon keeps serving, and danger-full-access still works. With
 * `allow_unsandboxed = true` the commands run unconfined, and the client is told so twice: the
 * enforcement says `none` and a `warning` names the reason.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError, spawnDaemonWithModel } from '../support/index.js';
import { runCommandsInTurn } from '../support/turn-commands.js';

const INVALID_REQUEST = -32600;

const scratchDirs: string[] = [];
afterEach(async () => {
  for (const dir of scratchDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(prefix: string): Promise<string> {
  const dir = realpathSync(await mkdtemp(`/tmp/${prefix}`));
  scratchDirs.push(dir);
  return dir;
}

/** A PATH with bash and nothing else: no bwrap. */
async function pathWithoutBwrap(): Promise<string> {
  const bin = await scratch('agentd-nobwrap-bin-');
  await symlink('/bin/bash', join(bin, 'bash'));
  return bin;
}

async function refusal(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('when bubblewrap is unavailable', () => {
  it('a workspace-write thread is refused clearly; danger-full-access still starts; a sandboxed turn is refused', async () => {
    const cwd = await scratch('agentd-nobwrap-');
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' },
      env: { PATH: await pathWithoutBwrap() },
    });
    const { daemon } = env;

    const error = await refusal(daemon.request('thread/start', { cwd }));
    expect(error.code).toBe(INVALID_REQUEST);
    expect(error.message).toMatch(/^the workspace-write sandbox cannot be enforced: bubblewrap \(bwrap\) was not found on PATH/);
    expect(error.message).toMatch(/allow_unsandboxed = true/);
    // Nothing was created for the refused thread.
    expect(existsSync(join(env.home, 'sessions')) ? readdirSync(join(env.home, 'sessions')) : []).toEqual([]);

    const started = await daemon.request('thread/start', { cwd, sandbox: 'danger-full-access' });
    expect(started.sandboxEnforcement).toEqual({ mechanism: 'none', writableRoots: ['/'], readOnlyPaths: [], networkAccess: true });

    const turnError = await refusal(
      daemon.request('turn/start', {
        threadId: started.thread.id,
        input: [{ type: 'text', text: 'hi', text_elements: [] }],
        sandboxPolicy: { type: 'workspaceWrite' },
      }),
    );
    expect(turnError.code).toBe(INVALID_REQUEST);
    expect(turnError.message).toMatch(/^the workspace-write sandbox cannot be enforced/);

    const execError = await refusal(daemon.request('command/exec', { command: ['bash', '-c', 'echo hi'], cwd, sandboxPolicy: { type: 'readOnly' } }));
    expect(execError.message).toMatch(/^the read-only sandbox cannot be enforced/);
    expect(daemon.notifications.filter((n) => n.method === 'warning')).toEqual([]);
  });

  it('with allow_unsandboxed = true, commands run unconfined and the client is told', async () => {
    const cwd = await scratch('agentd-nobwrap-');
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'workspace-write', allow_unsandboxed: true },
      env: { PATH: await pathWithoutBwrap() },
    });
    const { daemon } = env;
    const started = await daemon.request('thread/start', { cwd });
    expect(started.sandbox).toMatchObject({ type: 'workspaceWrite' });
    expect(started.sandboxEnforcement).toEqual({ mechanism: 'none', writableRoots: ['/'], readOnlyPaths: [], networkAccess: true });
    const warning = await daemon.nextNotification('warning');
    expect(warning.params).toMatchObject({ threadId: started.thread.id, message: expect.stringMatching(/WITHOUT a sandbox.*bwrap\) was not found/) });

    // Unconfined indeed: it writes outside the workspace.
    const { items } = await runCommandsInTurn(env, started.thread.id, ['echo unconfined > ../outside.txt']);
    expect(items[0]).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(existsSync(join(cwd, '..', 'outside.txt'))).toBe(true);
    await rm(join(cwd, '..', 'outside.txt'));

    // A turn that switches a thread to a policy that cannot be enforced is warned about too.
    const full = await daemon.request('thread/start', { cwd, sandbox: 'danger-full-access' });
    await runCommandsInTurn(env, full.thread.id, ['true'], { sandboxPolicy: { type: 'readOnly' } });
    const turnWarning = await daemon.nextNotification('warning', { where: (p) => p.threadId === full.thread.id });
    expect(turnWarning.params.message).toMatch(/WITHOUT a sandbox: the read-only policy cannot be enforced/);
  });
});
