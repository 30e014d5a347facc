/**
 * The reference client (examples/reference-client) against a real agentd and the scripted model:
 * what it prints for each part of a turn, how it asks for approvals (answers typed on stdin),
 * `--json`, Ctrl-C, resume, and its exit codes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AGENTD_BIN,
  DEMO_PROJECT,
  DEMO_PROMPT,
  demoScript,
  fail,
  ProtocolValidator,
  REFERENCE_CLIENT_BIN,
  REPO_ROOT,
  reply,
  runCli,
  scriptedAgentd,
  type CliOptions,
  type ScriptedAgentd,
} from '../support/index.js';

const STUCK_DAEMON = join(REPO_ROOT, 'test/support/fixtures/stuck-turn-daemon.mjs');
const ASK_COMMAND = 'Run this command? [y]es / [a]lways this session / [n]o / [c]ancel: ';

function client(setting: ScriptedAgentd, args: readonly string[], options: CliOptions = {}) {
  const argv = [REFERENCE_CLIENT_BIN, '--agentd', AGENTD_BIN, '--cd', setting.workspace, ...args];
  return runCli(process.execPath, argv, { env: setting.env, ...options });
}

/** Each part appears in `text`, in this order. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" after position ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the reference client', () => {
  it('plays the demo session: streams, runs commands, asks, shows the diff and the plan, exits 0', async () => {
    await using setting = await scriptedAgentd({
      script: demoScript(),
      files: DEMO_PROJECT,
      settings: { approval_policy: 'untrusted', sandbox_mode: 'workspace-write' },
    });
    await using run = client(setting, [DEMO_PROMPT], { input: 'y\ny\ny\n' });
    const { code, stdout } = await run.finished();

    expect(code).toBe(0);
    expectInOrder(stdout, [
      `thread `,
      "I'll read the code, run the tests, then fix what fails.",
      'plan\n  [~] Read the code\n  [ ] Run the tests',
      '$ cat math.js',
      'for (let i = 1; i < numbers.length; i++)',
      'exit 0',
      '$ node test.js',
      'approval needed: run node test.js in ',
      `${ASK_COMMAND}y\n`,
      'FAIL sum([1,2,3]) = 5, expected 6',
      'exit 1',
      `update ${join(setting.workspace, 'math.js')}`,
      '-  for (let i = 1; i < numbers.length; i++) total += numbers[i];',
      '+  for (let i = 0; i < numbers.length; i++) total += numbers[i];',
      'Apply these changes? [y]es / [a]lways this session / [n]o / [c]ancel: y\n',
      'patch completed',
      'all 3 tests passed',
      '  [x] Check the fix',
      'Fixed: `sum` skipped the first number',
      'turn completed',
    ]);
    expect(stdout).toMatch(/tokens: \d+ input \(0 cached\), \d+ output, \d+ total\n$/);
    expect(count(stdout, ASK_COMMAND)).toBe(2);
    expect(await readFile(join(setting.workspace, 'math.js'), 'utf8')).toContain('for (let i = 0;');
    expect(JSON.stringify(setting.model.modelRequests[0]?.json.input.at(-1))).toContain(DEMO_PROMPT);
  });

  it('colours a diff (red removed, green added) and sums the token usage of the turn', async () => {
    await using setting = await scriptedAgentd({
      files: { 'notes.txt': 'old line\n' },
      settings: { approval_policy: 'never' },
      script: [
        reply.toolCall('apply_patch', { input: '*** Begin Patch\n*** Update File: notes.txt\n@@\n-old line\n+new line\n*** End Patch\n' }, { usage: { inputTokens: 100, cachedInputTokens: 40, outputTokens: 10 } }),
        reply.text('Updated.', { usage: { inputTokens: 150, cachedInputTokens: 100, outputTokens: 5 } }),
      ],
    });
    await using run = client(setting, ['update the notes'], { env: { ...setting.env, FORCE_COLOR: '1' } });
    const { code, stdout } = await run.finished();

    expect(code).toBe(0);
    expectInOrder(stdout, ['\x1b[31m-old line\x1b[0m', '\x1b[32m+new line\x1b[0m', '\x1b[32mpatch completed\x1b[0m', 'Updated.']);
    expect(stdout).toContain('tokens: 250 input (140 cached), 15 output, 265 total');
  });

  describe('approvals typed at the terminal', () => {
    const oneCommand = (cmd: string) => ({
      settings: { approval_policy: 'untrusted' },
      script: [reply.toolCall('exec_command', { cmd }), reply.text('Understood.')],
    });

    it('y runs the command (an answer it does not understand is asked again)', async () => {
      await using setting = await scriptedAgentd(oneCommand('touch made.txt'));
      await using run = client(setting, ['make a file'], { input: 'maybe\nyes\n' });
      const { code, stdout } = await run.finished();
      expect(code).toBe(0);
      expectInOrder(stdout, [`${ASK_COMMAND}maybe\n`, `${ASK_COMMAND}yes\n`, 'exit 0', 'Understood.', 'turn completed']);
      expect(existsSync(join(setting.workspace, 'made.txt'))).toBe(true);
    });

    it('n declines: the command never runs, the model is told, the turn goes on', async () => {
      await using setting = await scriptedAgentd(oneCommand('touch declined.txt'));
      await using run = client(setting, ['make a file'], { input: 'n\n' });
      const { code, stdout } = await run.finished();
      expect(code).toBe(0);
      expectInOrder(stdout, [`${ASK_COMMAND}n\n`, 'declined', 'Understood.', 'turn completed']);
      expect(existsSync(join(setting.workspace, 'declined.txt'))).toBe(false);
      expect(String(setting.model.modelRequests[1]?.json.input.at(-1).output)).toMatch(/declined/);
    });

    it('no answer at all (stdin closed) declines', async () => {
      await using setting = await scriptedAgentd(oneCommand('touch unanswered.txt'));
      await using run = client(setting, ['make a file'], { input: '' });
      const { code, stdout } = await run.finished();
      expect(code).toBe(0);
      expectInOrder(stdout, [`${ASK_COMMAND}(no answer)\n`, 'declined', 'turn completed']);
      expect(existsSync(join(setting.workspace, 'unanswered.txt'))).toBe(false);
    });

    it('c cancels: the turn is interrupted and the client exits 130', async () => {
      await using setting = await scriptedAgentd(oneCommand('touch cancelled.txt'));
      await using run = client(setting, ['make a file'], { input: 'c\n' });
      const { code, stdout } = await run.finished();
      expect(code).toBe(130);
      expectInOrder(stdout, [`${ASK_COMMAND}c\n`, 'turn interrupted']);
      expect(existsSync(join(setting.workspace, 'cancelled.txt'))).toBe(false);
    });

    it('a (yes for this session) runs the same command again without asking', async () => {
      await using setting = await scriptedAgentd({
        settings: { approval_policy: 'untrusted' },
        script: [reply.toolCall('exec_command', { cmd: 'touch twice.txt' }), reply.toolCall('exec_command', { cmd: 'touch twice.txt' }), reply.text('Twice.')],
      });
      await using run = client(setting, ['touch it twice'], { input: 'a\n' });
      const { code, stdout } = await run.finished();
      expect(code).toBe(0);
      expect(count(stdout, ASK_COMMAND)).toBe(1);
      expect(count(stdout, '$ touch twice.txt')).toBe(2);
      expectInOrder(stdout, ['exit 0', 'exit 0', 'Twice.']);
    });
  });

  it('--json prints every server message as one JSON line, valid against the reference schema', async () => {
    await using setting = await scriptedAgentd({
      script: demoScript(),
      files: DEMO_PROJECT,
      settings: { approval_policy: 'untrusted' },
    });
    await using run = client(setting, ['--json', DEMO_PROMPT], { input: 'y\ny\ny\n' });
    const { code, stdout, stderr } = await run.finished();

    expect(code).toBe(0);
    const messages = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id?: unknown; method?: string; params?: any });
    const validator = new ProtocolValidator();
    for (const message of messages) {
      if (message.method === undefined) continue; // responses: the client's requests are not in this output
      const problems = message.id === undefined ? validator.notification(message.method, message) : validator.serverRequest(message.method, message);
      expect(problems, JSON.stringify(message)).toEqual([]);
    }
    const methods = messages.map((message) => message.method);
    for (const method of ['thread/started', 'turn/started', 'item/agentMessage/delta', 'item/commandExecution/requestApproval', 'item/fileChange/requestApproval', 'turn/plan/updated', 'thread/tokenUsage/updated']) {
      expect(methods).toContain(method);
    }
    expect(messages.at(-1)).toMatchObject({ method: 'turn/completed', params: { turn: { status: 'completed' } } });
    // What is meant for people went to stderr: the questions, and nothing of the rendering.
    expect(count(stderr, ASK_COMMAND)).toBe(2);
    expect(stderr).not.toContain('$ cat math.js');
  });

  it('a failed turn exits 1 and says why', async () => {
    await using setting = await scriptedAgentd({
      provider: { request_max_retries: 0 },
      script: [fail.status(400, { message: 'the scripted model refuses' })],
    });
    await using run = client(setting, ['hello']);
    const { code, stdout } = await run.finished();
    expect(code).toBe(1);
    expect(stdout).toMatch(/turn failed: .*the scripted model refuses/);
  });

  it('passes -m and -c to agentd', async () => {
    await using setting = await scriptedAgentd({
      settings: { approval_policy: 'untrusted' },
      script: [reply.toolCall('exec_command', { cmd: 'touch unasked.txt' }), reply.text('Done.')],
    });
    await using run = client(setting, ['-m', 'gpt-other', '-c', 'approval_policy=never', 'go'], { input: '' });
    const { code, stdout } = await run.finished();
    expect(code).toBe(0);
    expect(stdout).not.toContain(ASK_COMMAND);
    expect(existsSync(join(setting.workspace, 'unasked.txt'))).toBe(true);
    expect(setting.model.modelRequests[0]?.json.model).toBe('gpt-other');
  });

  it('Ctrl-C interrupts the running turn and the client exits 130', async () => {
    await using setting = await scriptedAgentd({
      settings: { approval_policy: 'never' },
      script: [reply.toolCall('exec_command', { cmd: 'sleep 30' })],
    });
    await using run = client(setting, ['wait a while']);
    await run.waitForStdout('$ sleep 30');
    run.signal('SIGINT');
    const { code, stdout } = await run.finished();
    expect(code).toBe(130);
    expectInOrder(stdout, ['$ sleep 30', '^C interrupting the turn (Ctrl-C again to quit)', 'turn interrupted']);
  });

  it('a second Ctrl-C quits even when the server never ends the turn', async () => {
    await using run = runCli(process.execPath, [REFERENCE_CLIENT_BIN, '--agentd', STUCK_DAEMON, 'hello']);
    await run.waitForStdout('working…');
    run.signal('SIGINT');
    await run.waitForStdout('Ctrl-C again to quit');
    run.signal('SIGINT');
    const { code, stdout } = await run.finished();
    expect(code).toBe(130);
    expect(stdout).not.toMatch(/^turn (completed|interrupted|failed)/m);
  });

  it('says so and exits 1 when agentd cannot be started', async () => {
    await using run = runCli(process.execPath, [REFERENCE_CLIENT_BIN, '--agentd', join(REPO_ROOT, 'no-such-agentd'), 'hello']);
    const { code, stderr } = await run.finished();
    expect(code).toBe(1);
    expect(stderr).toContain('agentd-client: cannot start');
  });

  it(`--resume continues a thread: the model sees the earlier turn`, async () => {
    await using setting = await scriptedAgentd({ script: [reply.text('The first answer.'), reply.text('The second answer.')] });
    const first = await client(setting, ['first question']).finished();
    expect(first.code).toBe(0);
    const threadId = /thread (\S+)/.exec(first.stdout)?.[1] as string;

    await using second = client(setting, ['--resume', threadId, 'second question']);
    const { code, stdout } = await second.finished();
    expect(code).toBe(0);
    expectInOrder(stdout, [`thread ${threadId} (resumed, 1 turns)`, 'The second answer.', 'turn completed']);
    expect(JSON.stringify(setting.model.modelRequests[1]?.json.input)).toContain('The first answer.');
  });
});

describe('the reference client stays a readable example', () => {
  const dir = join(REPO_ROOT, 'examples/reference-client');
  const sources = () => readdirSync(join(dir, 'src')).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

  it('is at most 300 lines, in all', () => {
    const lines = sources().reduce((total, name) => total + readFileSync(join(dir, 'src', name), 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeLessThanOrEqual(300);
  });

  it('depends on @agentd/protocol and vscode-jsonrpc only, never on core or the server', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@agentd/protocol', 'vscode-jsonrpc']);
    for (const name of sources()) {
      const imports = [...readFileSync(join(dir, 'src', name), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
      for (const specifier of imports) expect(specifier, `${name} imports ${specifier}`).toMatch(/^(node:|\.\/|@agentd\/protocol$|vscode-jsonrpc\/node$)/);
    }
  });
});
