// Recording a client's session as a fixture. Two halves:
// - `RecordingClient` drives the daemon as a client does and watches which fields of each message
//   it actually reads (every message it takes is handed out behind a proxy that notes reads).
// - `fixtureFromRecording` turns the wire transcript (plus the reads, when known) into a fixture:
//   the client's messages become `send` steps, the server's messages it used become `receive` steps
//   relying on exactly what it read (or, for a client that could not be watched, on everything it
//   received: review and trim those before sealing), with ids captured and reused, paths of the
//   temp workspace and home as placeholders, and volatile values (times, token counts) by type.
import { type Daemon, RpcError, type WireMessage } from '../support/index.js';
import { jsonType } from './expectations.js';
import { leaves, parsePath, select } from './json-path.js';
import { FIXTURE_FORMAT, type Matcher, parseSessionFixture, type SessionFixture, type Step } from './session-fixture.js';

type Json = Record<string, unknown>;

export interface RecordedConnection {
  /** Every line of the connection, both ways, as the daemon driver and the tap write them. */
  readonly messages: readonly WireMessage[];
  /** For the server's messages (by position among them), the paths the client read. Absent when
   * the client was not watched: it then counts as relying on every field it received. */
  readonly reads?: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface RecordingInput {
  readonly name: string;
  readonly description: string;
  readonly client: SessionFixture['client'];
  readonly protocol: string;
  readonly basedOn: string;
  readonly workspace?: SessionFixture['workspace'];
  readonly config?: SessionFixture['config'];
  readonly model: readonly unknown[];
  readonly connections: readonly RecordedConnection[];
  /** The real workspace and home during the recording, written as `${workspace}` / `${home}`. */
  readonly paths: { readonly workspace: string; readonly home: string };
}

// ---- watching a client's reads ------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** `value` behind a proxy that adds to `reads` the path of every leaf read through it. */
export function track<T>(value: T, path: string, reads: Set<string>): T {
  if (!isObject(value)) return value;
  return new Proxy(value as unknown as Json, {
    get(target, key, receiver) {
      const result: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return result;
      if (Array.isArray(target)) {
        if (key === 'length') {
          reads.add(path);
          return result;
        }
        if (!/^\d+$/.test(key)) return result;
      } else if (!Object.hasOwn(target, key)) {
        // `then`, `toJSON`, a field that is not there: nothing the client got from the message.
        return result;
      }
      const at = Array.isArray(target) ? childPath(path, Number(key)) : childPath(path, key);
      if (isObject(result)) return track(result, at, reads);
      reads.add(at);
      return result;
    },
  }) as unknown as T;
}

interface Logged {
  readonly index: number;
  readonly json: Json;
}

export interface RecordedServerRequest<P = any> {
  readonly id: number | string;
  readonly params: P;
  respond(result: unknown): void;
}

/**
 * A client over the daemon driver whose reads are recorded. It numbers its own requests, takes
 * notifications in the order it asks for them (as the driver does), and answers server requests.
 */
export class RecordingClient {
  readonly #daemon: Daemon;
  readonly #log: Logged[] = [];
  readonly #taken = new Set<number>();
  readonly #reads = new Map<number, Set<string>>();
  #seen = 0;
  #nextId = 1;

  constructor(daemon: Daemon) {
    this.#daemon = daemon;
  }

  /** What was recorded so far: the transcript and the reads. */
  get recorded(): RecordedConnection {
    return { messages: [...this.#daemon.messages], reads: this.#reads };
  }

  async request<R = any>(method: string, params?: unknown): Promise<R> {
    const id = this.#nextId++;
    this.#daemon.sendRaw(JSON.stringify(params === undefined ? { id, method } : { id, method, params }));
    const message = await this.#take((m) => m.id === id && m.method === undefined, `the response to ${method}`);
    const tracked = track(message.json, '', this.#readsOf(message.index));
    if ('error' in message.json) {
      const error = tracked.error as { code: number; message: string; data?: unknown };
      throw new RpcError(error.code, error.message, error.data, method);
    }
    return tracked.result as R;
  }

  notify(method: string, params?: unknown): void {
    this.#daemon.sendRaw(JSON.stringify(params === undefined ? { method } : { method, params }));
  }

  /** The first notification of `method` not taken before (matching `where`); reads in `where` count. */
  async nextNotification<P = any>(method: string, where?: (params: P) => boolean): Promise<{ method: string; params: P; emittedAtMs?: number }> {
    const message = await this.#take(
      (m) => m.method === method && m.id === undefined && (!where || where(structuredClone(m.params) as P)),
      `notification "${method}"`,
    );
    const tracked = track(message.json, '', this.#readsOf(message.index)) as { method: string; params: P; emittedAtMs?: number };
    if (where) where(tracked.params);
    return tracked;
  }

  async nextServerRequest<P = any>(method: string): Promise<RecordedServerRequest<P>> {
    const message = await this.#take((m) => m.method === method && m.id !== undefined, `server request "${method}"`);
    const tracked = track(message.json, '', this.#readsOf(message.index)) as { id: number | string; params: P };
    return {
      id: tracked.id,
      params: tracked.params,
      respond: (result) => this.#daemon.sendRaw(JSON.stringify({ id: tracked.id, result })),
    };
  }

  #readsOf(index: number): Set<string> {
    let reads = this.#reads.get(index);
    if (!reads) this.#reads.set(index, (reads = new Set()));
    return reads;
  }

  #take(accept: (message: Json) => boolean, what: string): Promise<Logged> {
    return this.#daemon.waitFor(() => {
      this.#refresh();
      const found = this.#log.find((m) => !this.#taken.has(m.index) && accept(m.json));
      if (found) this.#taken.add(found.index);
      return found;
    }, what);
  }

  #refresh(): void {
    const all = this.#daemon.messages;
    for (; this.#seen < all.length; this.#seen++) {
      const line = all[this.#seen]!;
      if (line.dir === 's->c') this.#log.push({ index: this.#log.length, json: JSON.parse(line.line) as Json });
    }
  }
}

// ---- what a client that cannot be watched reads ---------------------------------------------------

/**
 * What a client reads, declared once from its source: for each notification or server request
 * method, and for the response of each request (`response:<method>`), the paths it uses. `[*]`
 * stands for any array element; a path also covers everything below it.
 */
export type ReadsSpec = Readonly<Record<string, readonly string[]>>;

function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

function covers(pattern: string, path: string): boolean {
  const generic = genericPath(path);
  return generic === pattern || generic.startsWith(`${pattern}.`) || generic.startsWith(`${pattern}[`);
}

/** The reads of each server message of a transcript, as `spec` declares them. */
export function readsFromSpec(messages: readonly WireMessage[], spec: ReadsSpec): Map<number, Set<string>> {
  const requestMethods = new Map<string, string>();
  const reads = new Map<number, Set<string>>();
  let serverIndex = 0;
  for (const line of messages) {
    const json = JSON.parse(line.line) as Json;
    if (line.dir === 'c->s') {
      if (typeof json.method === 'string' && json.id !== undefined) requestMethods.set(JSON.stringify(json.id), json.method);
      continue;
    }
    const index = serverIndex++;
    const key = typeof json.method === 'string' ? json.method : `response:${requestMethods.get(JSON.stringify(json.id)) ?? ''}`;
    const patterns = spec[key] ?? [];
    const used = new Set(leaves(json).map((leaf) => leaf.path).filter((path) => patterns.some((pattern) => covers(pattern, path))));
    if (typeof json.method === 'string' && json.id !== undefined) used.add('id');
    if (used.size > 0) reads.set(index, used);
  }
  return reads;
}

// ---- from a recording to a fixture ----------------------------------------------------------------

/** Notifications a client applies whenever they come: state, not a step of the story. */
const UNORDERED = new Set(['thread/started', 'thread/status/changed', 'thread/tokenUsage/updated', 'account/rateLimits/updated']);
/** Keys whose values change from run to run: relied on by type only. */
const VOLATILE_KEY = /(At|AtMs|Ms|Tokens|TokenCount|Window|Seconds)$|^(seq|userAgent|cliVersion|platformOs|platformFamily)$/;
/** Fields that tell messages of one method apart: they select the message (`where`). */
const SELECTORS = new Set(['params.item.type', 'params.item.id', 'params.status.type', 'params.itemId']);

function isIdKey(key: string): boolean {
  return key === 'id' || key.endsWith('Id');
}

function lastKey(path: string): string {
  const segments = parsePath(path).filter((s) => s.kind === 'key');
  return segments.at(-1)?.kind === 'key' ? (segments.at(-1) as { key: string }).key : '';
}

class Conversion {
  /** Captured values (as JSON) → their placeholder name. */
  readonly #names = new Map<string, string>();
  readonly #used = new Set<string>(['workspace', 'home']);
  readonly #paths: RecordingInput['paths'];

  constructor(paths: RecordingInput['paths']) {
    this.#paths = paths;
  }

  /** A fresh placeholder name for an id found at `path` of `message`. */
  #nameFor(message: unknown, path: string, method: string | undefined): string {
    const segments = parsePath(path);
    const last = segments.at(-1);
    let base: string;
    if (last?.kind === 'key' && last.key !== 'id') base = last.key;
    else if (segments.length === 1) {
      // The id of a server request: `item/fileChange/requestApproval` → fileChangeRequestId.
      const parts = (method ?? 'server/request').split('/');
      base = `${parts.at(-2) ?? parts[0]}RequestId`;
    } else {
      const parentPath = path.slice(0, path.lastIndexOf('.'));
      const parent = select(message, parentPath)[0]?.value;
      const parentKey = [...segments.slice(0, -1)].reverse().find((s) => s.kind === 'key');
      if (isObject(parent) && typeof parent.type === 'string') base = `${parent.type}Id`;
      else base = `${parentKey?.kind === 'key' ? parentKey.key.replace(/s$/, '') : 'value'}Id`;
    }
    let name = base;
    for (let n = 2; this.#used.has(name); n++) name = `${base}${n}`;
    this.#used.add(name);
    return name;
  }

  /** Replaces the recording's temp paths and captured values in a client message. */
  substitute(value: unknown, key = ''): unknown {
    if (typeof value === 'string' || typeof value === 'number') {
      const name = this.#captured(value, key);
      if (name) return `\${${name}}`;
      return typeof value === 'string' ? this.#placeholders(value) : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.substitute(v, key));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.substitute(v, k)]));
    return value;
  }

  /**
   * The capture a value refers to. Strings (the server's ids) are matched anywhere; numbers only
   * under an id's key, or every 0 and 1 of the session would look like the first request ids.
   */
  #captured(value: string | number, key: string): string | undefined {
    if (typeof value === 'number' && !isIdKey(key)) return undefined;
    return this.#names.get(JSON.stringify(value));
  }

  #placeholders(text: string): string {
    const { workspace, home } = this.#paths;
    // The longer path first: the workspace may live inside the home, or the other way round.
    const pairs: [string, string][] = workspace.length >= home.length ? [[workspace, '${workspace}'], [home, '${home}']] : [[home, '${home}'], [workspace, '${workspace}']];
    let out = text;
    for (const [real, placeholder] of pairs) out = out.split(real).join(placeholder);
    return out;
  }

  /** What the client relied on at `path`, which held `value`. */
  matcher(message: unknown, path: string, value: unknown, method: string | undefined): Matcher {
    const key = lastKey(path);
    if (typeof value === 'string' || typeof value === 'number') {
      const name = this.#captured(value, key);
      if (name) return `\${${name}}`;
      if (isIdKey(key) && !(typeof value === 'string' && value.includes(this.#paths.home))) {
        const capture = this.#nameFor(message, path, method);
        this.#names.set(JSON.stringify(value), capture);
        return { type: jsonType(value) as 'string', capture };
      }
    }
    if (VOLATILE_KEY.test(key)) return { type: jsonType(value) as 'string' };
    if (typeof value === 'string') {
      // A rollout file is named after the time it was created.
      if (value.startsWith(`${this.#paths.home}/sessions/`)) return { pattern: '^${home}/sessions/' };
      return this.#placeholders(value);
    }
    if (value === null || typeof value !== 'object') return value as Matcher;
    // A whole object or array was used (iterated, compared): what of it was read is listed too.
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return { equals: value as never };
    return { type: jsonType(value) as 'object' };
  }
}

/** `[n]` in a path becomes `[type=x]` when element n is the only one of its `type`. */
function stablePath(message: unknown, path: string): string {
  let out = '';
  let at: unknown = message;
  for (const segment of parsePath(path)) {
    if (segment.kind === 'index' && Array.isArray(at)) {
      const element: unknown = at[segment.index];
      const type = isObject(element) && typeof element.type === 'string' ? element.type : undefined;
      const unique = type !== undefined && at.filter((e) => isObject(e) && e.type === type).length === 1;
      out += unique ? `[type=${type}]` : `[${segment.index}]`;
      at = element;
    } else if (segment.kind === 'key') {
      out += out ? `.${segment.key}` : segment.key;
      at = isObject(at) ? at[segment.key] : undefined;
    } else {
      return path;
    }
  }
  return out;
}

interface Draft {
  readonly step: Step;
  readonly raw?: Json;
}

function foldStreams(drafts: Draft[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i]!;
    const step = draft.step;
    const streamed = 'receive' in step && 'notification' in step.receive && typeof (draft.raw?.params as Json | undefined)?.delta === 'string';
    if (!streamed || !draft.raw) {
      steps.push(step);
      continue;
    }
    const method = (step.receive as { notification: string }).notification;
    const item = (draft.raw.params as Json).itemId;
    let text = '';
    let j = i;
    for (; j < drafts.length; j++) {
      const next = drafts[j]!;
      const params = next.raw?.params as Json | undefined;
      if (!next.raw || next.raw.method !== method || params?.itemId !== item || typeof params?.delta !== 'string') break;
      text += params.delta;
    }
    const { 'params.delta': _delta, ...relied } = step.relied;
    steps.push({ ...step, join: { path: 'params.delta', equals: text }, relied });
    i = j - 1;
  }
  return steps;
}

/** Builds the fixture of a recorded session; it is checked against the fixture format. */
export function fixtureFromRecording(input: RecordingInput): SessionFixture {
  const conversion = new Conversion(input.paths);
  const connections = input.connections.map((connection) => {
    const drafts: Draft[] = [];
    let serverIndex = 0;
    for (const line of connection.messages) {
      const json = JSON.parse(line.line) as Json;
      if (line.dir === 'c->s') {
        drafts.push({ step: { send: conversion.substitute(json) as Record<string, never> } });
        continue;
      }
      const index = serverIndex++;
      const method = typeof json.method === 'string' ? json.method : undefined;
      const isResponse = method === undefined;
      const reads = connection.reads ? connection.reads.get(index) : undefined;
      if (connection.reads && !reads && method !== undefined && json.id === undefined) continue;
      const paths = (connection.reads ? [...(reads ?? [])] : leaves(json).map((l) => l.path)).filter(
        (path) => path !== '' && !(isResponse && path === 'id') && path !== 'method' && path !== 'jsonrpc',
      );
      const relied: Record<string, Matcher> = {};
      const where: Record<string, Matcher> = {};
      for (const path of paths.sort()) {
        const value = select(json, path)[0]?.value;
        if (value === undefined) continue;
        const stable = stablePath(json, path);
        const matcher = conversion.matcher(json, stable, value, method);
        if (!isResponse && json.id === undefined && SELECTORS.has(stable) && typeof matcher === 'string') where[stable] = matcher;
        else relied[stable] = matcher;
      }
      const receive = isResponse
        ? { response: json.id as number }
        : json.id === undefined
          ? { notification: method! }
          : { request: method! };
      const step: Step = {
        receive,
        ...(Object.keys(where).length > 0 ? { where } : {}),
        relied,
        ...(method && UNORDERED.has(method) ? { anyOrder: true as const } : {}),
      };
      drafts.push({ step, raw: json });
    }
    return { steps: foldStreams(drafts) };
  });
  const fixture = {
    format: FIXTURE_FORMAT,
    name: input.name,
    description: input.description,
    client: input.client,
    protocol: input.protocol,
    source: 'recorded' as const,
    basedOn: input.basedOn,
    ...(input.workspace ? { workspace: input.workspace } : {}),
    ...(input.config ? { config: input.config } : {}),
    model: [...input.model],
    connections,
  };
  return parseSessionFixture(JSON.parse(JSON.stringify(fixture)), input.name);
}
