/**
 * A thread's notifications as they were sent, each with its `seq`: so `seq` goes on from where it
 * was after a daemon restart, and a client that reconnects can be sent what it missed
 * (thread/resume with `afterSeq`).
 *
 * Cost model: an idle thread costs nothing (no timer, no file open until it is loaded). While a
 * turn streams, lines are buffered and written in one `write` per batch — the batch is written just
 * before the wire writes the same notifications, so a client is never ahead of the log, even when
 * the daemon is killed. The log is read only when loaded (its last line, for the next `seq`) and on
 * a resume with `afterSeq`.
 *
 * Layout: `AGENTD_HOME/events/<threadId>/<firstSeq>.jsonl` segments. A turn that starts when the
 * current segment already holds 4 turns (or a megabyte) opens a new segment, and only the two
 * newest are kept: the log holds the last turns, not the whole thread (the rollout does that).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** One logged notification: its line exactly as it was sent. */
export interface LoggedNotification {
  readonly method: string;
  readonly seq: number;
  readonly line: string;
}

export interface ReplaySince {
  readonly notifications: LoggedNotification[];
  /** False when some notifications after `afterSeq` are no longer kept. */
  readonly complete: boolean;
  /** The first `seq` still kept. */
  readonly firstKeptSeq: number;
}

/** A new segment starts at a turn once the current one has this many turns or bytes. */
const TURNS_PER_SEGMENT = 4;
const BYTES_PER_SEGMENT = 1024 * 1024;
const SEGMENTS_KEPT = 2;
/** The marker a clean close leaves as the last line. */
const CLOSED_LINE = '{"closed":true}';
const SEGMENT_NAME = /^(\d{12})\.jsonl$/;

export class ThreadEventLog {
  readonly dir: string;
  /** The `seq` of the last notification logged. */
  lastSeq: number;
  /** Whether the previous daemon closed the log (false after a crash). */
  readonly closedCleanly: boolean;
  #fd: number | undefined;
  #segmentFirstSeq: number;
  #segmentBytes: number;
  #segmentTurns = 0;
  #buffer: string[] = [];
  /** Old segments being removed (off the event loop, an unlink can take milliseconds): no longer listed. */
  readonly #removing = new Set<string>();
  #removals: Promise<void> = Promise.resolve();

  private constructor(dir: string, state: { lastSeq: number; closedCleanly: boolean; segmentFirstSeq: number; segmentBytes: number }) {
    this.dir = dir;
    this.lastSeq = state.lastSeq;
    this.closedCleanly = state.closedCleanly;
    this.#segmentFirstSeq = state.segmentFirstSeq;
    this.#segmentBytes = state.segmentBytes;
  }

  static dirFor(home: string, threadId: string): string {
    return join(home, 'events', threadId);
  }

  /** Opens (or starts) a thread's log, reading only the end of its newest segment. */
  static open(dir: string): ThreadEventLog {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const newest = segments(dir).at(-1);
    if (!newest) return new ThreadEventLog(dir, { lastSeq: 0, closedCleanly: true, segmentFirstSeq: 1, segmentBytes: 0 });
    const tail = readTail(join(dir, newest.name));
    return new ThreadEventLog(dir, {
      lastSeq: Math.max(newest.firstSeq - 1, tail.lastSeq),
      closedCleanly: tail.lastLine === CLOSED_LINE || tail.bytes === 0,
      segmentFirstSeq: newest.firstSeq,
      segmentBytes: tail.bytes,
    });
  }

  /** Buffers one notification (`line` is it as sent: `{method, params: {…, seq}, …}`); `flush` writes it. */
  append(method: string, seq: number, line: string): void {
    if (method === TURN_STARTED) this.#maybeRotate(seq);
    this.lastSeq = seq;
    this.#buffer.push(line);
  }

  /** Notes a server request still waiting for its answer (its `serverRequest/resolved` settles it). */
  appendPendingRequest(requestId: string | number): void {
    this.#buffer.push(JSON.stringify({ pendingRequest: requestId }));
  }

  get hasBuffered(): boolean {
    return this.#buffer.length > 0;
  }

  /** Writes what is buffered, in one write. */
  flush(): void {
    if (this.#buffer.length === 0) return;
    const text = `${this.#buffer.join('\n')}\n`;
    this.#buffer = [];
    const fd = this.#open();
    writeSync(fd, text);
    this.#segmentBytes += Buffer.byteLength(text);
  }

  /** Every kept notification with a `seq` above `afterSeq`, in order. */
  readSince(afterSeq: number): ReplaySince {
    this.flush();
    const all = this.#segments();
    const firstKeptSeq = all[0]?.firstSeq ?? this.lastSeq + 1;
    const notifications: LoggedNotification[] = [];
    for (let index = 0; index < all.length; index++) {
      const next = all[index + 1];
      if (next && next.firstSeq <= afterSeq + 1) continue;
      for (const line of readLines(join(this.dir, (all[index] as Segment).name))) {
        const parsed = parseLine(line);
        if (parsed?.method !== undefined && parsed.seq > afterSeq) notifications.push(parsed);
      }
    }
    return { notifications, complete: afterSeq + 1 >= firstKeptSeq || afterSeq >= this.lastSeq, firstKeptSeq };
  }

  /** Server requests of the newest segment that were never resolved (the daemon died waiting). */
  unresolvedRequests(): (string | number)[] {
    this.flush();
    const newest = this.#segments().at(-1);
    if (!newest) return [];
    const pending = new Map<string, string | number>();
    for (const line of readLines(join(this.dir, newest.name))) {
      const parsed = parseLine(line);
      if (!parsed) continue;
      if ('pendingRequest' in parsed) pending.set(JSON.stringify(parsed.pendingRequest), parsed.pendingRequest);
      else if (parsed.method === RESOLVED) pending.delete(JSON.stringify(parsed.requestId));
    }
    return [...pending.values()];
  }

  /** Writes what is buffered and the clean-close marker. */
  close(): void {
    this.#buffer.push(CLOSED_LINE);
    this.flush();
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #open(): number {
    if (this.#fd !== undefined) return this.#fd;
    const fd = openSync(join(this.dir, segmentName(this.#segmentFirstSeq)), 'a+', 0o600);
    // A line torn by a crash must not swallow the next one.
    const size = fstatSync(fd).size;
    if (size > 0 && lastByte(fd, size) !== 0x0a) this.#segmentBytes += writeSync(fd, '\n');
    this.#fd = fd;
    return fd;
  }

  #maybeRotate(firstSeq: number): void {
    this.#segmentTurns += 1;
    if (this.#segmentTurns <= TURNS_PER_SEGMENT && this.#segmentBytes + bufferedBytes(this.#buffer) < BYTES_PER_SEGMENT) return;
    this.flush();
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#segmentFirstSeq = firstSeq;
    this.#segmentBytes = 0;
    this.#segmentTurns = 1;
    for (const old of this.#segments().slice(0, -(SEGMENTS_KEPT - 1))) {
      this.#removing.add(old.name);
      const removed = rm(join(this.dir, old.name), { force: true })
        .catch(() => undefined)
        .finally(() => this.#removing.delete(old.name));
      this.#removals = Promise.all([this.#removals, removed]).then(() => undefined);
    }
  }

  /** Resolves once the old segments being removed are gone from the disk. */
  removals(): Promise<void> {
    return this.#removals;
  }

  #segments(): Segment[] {
    const all = segments(this.dir);
    return this.#removing.size === 0 ? all : all.filter((segment) => !this.#removing.has(segment.name));
  }
}

const TURN_STARTED = 'turn/started';
const RESOLVED = 'serverRequest/resolved';

interface Segment {
  readonly name: string;
  readonly firstSeq: number;
}

function segments(dir: string): Segment[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: Segment[] = [];
  for (const name of names) {
    const match = SEGMENT_NAME.exec(name);
    if (match) found.push({ name, firstSeq: Number(match[1]) });
  }
  return found.sort((a, b) => a.firstSeq - b.firstSeq);
}

function segmentName(firstSeq: number): string {
  return `${String(firstSeq).padStart(12, '0')}.jsonl`;
}

type ParsedLine = (LoggedNotification & { requestId?: unknown }) | { pendingRequest: string | number; method?: undefined };

function parseLine(line: string): ParsedLine | undefined {
  if (line === '' || line === CLOSED_LINE) return undefined;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const params = parsed.params as { seq?: unknown; requestId?: unknown } | undefined;
    if (typeof parsed.method === 'string' && typeof params?.seq === 'number') return { method: parsed.method, seq: params.seq, line, requestId: params.requestId };
    if (typeof parsed.pendingRequest === 'string' || typeof parsed.pendingRequest === 'number') return { pendingRequest: parsed.pendingRequest };
  } catch {
    // A torn or corrupt line: skipped.
  }
  return undefined;
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** The last `seq` and last complete line of a segment, reading backwards from its end. */
function readTail(path: string): { lastSeq: number; lastLine: string | undefined; bytes: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { lastSeq: 0, lastLine: undefined, bytes: 0 };
  }
  try {
    const size = fstatSync(fd).size;
    let chunk = 64 * 1024;
    for (;;) {
      const length = Math.min(chunk, size);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      // A chunk that starts mid-file may start mid-line: its first piece is not a whole line.
      if (length < size) lines.shift();
      // What follows the last newline is torn (or empty).
      lines.pop();
      const lastLine = lines.at(-1);
      for (let index = lines.length - 1; index >= 0; index--) {
        const parsed = parseLine(lines[index] as string);
        if (parsed?.method !== undefined) return { lastSeq: parsed.seq, lastLine, bytes: size };
      }
      if (length === size) return { lastSeq: 0, lastLine, bytes: size };
      chunk *= 4;
    }
  } finally {
    closeSync(fd);
  }
}

function lastByte(fd: number, size: number): number {
  const buffer = Buffer.alloc(1);
  readSync(fd, buffer, 0, 1, size - 1);
  return buffer[0] as number;
}

function bufferedBytes(buffer: readonly string[]): number {
  let bytes = 0;
  for (const line of buffer) bytes += line.length + 1;
  return bytes;
}
