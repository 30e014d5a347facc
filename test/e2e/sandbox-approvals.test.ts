/**
 * on-request with a real sandbox: the model's request to run a command outside the sandbox asks the
 * user once and does what the answer says; a command the sandbox refused asks once whether to run
 * it again outside, and does what the answer says. The folder the commands write to is read-only in
 * the sandbox (the turn's policy excludes /tmp), so only an unsandboxed run can create the file.
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DaemonWithModel, reply, spawnDaemonWithModel } from '../support/index.js';
import { textInput } from '../support/turn-commands.js';

const EXCLUDE_TMP = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };
const APPROVAL = 'item/commandExecution/requestApproval';

const scratchDirs: string[] = [];
afterEach(async () => {
  for (const dir of scratchDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setUp(call: Record<string, unknown>): Promise<{ env: DaemonWithModel; parent: string; threadId: string }> {
  const parent = realpathSync(await mkdtemp('/tmp/agentd-approve-'));
  scratchDirs.push(parent);
  const cwd = join(parent, 'project');
  await mkdir(cwd);
  const env = await spawnDaemonWithModel({
    settings: { approval_policy: 'on-request', sandbox_mode: 'workspace-write' },
    script: [reply.toolCall('exec_command', call), reply.text('Done.')],
  });
  const { thread } = await env.daemon.request('thread/start', { cwd });
  return { env, parent, threadId: thread.id };
}

/** Runs the turn, answering every approval request with `decision`; returns what was asked and the command item. */
async function runTurn(env: DaemonWithModel, threadId: string, decision: 'accept' | 'decline') {
  const { daemon, model } = env;
  const asked: any[] = [];
  daemon.onServerRequest(APPROVAL, (params) => {
    asked.push(params);
    return { decision };
  });
  const { turn } = await daemon.request('turn/start', { threadId, input: textInput('write the file'), sandboxPolicy: EXCLUDE_TMP });
  const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
  expect(done.params.turn.status).toBe('completed');
  const item = (await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'commandExecution' })).params.item;
  const toModel = model.modelRequests[1]?.json.input.at(-1);
  return { asked, item, toModel: String(toModel?.output) };
}

describe('on-request with the sandbox', () => {
  it('escalation accepted: asked once with the justification, then run outside the sandbox', async () => {
    const { env, parent, threadId } = await setUp({
      cmd: 'echo escalated > ../escalated.txt',
      sandbox_permissions: 'require_escalated',
      justification: 'It writes next to the project.',
    });
    await using _ = env;
    const { asked, item } = await runTurn(env, threadId, 'accept');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ command: 'echo escalated > ../escalated.txt', reason: 'It writes next to the project.' });
    expect(item).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(existsSync(join(parent, 'escalated.txt'))).toBe(true);
  });

  it('escalation declined: asked once, nothing runs, the model is told', async () => {
    const { env, parent, threadId } = await setUp({
      cmd: 'echo escalated > ../escalated.txt',
      sandbox_permissions: 'require_escalated',
      justification: 'It writes next to the project.',
    });
    await using _ = env;
    const { asked, item, toModel } = await runTurn(env, threadId, 'decline');
    expect(asked).toHaveLength(1);
    expect(item).toMatchObject({ status: 'declined', exitCode: null });
    expect(toModel).toMatch(/declined/);
    expect(existsSync(join(parent, 'escalated.txt'))).toBe(false);
  });

  it('sandbox denial, retry accepted: asked once after the refused run, then run again outside', async () => {
    const { env, parent, threadId } = await setUp({ cmd: 'echo retried > ../retried.txt' });
    await using _ = env;
    const { asked, item } = await runTurn(env, threadId, 'accept');
    expect(asked).toHaveLength(1);
    expect(asked[0].reason).toMatch(/sandbox/);
    expect(item).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(existsSync(join(parent, 'retried.txt'))).toBe(true);
  });

  it('sandbox denial, retry declined: asked once, the refusal goes back to the model', async () => {
    const { env, parent, threadId } = await setUp({ cmd: 'echo retried > ../retried.txt' });
    await using _ = env;
    const { asked, item, toModel } = await runTurn(env, threadId, 'decline');
    expect(asked).toHaveLength(1);
    expect(item).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringMatching(/Read-only file system/) });
    expect(toModel).toMatch(/Read-only file system/);
    expect(existsSync(join(parent, 'retried.txt'))).toBe(false);
  });
});
