// How fast agentd answers Zed through the Codex ACP adapter: opening a session, a prompt's first
// streamed words, and cancelling a running command (session/cancel → the prompt ends `cancelled`).
// Prints figures; asserts nothing.
//   node --import ./test/support/register-ts.mjs test/bench/zed-cancel.ts [cancels]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCodexAcp, ZedSession } from '../support/codex-acp.js';
import { mockProviderConfig, processesMatching, reply, startModelServer, waitUntil } from '../support/index.js';

const CANCELS = Number(process.argv[2] ?? 10);

function stats(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(`${label.padEnd(34)} n=${String(sorted.length).padStart(3)}  p50 ${at(0.5).toFixed(1).padStart(7)} ms  p95 ${at(0.95).toFixed(1).padStart(7)} ms  max ${(sorted.at(-1) ?? Number.NaN).toFixed(1).padStart(7)} ms`);
}

/**
 * agentd's own share, from the adapter's wire log (entries stamped to the ms): from writing
 * turn/interrupt to agentd until reading its turn/completed (interrupted).
 */
function interruptToCompleted(log: string): number[] {
  const samples: number[] = [];
  let sentAt: number | undefined;
  for (const entry of log.split(/^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[)/m)) {
    const head = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3}) \[(IN|OUT)\] /.exec(entry);
    if (!head) continue;
    const at = new Date(`${head[1]}T${head[2]}.${head[3]}`).getTime();
    if (head[4] === 'IN' && entry.includes('"method":"turn/interrupt"')) sentAt = at;
    else if (head[4] === 'OUT' && sentAt !== undefined && entry.includes('"method":"turn/completed"') && entry.includes('"status":"interrupted"')) {
      samples.push(at - sentAt);
      sentAt = undefined;
    }
  }
  return samples;
}

await installCodexAcp();
const model = await startModelServer();
let next = 0;
model.setDefault((body: any) => {
  if (body?.text?.format?.type === 'json_schema') return reply.text('{"title":"Benchmark"}');
  // Each cancelled prompt asks once and gets a long command; the answer after it is never asked for.
  return reply.toolCall('exec_command', { cmd: `sleep 33.${process.pid}${next++}` });
});
const cwd = await mkdtemp(join(tmpdir(), 'agentd-bench-zed-'));
const zed = await ZedSession.start({ config: mockProviderConfig(model.url, { settings: { approval_policy: 'never' } }), timeoutMs: 30_000 });
try {
  let started = performance.now();
  await zed.agent.request('initialize', { protocolVersion: 1, clientCapabilities: {} });
  const initializeMs = performance.now() - started;
  started = performance.now();
  const { sessionId } = await zed.agent.request('session/new', { cwd, mcpServers: [] });
  const sessionMs = performance.now() - started;
  console.log(`initialize (adapter spawns agentd)  ${initializeMs.toFixed(1)} ms`);
  console.log(`session/new                         ${sessionMs.toFixed(1)} ms`);

  const cancelMs: number[] = [];
  for (let round = 0; round < CANCELS; round++) {
    const marker = `sleep 33.${process.pid}${next}`;
    const prompt = zed.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: `wait ${round}` }] });
    await waitUntil(() => processesMatching(marker).length > 0, 30_000, `a process running ${marker}`);
    const sent = performance.now();
    await zed.agent.notify('session/cancel', { sessionId });
    const { stopReason } = await prompt;
    cancelMs.push(performance.now() - sent);
    if (stopReason !== 'cancelled') throw new Error(`round ${round}: stopReason ${stopReason}`);
    if (processesMatching(marker).length > 0) throw new Error(`round ${round}: the command survived the cancel`);
  }
  stats('session/cancel → cancelled', cancelMs);
  stats('  of which turn/interrupt → completed', interruptToCompleted(await readFile(join(zed.scratch, 'adapter-logs/app-server.log'), 'utf8')));
} finally {
  await zed.close();
  await model.close();
  await rm(cwd, { recursive: true, force: true });
}
