// A client of protocol 0.1.0 played by the daemon driver, recorded with `RecordingClient`: what it
// reads of each message is what its fixture relies on. It stands in for the reference client
// (examples/reference-client) until that one can be recorded (README.md here, "Recording").
// The session: a plan, a patch approved by the user, the streamed answer; then a second turn whose
// command approval the user leaves pending and interrupts instead.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mockProviderConfig, reply, spawnDaemon, startModelServer } from '../support/index.js';
import { RecordingClient, type RecordingInput } from './recorder.js';

const PATCH = '*** Begin Patch\n*** Update File: greet.txt\n@@\n-hello\n+hello, world\n*** End Patch\n';

export const DRIVER_SCENARIO = {
  workspace: { files: { 'greet.txt': 'hello\n', 'AGENTS.md': '# AGENTS.md\n\nBe brief.\n' } },
  model: [
    reply.toolCall('update_plan', { plan: [{ step: 'Edit greet.txt', status: 'in_progress' }, { step: 'Report', status: 'pending' }] }),
    reply.toolCall('apply_patch', { input: PATCH }),
    reply.text('Updated greet.txt to greet the world.', { chunks: ['Updated ', 'greet.txt ', 'to greet ', 'the world.'] }),
    reply.toolCall('exec_command', { cmd: 'rm greet.txt' }),
  ],
};

const text = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

/** Runs the session and returns what the recorder needs to write the fixture. */
export async function recordDriverSession(): Promise<Omit<RecordingInput, 'name' | 'description' | 'protocol' | 'basedOn'>> {
  const model = await startModelServer();
  model.enqueue(...DRIVER_SCENARIO.model);
  const home = await mkdtemp(join(tmpdir(), 'agentd-record-home-'));
  const workspace = await mkdtemp(join(tmpdir(), 'agentd-record-ws-'));
  try {
    for (const [path, content] of Object.entries(DRIVER_SCENARIO.workspace.files)) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), content);
    }
    const daemon = await spawnDaemon({ home, cwd: workspace, config: mockProviderConfig(model.url) });
    const client = new RecordingClient(daemon);
    try {
      await runClient(client, workspace);
    } finally {
      await daemon.close();
    }
    return {
      client: { name: 'agentd-driver-client', version: '0.1.0', builtFrom: '@agentd/protocol 0.1.0 (the daemon driver of test/support)' },
      workspace: DRIVER_SCENARIO.workspace,
      model: DRIVER_SCENARIO.model,
      connections: [client.recorded],
      paths: { workspace, home },
    };
  } finally {
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(workspace, { recursive: true, force: true });
  }
}

/** What the client does, reading only what it needs (every read becomes a relied-on field). */
async function runClient(client: RecordingClient, workspace: string): Promise<void> {
  const init = await client.request('initialize', {
    clientInfo: { name: 'agentd-driver-client', title: 'agentd driver client', version: '0.1.0' },
    capabilities: { experimentalApi: false },
  });
  void init.userAgent;
  client.notify('initialized');

  const { thread } = await client.request('thread/start', { cwd: workspace, approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
  const threadId: string = thread.id;
  void thread.status.type;

  // Turn 1: the plan, an approved patch, the answer.
  const first = await client.request('turn/start', { threadId, input: text('Make greet.txt greet the world.') });
  const turnId: string = first.turn.id;
  await client.nextNotification('turn/started', (p: any) => p.turn.id === turnId);
  const plan = await client.nextNotification('turn/plan/updated', (p: any) => p.turnId === turnId);
  for (const step of plan.params.plan) void [step.step, step.status];
  const patchStarted = await client.nextNotification('item/started', (p: any) => p.item.type === 'fileChange');
  const patchItem: string = patchStarted.params.item.id;
  for (const change of patchStarted.params.item.changes) void [change.path, change.kind.type, change.diff];
  const patchApproval = await client.nextServerRequest('item/fileChange/requestApproval');
  if (patchApproval.params.itemId !== patchItem || patchApproval.params.threadId !== threadId) throw new Error('the approval names another item');
  patchApproval.respond({ decision: 'accept' });
  await client.nextNotification('serverRequest/resolved', (p: any) => p.requestId === patchApproval.id);
  const patched = await client.nextNotification('item/completed', (p: any) => p.item.id === patchItem);
  void patched.params.item.status;
  const diff = await client.nextNotification('turn/diff/updated', (p: any) => p.turnId === turnId);
  void diff.params.diff;
  const message = await client.nextNotification('item/started', (p: any) => p.item.type === 'agentMessage');
  const messageId: string = message.params.item.id;
  let streamed = '';
  while (streamed !== 'Updated greet.txt to greet the world.') {
    const delta = await client.nextNotification('item/agentMessage/delta', (p: any) => p.itemId === messageId);
    streamed += delta.params.delta;
  }
  const answer = await client.nextNotification('item/completed', (p: any) => p.item.id === messageId);
  void answer.params.item.text;
  const usage = await client.nextNotification('thread/tokenUsage/updated', (p: any) => p.turnId === turnId);
  void usage.params.tokenUsage.total.totalTokens;
  const done = await client.nextNotification('turn/completed', (p: any) => p.turn.id === turnId);
  void [done.params.turn.status, done.params.turn.error];

  // Turn 2: the model wants to delete the file; the user interrupts instead of answering.
  const second = await client.request('turn/start', { threadId, input: text('Now delete it.') });
  const secondId: string = second.turn.id;
  const command = await client.nextServerRequest('item/commandExecution/requestApproval');
  void [command.params.command, command.params.itemId, command.params.turnId];
  await client.request('turn/interrupt', { threadId, turnId: secondId });
  await client.nextNotification('serverRequest/resolved', (p: any) => p.requestId === command.id);
  const interrupted = await client.nextNotification('turn/completed', (p: any) => p.turn.id === secondId);
  void interrupted.params.turn.status;
}
