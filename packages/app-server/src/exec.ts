/**
 * `agentd exec "prompt"`: one turn, headless, for scripts and CI pipelines. It drives the agent
 * through the very Connection `agentd app-server` uses, over an in-memory pair of streams, so it
 * behaves exactly as an editor's session would, and `--json` prints exactly what an editor would
 * receive: every message of the server, one JSON object per line.
 *
 * Without `--json`, stdout carries only the agent's final message. Progress (the thread id, each
 * command, each file change, errors) goes to stderr in both modes. Nobody is there to answer approval requests,
 * so they are declined. Ctrl-C interrupts the turn; a second Ctrl-C exits at once.
 */
import { PassThrough, type Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { ConfigOverride, Logger } from '@agentd/core/startup';
import type { v2 } from '@agentd/protocol';
import type { ExecArgs } from './exec-args.js';
import { runAppServer } from './server.js';

export interface ExecOptions extends ExecArgs {
  readonly prompt: string;
  readonly home: string;
  readonly version: string;
  readonly overrides: readonly ConfigOverride[];
  readonly log: Logger;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const EXIT_COMPLETED = 0;
export const EXIT_FAILED = 1;
export const EXIT_INTERRUPTED = 130;

/** What exec answers when the server asks: no, since nobody is there to say yes. */
const DECLINED: { readonly [M in v2.ServerRequestMethod]: v2.ServerRequestResult<M> } = {
  'item/commandExecution/requestApproval': { decision: 'decline' },
  'item/fileChange/requestApproval': { decision: 'decline' },
  'item/tool/requestUserInput': { answers: {} },
};

interface WireMessage {
  id?: string | number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export async function runExec(options: ExecOptions): Promise<number> {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const served = runAppServer({ ...options, input: toServer, output: fromServer, handleSignals: false });
  const session = new ExecSession(options, (message) => toServer.write(`${JSON.stringify(message)}\n`));
  createInterface({ input: fromServer, crlfDelay: Infinity }).on('line', (line) => session.receive(line));

  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    options.stderr.write('interrupting the turn (Ctrl-C again to quit)\n');
    session.interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stoppedEarly = served.then(() => Promise.reject(new Error('the server stopped before the turn ended')));
  try {
    return await Promise.race([session.run(), stoppedEarly]);
  } catch (error) {
    options.stderr.write(`agentd exec: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    toServer.end();
    await served;
  }
}

/** The client half: handshake, thread, turn, then follow the turn's notifications to its end. */
class ExecSession {
  readonly #options: ExecOptions;
  readonly #send: (message: WireMessage) => void;
  readonly #pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #threadId: string | undefined;
  #turnId: string | undefined;
  #interruptRequested = false;
  #finalMessage = '';
  #turnDone: (turn: v2.Turn) => void = () => {};
  readonly #turnCompleted = new Promise<v2.Turn>((resolve) => (this.#turnDone = resolve));

  constructor(options: ExecOptions, send: (message: WireMessage) => void) {
    this.#options = options;
    this.#send = send;
  }

  async run(): Promise<number> {
    const options = this.#options;
    await this.#request('initialize', { clientInfo: { name: 'agentd-exec', title: 'agentd exec', version: options.version } });
    this.#send({ method: 'initialized' satisfies v2.ClientNotificationMethod });
    // A resumed thread keeps its working directory unless --cd moves it.
    const cwd = options.cwd !== undefined ? resolve(options.cwd) : options.resume ? null : process.cwd();
    const settings = { cwd, model: options.model ?? null, approvalPolicy: options.approvalPolicy ?? null, sandbox: options.sandbox ?? null };
    const { thread } = options.resume
      ? await this.#request('thread/resume', { threadId: options.resume, ...settings })
      : await this.#request('thread/start', settings);
    this.#threadId = thread.id;
    this.#progress(`thread ${thread.id}`);
    const { turn } = await this.#request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: options.prompt, text_elements: [] }],
    });
    this.#turnId = turn.id;
    if (this.#interruptRequested) this.interrupt();
    const finished = await this.#turnCompleted;
    if (!options.json && this.#finalMessage) options.stdout.write(`${this.#finalMessage}\n`);
    if (finished.status === 'completed') return EXIT_COMPLETED;
    if (finished.status === 'interrupted') return EXIT_INTERRUPTED;
    this.#progress(`turn failed: ${finished.error?.message ?? finished.status}`);
    return EXIT_FAILED;
  }

  interrupt(): void {
    this.#interruptRequested = true;
    if (this.#threadId === undefined || this.#turnId === undefined) return;
    this.#request('turn/interrupt', { threadId: this.#threadId, turnId: this.#turnId }).catch(() => {
      // The turn ended on its own meanwhile.
    });
  }

  receive(line: string): void {
    if (this.#options.json) this.#options.stdout.write(`${line}\n`);
    const message = JSON.parse(line) as WireMessage;
    if (message.method === undefined) {
      const pending = this.#pending.get(message.id as number);
      this.#pending.delete(message.id as number);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
    } else if (message.id !== undefined) {
      const method = message.method as v2.ServerRequestMethod;
      this.#progress(`declined ${method}: nobody to ask in exec mode`);
      this.#send({ id: message.id, result: DECLINED[method] ?? {} });
    } else {
      this.#onNotification(message.method as v2.ServerNotificationMethod, message.params);
    }
  }

  #onNotification(method: v2.ServerNotificationMethod, params: unknown): void {
    switch (method) {
      case 'item/started': {
        const { item } = params as v2.ServerNotificationParams<typeof method>;
        if (item.type === 'commandExecution') this.#progress(`$ ${item.command}`);
        break;
      }
      case 'item/completed': {
        const { item } = params as v2.ServerNotificationParams<typeof method>;
        if (item.type === 'agentMessage') this.#finalMessage = item.text;
        if (item.type === 'commandExecution') this.#progress(`  ${item.status}${item.exitCode == null ? '' : ` (exit ${item.exitCode})`}`);
        if (item.type === 'fileChange') for (const change of item.changes) this.#progress(`  ${item.status}: ${change.kind.type} ${change.path}`);
        break;
      }
      case 'error': {
        const { error, willRetry } = params as v2.ServerNotificationParams<typeof method>;
        this.#progress(willRetry ? error.message : `error: ${error.message}`);
        break;
      }
      case 'turn/completed': {
        const { turn } = params as v2.ServerNotificationParams<typeof method>;
        if (turn.id === this.#turnId || this.#turnId === undefined) this.#turnDone(turn);
        break;
      }
      default:
        break;
    }
  }

  #request<M extends v2.ClientRequestMethod>(method: M, params: v2.ClientRequestParams<M>): Promise<v2.ClientRequestResult<M>> {
    const id = this.#nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#send({ id, method, params });
    return answer as Promise<v2.ClientRequestResult<M>>;
  }

  #progress(text: string): void {
    this.#options.stderr.write(`${text}\n`);
  }
}
