// A transparent stdio tap between a client and the daemon it spawns: every line both ways is passed
// through untouched and appended to a transcript (`{t, dir, line}` JSONL, as the daemon driver and
// the Codex reference transcripts write them).
//   node --import ./test/support/register-ts.mjs test/compat/tap.ts --out FILE -- COMMAND [ARGS...]
// record-session.ts puts an `agentd` shim that runs this in front of the real daemon on the PATH of
// the client being recorded.
import { spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const [command, ...args] = positionals;
if (!values.out || !command) {
  process.stderr.write('usage: tap.ts --out FILE -- COMMAND [ARGS...]\n');
  process.exit(2);
}
const out = values.out;
writeFileSync(out, '');
const start = performance.now();

function record(dir: 'c->s' | 's->c', line: string): void {
  if (line.trim() === '') return;
  const t = Math.round((performance.now() - start) * 10) / 10;
  appendFileSync(out, `${JSON.stringify({ t, dir, line })}\n`);
}

/** Calls `onLine` for every complete line of a stream, and once more for a last unterminated one. */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (buffer !== '') onLine(buffer);
  });
}

const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
lines(process.stdin, (line) => {
  record('c->s', line);
  child.stdin.write(`${line}\n`);
});
process.stdin.on('end', () => child.stdin.end());
child.stdin.on('error', () => {});
lines(child.stdout, (line) => {
  record('s->c', line);
  process.stdout.write(`${line}\n`);
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
  process.stdin.destroy();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
