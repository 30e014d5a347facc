// The scripted session of the prefix-property test and benchmark: three turns with tool calls
// (one of them parallel), reasoning carried back, and a change of model, effort, cwd, approval
// policy and sandbox between the first and second turns; optionally a daemon restart and
// `thread/resume` followed by a fourth turn. Returns every model request, in order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDaemon, type Daemon } from './daemon.js';
import { mockProviderConfig } from './mock-config.js';
import { part, reply } from './model-script.js';
import { startModelServer, type RecordedRequest } from './model-server.js';
import { checkPrefixProperty, type PrefixReport } from './prefix-property.js';

export interface CacheSession {
  readonly threadId: string;
  readonly requests: RecordedRequest[];
  /** How many requests came before the restart (all of them when there was none). */
  readonly beforeRestart: number;
  readonly report: PrefixReport;
  /** The second turn's working directory (the first turn ran in `cwd`). */
  readonly cwd: string;
  readonly movedCwd: string;
}

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

async function turn(daemon: Daemon, threadId: string, prompt: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const { turn: started } = await daemon.request('turn/start', { threadId, input: text(prompt), ...overrides });
  const done = await daemon.nextNotification('turn/completed', { where: (p: any) => p.turn.id === started.id });
  if (done.params.turn.status !== 'completed') throw new Error(`turn ${started.id} ended ${done.params.turn.status}: ${JSON.stringify(done.params.turn.error)}`);
}

export async function runCacheSession(opts: { restart: boolean; wireApi?: 'responses' | 'chat' }): Promise<CacheSession> {
  const model = await startModelServer();
  const home = await mkdtemp(join(tmpdir(), 'agentd-cache-home-'));
  const cwd = await mkdtemp(join(tmpdir(), 'agentd-cache-ws-'));
  const movedCwd = await mkdtemp(join(tmpdir(), 'agentd-cache-ws2-'));
  const config = mockProviderConfig(model.url, { wireApi: opts.wireApi ?? 'responses', settings: { approval_policy: 'never', sandbox_mode: 'workspace-write' } });
  model.enqueue(
    reply.toolCall('exec_command', { cmd: 'echo one > notes.txt && cat notes.txt' }),
    reply.toolCalls([
      { name: 'exec_command', arguments: { cmd: 'ls' } },
      { name: 'update_plan', arguments: { plan: [{ step: 'write notes', status: 'completed' }, { step: 'report', status: 'inProgress' }] } },
    ]),
    reply.text('Turn one done: notes.txt holds "one".'),
    reply.of([part.reasoning({ summary: ['Checking where I am.'], encryptedContent: 'enc-1' }), part.toolCall({ name: 'exec_command', arguments: { cmd: 'pwd' } })]),
    reply.text('Turn two done.'),
    reply.of([part.reasoning({ summary: ['Nothing to run.'], encryptedContent: 'enc-2' }), part.text('Turn three: 1.5 × 2 = 3, {"json": [1, 2.50, -0]}')]),
  );
  let daemon = await spawnDaemon({ home, config });
  try {
    await daemon.initialize();
    const { thread } = await daemon.request('thread/start', { cwd });
    await turn(daemon, thread.id, 'write "one" to notes.txt');
    await turn(daemon, thread.id, 'where are we now?', {
      model: 'gpt-test-b',
      effort: 'high',
      cwd: movedCwd,
      approvalPolicy: 'on-request',
      sandboxPolicy: { type: 'readOnly', networkAccess: false },
    });
    await turn(daemon, thread.id, 'just answer');
    const beforeRestart = model.modelRequests.length;
    if (opts.restart) {
      await daemon.close();
      model.enqueue(reply.toolCall('exec_command', { cmd: 'cat notes.txt', workdir: cwd }), reply.text('Turn four, after the restart.'));
      daemon = await spawnDaemon({ home, config });
      await daemon.initialize();
      await daemon.request('thread/resume', { threadId: thread.id });
      await turn(daemon, thread.id, 'and after a restart?');
    }
    const requests = model.modelRequests;
    return { threadId: thread.id, requests, beforeRestart, report: checkPrefixProperty(requests, thread.id), cwd, movedCwd };
  } finally {
    await daemon.close().catch(() => undefined);
    await model.close();
    for (const dir of [home, cwd, movedCwd]) await rm(dir, { recursive: true, force: true });
  }
}
