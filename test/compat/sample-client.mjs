// A minimal client process for the recorder's own test: it starts the daemon as any client would
// (`$AGENTD_BIN` or `agentd` from PATH), runs one turn with the prompt given as its argument,
// prints the streamed answer and exits 0 when the turn completed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const daemon = spawn(process.env.AGENTD_BIN ?? 'agentd', ['app-server'], { stdio: ['pipe', 'pipe', 'inherit'] });
const pending = new Map();
let nextId = 1;
const request = (method, params) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    daemon.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
  });

let turnId;
createInterface({ input: daemon.stdout }).on('line', (line) => {
  const message = JSON.parse(line);
  if (message.id !== undefined && message.method === undefined) {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message.result);
  } else if (message.method === 'item/agentMessage/delta') {
    process.stdout.write(message.params.delta);
  } else if (message.method === 'turn/completed' && message.params.turn.id === turnId) {
    process.stdout.write('\n');
    process.exitCode = message.params.turn.status === 'completed' ? 0 : 1;
    daemon.stdin.end();
  }
});

await request('initialize', { clientInfo: { name: 'sample-client', version: '1.0.0' } });
daemon.stdin.write(`${JSON.stringify({ method: 'initialized' })}\n`);
const { thread } = await request('thread/start', {});
const { turn } = await request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: process.argv[2] ?? 'hello', text_elements: [] }] });
turnId = turn.id;
