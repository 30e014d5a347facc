/**
 * `agentd exec "prompt"`, the headless mode of scripts and CI: the final message on stdout and
 * progress on stderr, approval policy `never` and the workspace-write sandbox unless told
 * otherwise, `--json`, `--cd`, `-m`, `-s`, `-c`, `--resume`, the prompt from stdin, Ctrl-C, and
 * the exit codes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AGENTD_BIN,
  fail,
  ProtocolValidator,
  reply,
  runCli,
  scriptedAgentd,
  type CliOptions,
  type ScriptedAgentd,
} from '../support/index.js';

/** Runs `agentd exec` from the home directory, so only `--cd` can put it in the workspace. */
function exec(setting: ScriptedAgentd, args: readonly string[], options: CliOptions = {}) {
  return runCli(process.execPath, [AGENTD_BIN, 'exec', ...args], { env: setting.env, cwd: setting.home, input: '', ...options });
}

type Line = { id?: number; method?: string; params?: any; result?: any };
const jsonLines = (stdout: string): Line[] => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
/** The response to exec's `thread/start` or `thread/resume`: the first result with a thread. */
const threadResult = (lines: Line[]) => lines.find((line) => line.result?.thread)?.result;

describe('agentd exec', () => {
  it('prints the final message on stdout and progress on stderr, works in --cd, exits 0', async () => {
    await using setting = await scriptedAgentd({
      script: [reply.toolCall('exec_command', { cmd: 'echo made > made.txt' }), reply.text('Made it.', { chunks: ['Made ', 'it.'] })],
    });
    await using run = exec(setting, ['--cd', setting.workspace, 'make a file']);
    const { code, stdout, stderr } = await run.finished();

    expect(code).toBe(0);
    expect(stdout).toBe('Made it.\n');
    expect(stderr).toMatch(/^thread \S+\n\$ echo made > made\.txt\n {2}completed \(exit 0\)\n$/);
    expect(existsSync(join(setting.workspace, 'made.txt'))).toBe(true);
    expect(JSON.stringify(setting.model.modelRequests[0]?.json.input.at(-1))).toContain('make a file');
  });

  it('asks for approval policy never and the workspace-write sandbox, whatever config.toml says', async () => {
    await using setting = await scriptedAgentd({
      settings: { approval_policy: 'untrusted', sandbox_mode: 'danger-full-access' },
      script: [reply.toolCall('exec_command', { cmd: 'touch unasked.txt' }), reply.text('Done.')],
    });
    await using run = exec(setting, ['--json', '--cd', setting.workspace, 'go']);
    const { code, stdout } = await run.finished();

    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(threadResult(lines)).toMatchObject({ approvalPolicy: 'never', sandbox: { type: 'workspaceWrite' } });
    expect(lines.filter((line) => line.id !== undefined && line.method !== undefined)).toEqual([]);
    expect(existsSync(join(setting.workspace, 'unasked.txt'))).toBe(true);
  });

  it('-s and -c approval_policy change them; a request for approval is declined, nobody being there', async () => {
    await using setting = await scriptedAgentd({
      script: [reply.toolCall('exec_command', { cmd: 'touch refused.txt' }), reply.text('It was declined.')],
    });
    await using run = exec(setting, ['--json', '-s', 'read-only', '-c', 'approval_policy=untrusted', '--cd', setting.workspace, 'go']);
    const { code, stdout, stderr } = await run.finished();

    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(threadResult(lines)).toMatchObject({ approvalPolicy: 'untrusted', sandbox: { type: 'readOnly' } });
    expect(lines.some((line) => line.method === 'item/commandExecution/requestApproval')).toBe(true);
    expect(stderr).toContain('declined item/commandExecution/requestApproval: nobody to ask in exec mode');
    expect(existsSync(join(setting.workspace, 'refused.txt'))).toBe(false);
    expect(String(setting.model.modelRequests[1]?.json.input.at(-1).output)).toMatch(/declined/);
  });

  it('--json prints every server message as one JSON line, valid against the reference schema', async () => {
    await using setting = await scriptedAgentd({
      script: [reply.toolCall('update_plan', { plan: [{ step: 'Answer', status: 'inProgress' }] }), reply.text('The answer.')],
    });
    await using run = exec(setting, ['--json', 'question']);
    const { code, stdout } = await run.finished();

    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    const validator = new ProtocolValidator();
    for (const line of lines) {
      if (line.method === undefined) continue;
      const problems = line.id === undefined ? validator.notification(line.method, line) : validator.serverRequest(line.method, line);
      expect(problems, JSON.stringify(line)).toEqual([]);
    }
    const methods = lines.map((line) => line.method);
    for (const method of ['thread/started', 'turn/started', 'turn/plan/updated', 'item/agentMessage/delta', 'thread/tokenUsage/updated']) {
      expect(methods).toContain(method);
    }
    expect(lines.at(-1)).toMatchObject({ method: 'turn/completed', params: { turn: { status: 'completed' } } });
    expect(stdout).not.toContain('The answer.\n'); // only inside JSON lines, never as plain text
  });

  it('-m picks the model; - reads the prompt from stdin', async () => {
    await using setting = await scriptedAgentd({ script: [reply.text('Read it.')] });
    await using run = exec(setting, ['-m', 'gpt-other', '-'], { input: 'the prompt\nfrom stdin\n' });
    const { code, stdout } = await run.finished();

    expect(code).toBe(0);
    expect(stdout).toBe('Read it.\n');
    const request = setting.model.modelRequests[0]?.json;
    expect(request.model).toBe('gpt-other');
    expect(JSON.stringify(request.input.at(-1))).toContain('the prompt\\nfrom stdin');
  });

  it('a failed turn exits 1 with the reason on stderr', async () => {
    await using setting = await scriptedAgentd({
      provider: { request_max_retries: 0 },
      script: [fail.status(400, { message: 'the scripted model refuses' })],
    });
    await using run = exec(setting, ['hello']);
    const { code, stdout, stderr } = await run.finished();

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/turn failed: .*the scripted model refuses/);
  });

  it('Ctrl-C interrupts the turn and exits 130', async () => {
    await using setting = await scriptedAgentd({ script: [reply.toolCall('exec_command', { cmd: 'sleep 30' })] });
    await using run = exec(setting, ['wait'], { input: undefined });
    await run.waitForStderr('$ sleep 30');
    run.signal('SIGINT');
    const { code, stderr } = await run.finished();

    expect(code).toBe(130);
    expect(stderr).toContain('interrupting the turn (Ctrl-C again to quit)');
  });

  it('refuses a missing prompt and unknown options with exit code 2 and the usage', async () => {
    await using setting = await scriptedAgentd();
    const missing = await exec(setting, []).finished();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('agentd: exec needs a prompt');
    expect(missing.stderr).toContain('usage: agentd exec');

    const unknown = await exec(setting, ['--frobnicate', 'hello']).finished();
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option for exec: --frobnicate');
    expect(setting.model.modelRequests).toHaveLength(0);
  });

  it('a config error fails the run with the reason', async () => {
    await using setting = await scriptedAgentd();
    await using run = exec(setting, ['-c', 'model_provider=nowhere', 'hello']);
    const { code, stderr } = await run.finished();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^agentd exec: .*nowhere/m);
  });

  it(`--resume continues a thread`, async () => {
    await using setting = await scriptedAgentd({ script: [reply.text('The first answer.'), reply.text('The second answer.')] });
    const first = await exec(setting, ['first question']).finished();
    expect(first.code).toBe(0);
    const threadId = /^thread (\S+)$/m.exec(first.stderr)?.[1] as string;

    await using second = exec(setting, ['--resume', threadId, 'second question']);
    const { code, stdout, stderr } = await second.finished();
    expect(code).toBe(0);
    expect(stdout).toBe('The second answer.\n');
    expect(stderr).toContain(`thread ${threadId}`);
    expect(JSON.stringify(setting.model.modelRequests[1]?.json.input)).toContain('The first answer.');
  });
});
