// Writes synthetic rollouts in agentd's on-disk format (the same records a live thread writes), so
// benchmarks can stand up homes with huge threads or many threads in seconds instead of running
// thousands of model turns.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuiltThread {
  readonly id: string;
  readonly path: string;
  readonly bytes: number;
}

export interface ThreadShape {
  turns: number;
  /** Bytes of command output per turn (the bulk of a real rollout). */
  outputBytes?: number;
  /** Creation time, epoch ms. */
  createdAtMs?: number;
  cwd?: string;
  preview?: string;
}

/** A UUIDv7-looking id whose time part is `ms`, so ids sort by creation like real ones. */
export function idAt(ms: number): string {
  const random = randomUUID().replaceAll('-', '');
  const hex = ms.toString(16).padStart(12, '0') + '7' + random.slice(13, 16) + '8' + random.slice(17, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function rolloutFile(home: string, id: string, createdAtMs: number): string {
  const iso = new Date(createdAtMs).toISOString();
  const [date = '', time = ''] = iso.split('T');
  const [year = '', month = '', day = ''] = date.split('-');
  return join(home, 'sessions', year, month, day, `rollout-${date}T${time.slice(0, 8).replaceAll(':', '-')}-${id}.jsonl`);
}

export function writeThread(home: string, shape: ThreadShape): BuiltThread {
  const createdAtMs = shape.createdAtMs ?? Date.now();
  const id = idAt(createdAtMs);
  const cwd = shape.cwd ?? '/tmp/agentd-bench-workspace';
  const createdAt = Math.floor(createdAtMs / 1000);
  const settings = {
    model: 'gpt-test',
    modelProvider: 'mock',
    cwd,
    approvalPolicy: 'never',
    approvalsReviewer: 'user',
    sandboxPolicy: { type: 'dangerFullAccess' },
    effort: null,
    summary: null,
    serviceTier: null,
    baseInstructions: null,
    developerInstructions: null,
  };
  const lines: string[] = [];
  let clock = createdAtMs;
  const line = (type: string, payload: unknown) => {
    clock += 3;
    lines.push(JSON.stringify({ timestamp: new Date(clock).toISOString(), type, payload }));
  };
  line('session_meta', { id, createdAt, cwd, modelProvider: 'mock', model: 'gpt-test', forkedFromId: null, cliVersion: '0.1.0', originator: 'bench', instructionSources: [] });
  const output = 'x'.repeat(Math.max(0, (shape.outputBytes ?? 4000) - 40)).replace(/x{79}/g, (run) => `${run}\n`);
  for (let turn = 0; turn < shape.turns; turn++) {
    const turnId = idAt(clock);
    const startedAt = Math.floor(clock / 1000);
    const prompt = turn === 0 ? (shape.preview ?? `Please look at thread ${id}`) : `Follow-up request number ${turn}: change the next thing.`;
    line('turn_started', { turnId, startedAt });
    line('turn_context', { turnId, settings });
    if (turn === 0) {
      line('response_item', { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions>\nSandbox: danger-full-access.\n</permissions>' }] });
      line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n</environment_context>` }] });
    }
    line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] });
    line('item_completed', { turnId, item: { type: 'userMessage', id: idAt(clock), content: [{ type: 'text', text: prompt }], clientId: null, startedAtMs: clock, completedAtMs: clock } });
    const callId = `call_${turn}`;
    line('response_item', { type: 'function_call', call_id: callId, name: 'exec_command', arguments: JSON.stringify({ cmd: `cat file-${turn}.txt` }) });
    line('item_completed', {
      turnId,
      item: {
        type: 'commandExecution',
        id: callId,
        command: `cat file-${turn}.txt`,
        cwd,
        status: 'completed',
        commandActions: [{ type: 'read', command: `cat file-${turn}.txt`, name: `file-${turn}.txt`, path: `${cwd}/file-${turn}.txt` }],
        aggregatedOutput: output,
        exitCode: 0,
        durationMs: 12,
        processId: null,
        source: 'agent',
        startedAtMs: clock,
        completedAtMs: clock + 12,
      },
    });
    line('response_item', { type: 'function_call_output', call_id: callId, output: `Exit code: 0\nOutput:\n${output}` });
    const answer = `Done with step ${turn}: the file holds ${output.length} characters of x, as expected.`;
    line('item_completed', { turnId, item: { type: 'agentMessage', id: `msg_${turn}`, text: answer, phase: null, startedAtMs: clock, completedAtMs: clock + 5 } });
    line('token_usage', {
      turnId,
      usage: {
        last: { inputTokens: 1000 + turn, cachedInputTokens: 900, outputTokens: 30, reasoningOutputTokens: 0, totalTokens: 1030 + turn },
        total: { inputTokens: 1000 * (turn + 1), cachedInputTokens: 900 * (turn + 1), outputTokens: 30 * (turn + 1), reasoningOutputTokens: 0, totalTokens: 1030 * (turn + 1) },
        modelContextWindow: 272000,
      },
    });
    line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: answer }] });
    line('turn_completed', { turnId, status: 'completed', error: null, completedAt: Math.floor(clock / 1000), durationMs: clock - startedAt * 1000 });
  }
  const path = rolloutFile(home, id, createdAtMs);
  mkdirSync(join(path, '..'), { recursive: true });
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, text, { mode: 0o600 });
  return { id, path, bytes: Buffer.byteLength(text) };
}

/** `count` small threads spread over the year before `endMs`. */
export function writeManyThreads(home: string, count: number, endMs = Date.now()): BuiltThread[] {
  const span = 365 * 24 * 3600 * 1000;
  const threads: BuiltThread[] = [];
  for (let index = 0; index < count; index++) {
    const createdAtMs = endMs - span + Math.floor((span / count) * index);
    threads.push(writeThread(home, { turns: 1 + (index % 3), outputBytes: 200, createdAtMs, cwd: `/work/project-${index % 20}`, preview: `Task ${index}: fix issue #${index}` }));
  }
  return threads;
}
