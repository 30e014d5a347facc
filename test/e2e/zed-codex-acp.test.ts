/**
 * agentd in Zed: the real Codex ACP adapter (`@agentclientprotocol/codex-acp`) runs agentd through
 * CODEX_PATH, and an ACP client made with `@agentclientprotocol/sdk` plays the editor. A prompt asks
 * for permission, the command runs, the answer streams and the turn ends (`end_turn`); the thread
 * gets a title from a structured-output turn; a second prompt starts a long command and is
 * cancelled (`cancelled`, and the command is gone). Everything agentd sent the adapter must
 * validate against the Codex reference schema.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installCodexAcp, ZedSession } from '../support/codex-acp.js';
import { mockProviderConfig, processesMatching, reply, type ScriptEntry, startModelServer, waitUntil } from '../support/index.js';

/** Cancelling must end the prompt this fast (the acceptance bound; typically ~0.1 s). */
const CANCEL_WITHIN_MS = 1_000;

beforeAll(async () => {
  await installCodexAcp();
}, 180_000);

/** The adapter's title request: a turn on an ephemeral thread with a JSON-schema text format. */
function isTitleRequest(body: any): boolean {
  return body?.text?.format?.type === 'json_schema';
}

describe('agentd as the Codex of Zed’s ACP adapter', () => {
  // Two node processes per side and a real turn: generous for a loaded CI machine.
  it('prompt → permission → command → streamed answer → end_turn; cancel → cancelled, the command gone', { timeout: 90_000 }, async () => {
    const marker = `sleep 32.${process.pid}`;
    const model = await startModelServer();
    const script: ScriptEntry[] = [
      reply.toolCall('exec_command', {
        cmd: 'echo hello-from-agentd > made.txt && cat made.txt',
        sandbox_permissions: 'require_escalated',
        justification: 'Write made.txt as you asked.',
      }),
      reply.text('Done: made.txt says hello.', { chunks: ['Done: ', 'made.txt ', 'says hello.'] }),
      reply.toolCall('exec_command', { cmd: marker }),
    ];
    // The title turn runs beside the next prompt, so it is answered by what it asks, not by order.
    model.setDefault((body) => (isTitleRequest(body) ? reply.text('{"title":"Write made.txt"}') : (script.shift() ?? reply.text('unscripted'))));
    const cwd = await mkdtemp(join(tmpdir(), 'agentd-zed-project-'));
    await using zed = await ZedSession.start({ config: mockProviderConfig(model.url) });
    try {
      const init = await zed.agent.request('initialize', { protocolVersion: 1, clientCapabilities: {} });
      expect(init.agentInfo.name).toBe('@agentclientprotocol/codex-acp');
      const session = await zed.agent.request('session/new', { cwd, mcpServers: [] });
      expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(session.models.currentModelId).toBe('gpt-test[medium]');
      expect(session.models.availableModels.length).toBeGreaterThan(1);

      // The first prompt: the model asks to run a command outside the sandbox, the editor allows it once.
      const firstPrompt = zed.agent.request('session/prompt', { sessionId: session.sessionId, prompt: [{ type: 'text', text: 'write made.txt' }] });
      const permission = await zed.nextPermission();
      expect(permission.params.toolCall).toMatchObject({ toolCallId: 'call_1', rawInput: { command: 'echo hello-from-agentd > made.txt && cat made.txt', cwd } });
      expect(permission.params.options.map((option: any) => option.kind)).toEqual(['allow_once', 'allow_always', 'reject_once', 'reject_once']);
      permission.choose('allow_once');
      const first = await firstPrompt;
      expect(first.stopReason).toBe('end_turn');

      const ran = await zed.waitForUpdate((u) => u.sessionUpdate === 'tool_call_update' && u.toolCallId === 'call_1' && u.status === 'completed', 'the command completed');
      expect(ran.rawOutput).toEqual({ exit_code: 0 });
      const output = zed.updates.filter((u) => u.toolCallId === 'call_1').map((u) => u._meta?.terminal_output_delta?.data ?? '').join('');
      expect(output).toBe('hello-from-agentd\n');
      expect(readFileSync(join(cwd, 'made.txt'), 'utf8')).toBe('hello-from-agentd\n');
      const chunks = zed.updates.filter((u) => u.sessionUpdate === 'agent_message_chunk').map((u) => u.content.text);
      expect(chunks).toEqual(['Done: ', 'made.txt ', 'says hello.']);

      // After the first turn the adapter names the thread from a structured-output turn.
      await zed.waitForUpdate((u) => u.sessionUpdate === 'session_info_update' && u.title === 'Write made.txt', 'the generated title');
      const titleRequest = model.modelRequests.find((request) => isTitleRequest(request.json));
      expect(titleRequest?.json.text.format).toMatchObject({ type: 'json_schema', strict: true, schema: { required: ['title'] } });

      // The second prompt starts a long command; the editor cancels.
      const from = zed.updates.length;
      const secondPrompt = zed.agent.request('session/prompt', { sessionId: session.sessionId, prompt: [{ type: 'text', text: 'wait a while' }] });
      await zed.waitForUpdate((u) => u.sessionUpdate === 'tool_call' && u.rawInput?.command === marker, 'the long command started', from);
      await waitUntil(() => processesMatching(marker).length > 0, 10_000, `a process running ${marker}`);
      await zed.agent.notify('session/cancel', { sessionId: session.sessionId });
      const second = await withTimeout(secondPrompt, CANCEL_WITHIN_MS, `session/prompt to end within ${CANCEL_WITHIN_MS} ms of session/cancel`);
      expect(second.stopReason).toBe('cancelled');
      expect(processesMatching(marker)).toEqual([]);

      // What agentd said to the adapter is valid Codex protocol, and the adapter spoke as the issue says.
      expect(await zed.agentdProblems()).toEqual([]);
      const { sent, received } = await zed.agentdWire();
      expect(sent.filter((message) => message.method === 'turn/completed').map((message) => message.params.turn.status)).toEqual([
        'completed',
        'completed',
        'interrupted',
      ]);
      expect(received.filter((message) => message.method === 'turn/interrupt')).toHaveLength(1);
      expect(received.filter((message) => message.method === 'initialized')).toEqual([]);
      expect(received[0]).toMatchObject({ id: 0, method: 'initialize' });
      expect(received.some((message) => 'jsonrpc' in message)).toBe(false);
    } finally {
      await model.close();
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
