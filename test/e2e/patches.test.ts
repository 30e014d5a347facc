/**
 * apply_patch end to end: a patch that creates, edits, moves and deletes files (approved by the
 * user); a patch with one bad hunk that changes nothing; a patch aimed outside the workspace.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply, spawnDaemonWithModel } from '../support/index.js';

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agentd-patch-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

describe('apply_patch', () => {
  it('creates, edits, moves and deletes files after approval, and reports the turn diff', async () => {
    const cwd = await workspaceWith({ 'app.py': 'def greet():\n    print("hi")\n', 'old.txt': 'bye\n', 'notes.md': 'one\n' });
    const patch = [
      '*** Begin Patch',
      '*** Add File: new.txt',
      '+fresh',
      '*** Update File: app.py',
      '@@ def greet():',
      '-    print("hi")',
      '+    print("hello")',
      '*** Update File: notes.md',
      '*** Move to: docs.md',
      '@@',
      '-one',
      '+two',
      '*** Delete File: old.txt',
      '*** End Patch',
    ].join('\n');
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'untrusted' },
      script: [reply.toolCall('apply_patch', { input: patch }), reply.text('Patched.')],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('edit things') });

    const started = await daemon.nextNotification('item/started', { where: (p) => p.item.type === 'fileChange' });
    const kinds = Object.fromEntries(started.params.item.changes.map((c: { path: string; kind: { type: string } }) => [c.path, c.kind.type]));
    expect(kinds).toEqual({
      [join(cwd, 'new.txt')]: 'add',
      [join(cwd, 'app.py')]: 'update',
      [join(cwd, 'notes.md')]: 'update',
      [join(cwd, 'old.txt')]: 'delete',
    });
    expect(existsSync(join(cwd, 'new.txt'))).toBe(false);
    const approval = await daemon.nextServerRequest('item/fileChange/requestApproval');
    expect(approval.params).toMatchObject({ threadId: thread.id, turnId: turn.id, itemId: started.params.item.id });
    approval.respond({ decision: 'accept' });

    const completed = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'fileChange' });
    expect(completed.params.item.status).toBe('completed');
    const diff = await daemon.nextNotification('turn/diff/updated');
    expect(diff.params.diff).toContain('+    print("hello")');
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');

    expect(await readFile(join(cwd, 'new.txt'), 'utf8')).toBe('fresh\n');
    expect(await readFile(join(cwd, 'app.py'), 'utf8')).toBe('def greet():\n    print("hello")\n');
    expect(await readFile(join(cwd, 'docs.md'), 'utf8')).toBe('two\n');
    expect(existsSync(join(cwd, 'notes.md'))).toBe(false);
    expect(existsSync(join(cwd, 'old.txt'))).toBe(false);
    expect(String(model.modelRequests[1]?.json.input.at(-1).output)).toMatch(/^Success/);
  });

  it('a patch with one bad hunk changes nothing and the model is told why', async () => {
    const cwd = await workspaceWith({ 'a.txt': 'alpha\nbeta\n', 'b.txt': 'gamma\n' });
    const patch = [
      '*** Begin Patch',
      '*** Update File: a.txt',
      '@@',
      '-alpha',
      '+ALPHA',
      '*** Update File: b.txt',
      '@@',
      '-not in the file',
      '+whatever',
      '*** End Patch',
    ].join('\n');
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never' },
      script: [reply.toolCall('apply_patch', { input: patch }), reply.text('I will re-read the file.')],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('edit') });
    const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(done.params.turn.status).toBe('completed');
    expect(await readFile(join(cwd, 'a.txt'), 'utf8')).toBe('alpha\nbeta\n');
    expect(await readFile(join(cwd, 'b.txt'), 'utf8')).toBe('gamma\n');
    const output = String(model.modelRequests[1]?.json.input.at(-1).output);
    expect(output).toMatch(/b\.txt/);
    expect(output).toMatch(/not in the file/);
  });

  it('a patch aimed outside the workspace is refused', async () => {
    const cwd = await workspaceWith({});
    const outside = await mkdtemp(join(tmpdir(), 'agentd-outside-'));
    const patch = ['*** Begin Patch', `*** Add File: ${join(outside, 'escape.txt')}`, '+nope', '*** Add File: ../sibling.txt', '+nope', '*** End Patch'].join('\n');
    await using env = await spawnDaemonWithModel({
      settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' },
      toml: '[sandbox_workspace_write]\nexclude_slash_tmp = true\nexclude_tmpdir_env_var = true',
      script: [reply.toolCall('apply_patch', { input: patch }), reply.text('Understood.')],
    });
    const { daemon, model } = env;
    const { thread } = await daemon.request('thread/start', { cwd });
    const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text('escape') });
    const item = await daemon.nextNotification('item/completed', { where: (p) => p.item.type === 'fileChange' });
    expect(item.params.item.status).toBe('declined');
    await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
    expect(existsSync(join(outside, 'escape.txt'))).toBe(false);
    expect(existsSync(join(cwd, '..', 'sibling.txt'))).toBe(false);
    expect(String(model.modelRequests[1]?.json.input.at(-1).output)).toMatch(/refused/);
  });
});
