/**
 * Core across a restart, in process: a second ThreadManager on the same home loads the thread from
 * its rollout. The first request after the restart extends the last one before it (the prefix
 * property survives), and after a compaction it starts from the compacted checkpoint. The same
 * checks through the daemon and thread/resume live in test/e2e (prompt-cache, compaction).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, silentLogger, type Thread, ThreadManager, type ThreadManagerOptions, type Turn } from '@agentd/core';
import { checkPrefixProperty, mockProviderConfig, type ModelServer, reply, startModelServer, TEST_API_KEY, TEST_API_KEY_ENV } from '../support/index.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const task of cleanup.splice(0).reverse()) await task();
});

async function setUp(
  settings: Record<string, string | number> = {},
): Promise<{ model: ModelServer; home: string; cwd: string; manager: (options?: Partial<ThreadManagerOptions>) => ThreadManager }> {
  const model = await startModelServer();
  const home = await mkdtemp(join(tmpdir(), 'agentd-restart-home-'));
  const cwd = await mkdtemp(join(tmpdir(), 'agentd-restart-ws-'));
  cleanup.push(async () => {
    await model.close();
    for (const dir of [home, cwd]) await rm(dir, { recursive: true, force: true });
  });
  await writeFile(join(home, 'config.toml'), mockProviderConfig(model.url, { settings: { approval_policy: 'never', ...settings } }));
  const manager = (options: Partial<ThreadManagerOptions> = {}) => {
    const created = new ThreadManager({ home, config: loadConfig(home), log: silentLogger, version: 'test', env: { [TEST_API_KEY_ENV]: TEST_API_KEY, PATH: process.env.PATH }, ...options });
    cleanup.push(() => created.shutdown());
    return created;
  };
  return { model, home, cwd, manager };
}

function runTurn(thread: Thread, prompt: string): Promise<Turn> {
  return new Promise((resolve, reject) => {
    const stop = thread.subscribe((event) => {
      if (event.type !== 'turnCompleted') return;
      stop();
      resolve(event.turn);
    });
    thread.beginTurn([{ type: 'text', text: prompt }], {}).then((pending) => pending.start(), reject);
  });
}

describe('a thread after a restart', () => {
  it('extends the last request from before the restart, byte for byte', async () => {
    const { model, cwd, manager } = await setUp();
    model.enqueue(reply.toolCall('exec_command', { cmd: 'echo before' }), reply.text('Before.'), reply.text('After.'));
    const first = manager();
    const thread = await first.start({ cwd });
    expect((await runTurn(thread, 'before the restart')).status).toBe('completed');
    await first.shutdown();

    const loaded = await manager().load(thread.id);
    expect((await runTurn(loaded, 'after the restart')).status).toBe('completed');
    const report = checkPrefixProperty(model.modelRequests, thread.id);
    expect(report.pairs.flatMap((pair) => pair.problems)).toEqual([]);
    expect(report.pairs).toHaveLength(2);
  });

  it('starts from the compaction checkpoint, not the old history', async () => {
    const { model, cwd, manager } = await setUp({ model_context_window: 9000 });
    model.enqueue(
      reply.toolCall('exec_command', { cmd: "head -c 40000 /dev/zero | tr '\\0' x" }),
      reply.text('Printed x characters.'),
      reply.text('All done.'),
      reply.text('After the restart.'),
    );
    const first = manager();
    const thread = await first.start({ cwd });
    expect((await runTurn(thread, 'print a lot of x')).status).toBe('completed');
    const compacted = model.modelRequests[2]?.json.input;
    expect(compacted.at(-1).content[0].text).toMatch(/^<conversation_summary>/);
    await first.shutdown();

    const loaded = await manager().load(thread.id);
    expect(loaded.history).toHaveLength(compacted.length + 1);
    expect((await runTurn(loaded, 'and now?')).status).toBe('completed');
    const resumed = model.modelRequests[3]?.json.input;
    expect(resumed.slice(0, compacted.length)).toEqual(compacted);
    expect(resumed.slice(compacted.length)).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'All done.' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and now?' }] },
    ]);
    expect(JSON.stringify(resumed)).not.toContain('xxxxxxxxxx');
  });

  it('reads every rollout through aroundRolloutRead: loading, reading and forking a stored thread', async () => {
    const { model, cwd, manager } = await setUp();
    model.enqueue(reply.text('Stored.'));
    const first = manager();
    const thread = await first.start({ cwd });
    expect((await runTurn(thread, 'store me')).status).toBe('completed');
    await first.shutdown();

    const reads: string[] = [];
    const second = manager({
      aroundRolloutRead: async (read) => {
        reads.push('start');
        const result = await read();
        reads.push('end');
        return result;
      },
    });
    expect((await second.read(thread.id)).snapshot.turns).toHaveLength(1);
    expect((await second.load(thread.id)).turns).toHaveLength(1);
    await second.fork(thread.id, {});
    expect(reads).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
  });
});
