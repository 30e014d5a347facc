/**
 * apply_patch obeys the sandbox policy the commands do: under workspace-write it writes in the
 * writable roots and not in `.git` or outside; under read-only it writes nothing — unless the user
 * approves the write as an escalation.
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';
import { textInput } from '../support/turn-commands.js';

const scratchDirs: string[] = [];
afterEach(async () => {
  for (const dir of scratchDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function project(): Promise<string> {
  const parent = realpathSync(await mkdtemp('/tmp/agentd-patch-'));
  scratchDirs.push(parent);
  const cwd = join(parent, 'project');
  await mkdir(join(cwd, '.git'), { recursive: true });
  return cwd;
}

const addFile = (path: string) => `*** Begin Patch\n*** Add File: ${path}\n+written by the patch\n*** End Patch`;

async function patchTurn(settings: Record<string, string>, cwd: string, paths: string[], decision?: 'accept' | 'decline') {
  const env = await spawnDaemonWithModel({
    settings,
    script: [...paths.map((path) => reply.toolCall('apply_patch', { input: addFile(path) })), reply.text('Done.')],
  });
  await using _ = env;
  const asked: unknown[] = [];
  if (decision) {
    env.daemon.onServerRequest('item/fileChange/requestApproval', (params) => {
      asked.push(params);
      return { decision };
    });
  }
  const { thread } = await env.daemon.request('thread/start', { cwd });
  const { turn } = await env.daemon.request('turn/start', { threadId: thread.id, input: textInput('patch it') });
  await env.daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
  const items = env.daemon.notifications.filter((n) => n.method === 'item/completed' && n.params.item.type === 'fileChange').map((n) => n.params.item);
  return { items, asked };
}

describe('apply_patch under the sandbox policy', () => {
  it('workspace-write: writes in the working directory, not in .git, not outside the writable roots', async () => {
    const cwd = await project();
    const outside = await mkdtemp('/var/tmp/agentd-patch-outside-');
    scratchDirs.push(outside);
    const { items } = await patchTurn({ approval_policy: 'never', sandbox_mode: 'workspace-write' }, cwd, [
      'inside.txt',
      '.git/injected',
      join(outside, 'escape.txt'),
    ]);
    expect(items.map((item) => item.status)).toEqual(['completed', 'declined', 'declined']);
    expect(existsSync(join(cwd, 'inside.txt'))).toBe(true);
    expect(existsSync(join(cwd, '.git/injected'))).toBe(false);
    expect(existsSync(join(outside, 'escape.txt'))).toBe(false);
  });

  it('read-only: nothing is written', async () => {
    const cwd = await project();
    const { items } = await patchTurn({ approval_policy: 'never', sandbox_mode: 'read-only' }, cwd, ['inside.txt']);
    expect(items.map((item) => item.status)).toEqual(['declined']);
    expect(existsSync(join(cwd, 'inside.txt'))).toBe(false);
  });

  it('read-only with on-request: the user is asked once, and an approved write happens', async () => {
    const cwd = await project();
    const { items, asked } = await patchTurn({ approval_policy: 'on-request', sandbox_mode: 'read-only' }, cwd, ['inside.txt'], 'accept');
    expect(asked).toHaveLength(1);
    expect(items.map((item) => item.status)).toEqual(['completed']);
    expect(existsSync(join(cwd, 'inside.txt'))).toBe(true);
  });
});
