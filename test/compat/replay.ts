// Replays a session fixture against the current daemon: the scripted model answers as recorded, the
// client's messages are sent as recorded (with ids the server chose substituted), and every message
// the old client relied on must arrive, in the order it relied on, with every relied-on field still
// there with the same meaning. Whatever else the daemon sends (new notifications, new fields) is
// fine: clients tolerate it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Daemon, mockProviderConfig, parseScript, spawnDaemon, startModelServer, TimeoutError } from '../support/index.js';
import { Captures, checkPaths } from './expectations.js';
import { select } from './json-path.js';
import { isSendStep, type ReceiveStep, type SessionFixture } from './session-fixture.js';

export interface ReplayOptions {
  /** How long one expected message may take (default 10 s). */
  readonly timeoutMs?: number;
}

/** A replay failure: which fixture, connection and step, and what the old client would miss. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

interface ServerMessage {
  readonly index: number;
  readonly json: Record<string, unknown>;
}

function describeReceive(step: ReceiveStep): string {
  const r = step.receive;
  const what = 'response' in r ? `the response to request ${JSON.stringify(r.response)}` : 'notification' in r ? `notification "${r.notification}"` : `server request "${r.request}"`;
  const where = step.where ? ` where ${Object.entries(step.where).map(([p, m]) => `${p} = ${JSON.stringify(m)}`).join(', ')}` : '';
  return `${what}${where}`;
}

function isKind(message: Record<string, unknown>, step: ReceiveStep, captures: Captures): boolean {
  const r = step.receive;
  if ('response' in r) return message.method === undefined && message.id === captures.substitute(r.response);
  if ('notification' in r) return message.method === r.notification && message.id === undefined;
  return message.method === r.request && message.id !== undefined;
}

/** The server's messages so far, parsed once, with which of them a step already matched. */
class ServerLog {
  readonly #daemon: Daemon;
  readonly #parsed: ServerMessage[] = [];
  readonly matched = new Set<number>();
  #seen = 0;

  constructor(daemon: Daemon) {
    this.#daemon = daemon;
  }

  get messages(): readonly ServerMessage[] {
    const all = this.#daemon.messages;
    for (; this.#seen < all.length; this.#seen++) {
      const m = all[this.#seen]!;
      if (m.dir !== 's->c') continue;
      try {
        this.#parsed.push({ index: this.#parsed.length, json: JSON.parse(m.line) as Record<string, unknown> });
      } catch {
        // Not JSON: the driver reports it as a schema violation when the connection closes.
      }
    }
    return this.#parsed;
  }
}

export async function replaySession(fixture: SessionFixture, options: ReplayOptions = {}): Promise<void> {
  const model = await startModelServer();
  const home = await mkdtemp(join(tmpdir(), 'agentd-replay-home-'));
  const workspace = await mkdtemp(join(tmpdir(), 'agentd-replay-ws-'));
  try {
    const script = parseScript(fixture.model);
    model.enqueue(...script.entries);
    for (const [path, content] of Object.entries(fixture.workspace?.files ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), content);
    }
    const config = mockProviderConfig(model.url, fixture.config ? { settings: fixture.config } : {});
    const captures = new Captures({ workspace, home });
    for (const [c, connection] of fixture.connections.entries()) {
      const daemon = await spawnDaemon({ home, config, cwd: workspace, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
      const where = (step: number) => `fixture "${fixture.name}", connection ${c + 1}, step ${step + 1}`;
      try {
        await replayConnection(daemon, connection.steps, captures, where, options);
      } catch (error) {
        await daemon.close().catch(() => undefined);
        throw error;
      } finally {
        if (!daemon.exitStatus) await daemon.close().catch(() => undefined);
      }
      // Closing checks everything the daemon sent against the reference schema.
      try {
        daemon.expectValid();
      } catch (error) {
        throw new ReplayError(`fixture "${fixture.name}", connection ${c + 1}: ${(error as Error).message}`);
      }
    }
  } finally {
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(workspace, { recursive: true, force: true });
  }
}

async function replayConnection(
  daemon: Daemon,
  steps: SessionFixture['connections'][number]['steps'],
  captures: Captures,
  where: (step: number) => string,
  options: ReplayOptions,
): Promise<void> {
  const log = new ServerLog(daemon);
  // Ordered steps match after the previous ordered match; `anyOrder` ones anywhere after the last send.
  let cursor = 0;
  let sinceSend = 0;
  for (const [i, step] of steps.entries()) {
    if (isSendStep(step)) {
      let message: Record<string, unknown>;
      try {
        message = captures.substitute(step.send);
      } catch (error) {
        throw new ReplayError(`${where(i)}: ${(error as Error).message}`);
      }
      daemon.sendRaw(JSON.stringify(message));
      sinceSend = cursor;
      continue;
    }
    let joined = '';
    const expected = step.join ? String(captures.substitute(step.join.equals)) : '';
    do {
      const from = step.anyOrder ? sinceSend : cursor;
      const found = await nextMatch(daemon, log, step, captures, from, where(i), options);
      log.matched.add(found.index);
      if (!step.anyOrder) cursor = found.index + 1;
      const failures = checkPaths(found.json, step.relied, captures, { bind: true });
      if (step.join) {
        const piece = select(found.json, step.join.path)[0]?.value;
        joined += typeof piece === 'string' ? piece : '';
        if (typeof piece !== 'string') failures.push(`${step.join.path}: expected a string to add to the stream, got ${JSON.stringify(piece)}`);
        else if (!expected.startsWith(joined)) failures.push(`the stream so far ${JSON.stringify(joined)} is not the start of ${JSON.stringify(expected)}`);
      }
      if (failures.length > 0) {
        const error = found.json.error as { code?: unknown; message?: unknown } | undefined;
        if (error) failures.unshift(`the daemon answered with error ${String(error.code)}: ${String(error.message)}`);
        throw new ReplayError(
          `${where(i)}: ${describeReceive(step)} lost what the old client relied on:\n` +
            failures.map((f) => `  - ${f}`).join('\n') +
            `\n  The message: ${clip(JSON.stringify(found.json), 2000)}`,
        );
      }
    } while (step.join && joined !== expected);
  }
}

/** The first message from `from` on that this step describes, waiting for it if need be. */
async function nextMatch(
  daemon: Daemon,
  log: ServerLog,
  step: ReceiveStep,
  captures: Captures,
  from: number,
  where: string,
  options: ReplayOptions,
): Promise<ServerMessage> {
  const find = (): ServerMessage | undefined =>
    log.messages.find(
      (m) =>
        m.index >= from &&
        !log.matched.has(m.index) &&
        isKind(m.json, step, captures) &&
        checkPaths(m.json, step.where ?? {}, captures, { bind: false }).length === 0,
    );
  try {
    return await daemon.waitFor(find, describeReceive(step), options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  } catch (error) {
    const after = log.messages.filter((m) => m.index >= from && !log.matched.has(m.index));
    const seen = after.map((m) => `    ${clip(JSON.stringify(m.json))}`).slice(0, 40).join('\n') || '    (nothing)';
    const reason = error instanceof TimeoutError ? 'never arrived' : (error as Error).message.split('\n')[0];
    throw new ReplayError(
      `${where}: the old client waited for ${describeReceive(step)}; it ${reason}.\n` +
        `  Unmatched messages from the server since the previous step:\n${seen}`,
    );
  }
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
