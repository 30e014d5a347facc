/**
 * The reference client of agentd, small enough to read in one sitting: it spawns
 * `agentd app-server`, does the handshake, starts (or resumes) a thread, sends one prompt and
 * renders the turn as it streams. Approvals are asked at the terminal; Ctrl-C interrupts the turn
 * and a second Ctrl-C quits. `--json` prints every message of the server as one JSON line instead.
 * Exit code: 0 when the turn completed, 1 when it failed, 130 when it was interrupted.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createMessageConnection, ResponseError } from 'vscode-jsonrpc/node';
import type { v2 } from '@agentd/protocol';
import { NdjsonReader, NdjsonWriter } from './ndjson.js';
import { palette, Renderer } from './render.js';

const USAGE = `usage: agentd-client [--json] [--resume <threadId>] [--cd <dir>] [-m <model>] [-c key=value]... [--agentd <path>] [prompt]
--json prints every message of the server as one JSON line on stdout; --resume continues a thread;
-c overrides a config key of agentd; --agentd names its executable (default: agentd on the PATH).
Approvals are asked on the terminal (or read from stdin, a line each): y = yes, a = yes for this
session, n = no, c = cancel the turn. Ctrl-C interrupts the turn; a second Ctrl-C quits.`;
const EXIT = { completed: 0, failed: 1, interrupted: 130, inProgress: 1 } as const;
const DECISIONS = { y: 'accept', a: 'acceptForSession', n: 'decline', c: 'cancel' } as const;

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    resume: { type: 'string' },
    cd: { type: 'string' },
    model: { type: 'string', short: 'm' },
    config: { type: 'string', short: 'c', multiple: true, default: [] },
    agentd: { type: 'string', default: 'agentd' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

// In --json mode stdout carries protocol lines only; what is meant for people goes to stderr.
const ui = args.json ? process.stderr : process.stdout;
const paint = palette(!('NO_COLOR' in process.env) && (Boolean(ui.isTTY) || Boolean(process.env.FORCE_COLOR)));
const renderer = new Renderer(args.json ? { write: () => true } : ui, paint);
const notice = (text: string) => (args.json ? ui.write(`${text}\n`) : renderer.line(text));

/** Lines typed at the terminal or piped in; the iterator queues them until a question takes one. */
const typed = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
async function ask(question: string): Promise<string | undefined> {
  ui.write(question);
  const { value, done } = await typed.next();
  if (!process.stdin.isTTY || done) ui.write(`${done ? '(no answer)' : value}\n`); // a terminal echoes what is typed
  return done ? undefined : value;
}

async function decide(question: string): Promise<(typeof DECISIONS)[keyof typeof DECISIONS]> {
  for (;;) {
    const answer = await ask(`${paint.yellow(question)} [y]es / [a]lways this session / [n]o / [c]ancel: `);
    const key = (answer ?? 'no').trim().toLowerCase().charAt(0); // nobody to answer (stdin closed) means no
    if (key in DECISIONS) return DECISIONS[key as keyof typeof DECISIONS];
  }
}

// The daemon gets a process group of its own, so a Ctrl-C at the terminal reaches us, not it.
const daemon = spawn(args.agentd, ['app-server', ...args.config.flatMap((c) => ['-c', c])], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
daemon.on('error', (error) => quit(EXIT.failed, `cannot start ${args.agentd}: ${error.message}`));
const reader = new NdjsonReader(daemon.stdout, args.json ? (line) => process.stdout.write(`${line}\n`) : undefined);
const connection = createMessageConnection(reader, new NdjsonWriter(daemon.stdin));
connection.onClose(() => quit(EXIT.failed, 'agentd closed the connection'));

function request<M extends v2.ClientRequestMethod>(method: M, params: v2.ClientRequestParams<M>): Promise<v2.ClientRequestResult<M>> {
  return connection.sendRequest(method, params);
}

let threadId: string | undefined;
let turnId: string | undefined;
let turnEnded: (turn: v2.Turn) => void = () => {};
const turnCompleted = new Promise<v2.Turn>((resolve) => (turnEnded = resolve));

connection.onNotification((method, params) => {
  renderer.notification(method as v2.ServerNotificationMethod, params);
  const completed: v2.ServerNotificationMethod = 'turn/completed';
  if (method === completed) {
    const { turn } = params as v2.ServerNotificationParams<typeof completed>;
    if (turnId === undefined || turn.id === turnId) turnEnded(turn);
  }
});

connection.onRequest(async (method, params) => {
  switch (method as v2.ServerRequestMethod) {
    case 'item/commandExecution/requestApproval': {
      const { command, cwd, reason } = params as v2.ServerRequestParams<'item/commandExecution/requestApproval'>;
      notice(`${paint.yellow('approval needed')}: run ${paint.bold(command ?? '(command)')} in ${cwd ?? '.'}${reason ? ` (${reason})` : ''}`);
      return { decision: await decide('Run this command?') };
    }
    case 'item/fileChange/requestApproval': {
      const { reason } = params as v2.ServerRequestParams<'item/fileChange/requestApproval'>;
      notice(`${paint.yellow('approval needed')}: apply the changes${args.json ? '' : ' above'}${reason ? ` (${reason})` : ''}`);
      return { decision: await decide('Apply these changes?') };
    }
    case 'item/tool/requestUserInput': {
      const { questions } = params as v2.ServerRequestParams<'item/tool/requestUserInput'>;
      const answers: Record<string, { answers: string[] }> = {};
      for (const { id, question, options } of questions) {
        const answer = await ask(`${paint.yellow(question)}${options ? ` (${options.map((option) => option.label).join(' / ')})` : ''}: `);
        answers[id] = { answers: answer ? [answer] : [] };
      }
      return { answers };
    }
    default:
      throw new ResponseError(-32601, `the reference client does not handle ${method}`);
  }
});

let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1 || threadId === undefined || turnId === undefined) quit(EXIT.interrupted);
  notice('^C interrupting the turn (Ctrl-C again to quit)');
  void request('turn/interrupt', { threadId, turnId }).catch(() => undefined);
});

function quit(code: number, message?: string): never {
  if (message) process.stderr.write(`agentd-client: ${message}\n`);
  daemon.stdin?.end(); // agentd finishes writing its thread files and exits on its own
  process.exit(code);
}

async function main(): Promise<number> {
  connection.listen();
  await request('initialize', { clientInfo: { name: 'agentd-reference-client', title: 'agentd reference client', version: '0.1.0' } });
  await connection.sendNotification('initialized' satisfies v2.ClientNotificationMethod);
  const settings = { cwd: args.cd ? resolve(args.cd) : null, model: args.model ?? null }; // null: the thread's own
  const { thread } = args.resume
    ? await request('thread/resume', { threadId: args.resume, ...settings })
    : await request('thread/start', { ...settings, cwd: resolve(args.cd ?? '.') });
  threadId = thread.id;
  renderer.line(paint.dim(`thread ${thread.id}${args.resume ? ` (resumed, ${thread.turns.length} turns)` : ''} in ${thread.cwd}`));
  const prompt = positionals.join(' ') || (await ask('> '));
  if (!prompt) return quit(EXIT.failed, 'no prompt given');
  const { turn } = await request('turn/start', { threadId, input: [{ type: 'text', text: prompt, text_elements: [] }] });
  turnId = turn.id;
  const finished = await turnCompleted;
  renderer.summary(finished);
  return EXIT[finished.status];
}

main().then(quit, (error: unknown) => quit(EXIT.failed, error instanceof Error ? error.message : String(error)));
