/**
 * Rollouts written by released versions must keep resuming in every later version. Each directory
 * under test/fixtures/rollouts/ holds a home with one rollout and what resuming it must give: the
 * turns as the client saw them live, and the input of the last model request (the next request
 * must start with it, byte for byte).
 *
 * A new fixture is written by running this file with AGENTD_WRITE_ROLLOUT_FIXTURE=1: it drives the
 * built daemon through turns with a command, reasoning, a crash mid-answer and a revert, and
 * stores the result under the daemon's version. Existing fixtures are never rewritten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockProviderConfig, REPO_ROOT, reply, spawnDaemon, startModelServer, startRestartable, waitUntil } from '../support/index.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/rollouts');
const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];
const settings = { approval_policy: 'never', sandbox_mode: 'danger-full-access' } as const;

interface Expected {
  threadId: string;
  /** The rollout, relative to the fixture's home. */
  rollout: string;
  turns: unknown[];
  lastInput: unknown[];
}

const fixtures = existsSync(FIXTURES) ? (await readdir(FIXTURES, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];

describe('rollouts written by earlier versions', () => {
  it('has at least one fixture', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const name of fixtures) {
    it(`resumes ${name}: same turns, same history, and the next turn works`, async () => {
      const expected = JSON.parse(await readFile(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
      const model = await startModelServer();
      const home = await mkdtemp(join(tmpdir(), 'agentd-fixture-home-'));
      try {
        await cp(join(FIXTURES, name, 'home'), home, { recursive: true });
        const daemon = await spawnDaemon({ home, config: mockProviderConfig(model.url, { settings }) });
        await daemon.initialize();
        const listed = await daemon.request('thread/list', {});
        expect(listed.data.map((thread: any) => thread.id)).toEqual([expected.threadId]);
        const read = await daemon.request('thread/read', { threadId: expected.threadId, includeTurns: true });
        expect(read.thread.turns).toEqual(expected.turns);

        const cwd = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
        const resumed = await daemon.request('thread/resume', { threadId: expected.threadId, cwd });
        expect(resumed.thread.turns).toEqual(expected.turns);
        expect(resumed.thread.path).toBe(join(home, expected.rollout));

        model.enqueue(reply.text('Still here.'));
        const { turn } = await daemon.request('turn/start', { threadId: expected.threadId, input: text('are you still there?') });
        const done = await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id });
        expect(done.params.turn.status).toBe('completed');
        const input = JSON.parse(model.modelRequests[0]?.raw as string).input as unknown[];
        expect(input.slice(0, expected.lastInput.length).map((item) => JSON.stringify(item))).toEqual(expected.lastInput.map((item) => JSON.stringify(item)));
        await daemon.close();
      } finally {
        await model.close();
        await rm(home, { recursive: true, force: true });
      }
    });
  }

  it.runIf(process.env.AGENTD_WRITE_ROLLOUT_FIXTURE === '1')('writes a fixture for this version', { timeout: 60_000 }, async () => {
    const version = (JSON.parse(await readFile(join(REPO_ROOT, 'packages/app-server/package.json'), 'utf8')) as { version: string }).version;
    const target = join(FIXTURES, `agentd-${version}`);
    if (existsSync(target)) throw new Error(`${relative(REPO_ROOT, target)} exists: fixtures are never rewritten`);
    await using env = await startRestartable({ settings });
    const cwd = '/tmp/agentd-fixture-workspace';
    await mkdir(cwd, { recursive: true });
    env.model.enqueue(
      reply.toolCall('exec_command', { cmd: 'echo fixture' }),
      reply.text('The command printed "fixture".', { chunks: ['The command ', 'printed ', '"fixture".'] }),
      reply.of([reply.reasoning({ summary: ['Weighing the options.'], content: ['Raw thoughts.'], encryptedContent: 'enc-fixture' }), reply.text('Option B.')], {
        usage: { inputTokens: 1200, cachedInputTokens: 1000, outputTokens: 40, reasoningOutputTokens: 12 },
      }),
      reply.text('A turn that gets reverted.'),
      reply.text('This answer is cut short by a crash, word by word.', { chunks: 12, chunkDelayMs: 60 }),
    );
    let daemon = env.daemon;
    const { thread } = await daemon.request('thread/start', { cwd });
    const run = async (prompt: string) => {
      const { turn } = await daemon.request('turn/start', { threadId: thread.id, input: text(prompt) });
      return (await daemon.nextNotification('turn/completed', { where: (p) => p.turn.id === turn.id })).params.turn;
    };
    await run('Run a command.');
    await run('Think, then choose.');
    const reverted = await run('Say something to revert.');
    await daemon.request('thread/revert', { threadId: thread.id, beforeTurnId: reverted.id });
    await daemon.request('turn/start', { threadId: thread.id, input: text('Answer slowly.') });
    let deltas = 0;
    await daemon.nextNotification('item/agentMessage/delta', { where: () => ++deltas >= 4 });
    const rollout = thread.path as string;
    await waitUntil(() => readFileSync(rollout, 'utf8').includes('"item_delta"'), 5_000, 'the streamed text in the rollout');
    daemon = await env.crashAndRestart();
    const resumed = await daemon.request('thread/resume', { threadId: thread.id });
    await daemon.close();

    const relativeRollout = relative(env.home, rollout);
    await mkdir(dirname(join(target, 'home', relativeRollout)), { recursive: true });
    await cp(rollout, join(target, 'home', relativeRollout));
    const lastInput = JSON.parse(env.model.modelRequests.at(-1)?.raw as string).input as unknown[];
    const expected: Expected = { threadId: thread.id, rollout: relativeRollout, turns: resumed.thread.turns, lastInput };
    await writeFile(join(target, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  });
});
