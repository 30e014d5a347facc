/**
 * Reads a rollout file back. A torn last line (the daemon died mid-write) is ignored; a corrupt
 * line anywhere else is skipped with a warning. Reading never throws for bad content.
 */
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { RolloutLine } from './rollout-record.js';

export interface RolloutContents {
  readonly lines: RolloutLine[];
  /** One message per line that could not be read. */
  readonly warnings: string[];
}

export async function readRollout(path: string): Promise<RolloutContents> {
  const lines: RolloutLine[] = [];
  const warnings = await forEachRolloutRecord(path, (line) => lines.push(line));
  return { lines, warnings };
}

/**
 * Hands each record of the file to `visit` as soon as it is parsed, keeping none of them (what a
 * record is needed for, the caller keeps). Returns one warning per line that could not be read.
 */
export async function forEachRolloutRecord(path: string, visit: (line: RolloutLine) => void): Promise<string[]> {
  const parser = new RolloutLineParser(path, visit);
  await forEachRolloutLine(path, (text, complete) => parser.add(text, complete));
  return parser.warnings;
}

/** Bytes read at a time, into one buffer reused for the whole file. */
const BLOCK_BYTES = 1024 * 1024;

/**
 * Lines decoded at a time: a piece this small becomes a string in V8's young generation, whose
 * memory is reused, where a larger one gets fresh pages of its own (slow to touch on a VM).
 */
const PIECE_BYTES = 64 * 1024;

/**
 * Calls `visit` with each line of the file, in order, without holding the file in memory: blocks
 * are read into one buffer, and each block's complete lines are decoded a piece at a time. The last
 * line has `complete: false` when the file does not end with a newline (a torn write). Returns the
 * bytes read.
 */
export async function forEachRolloutLine(path: string, visit: (text: string, complete: boolean) => void): Promise<number> {
  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(BLOCK_BYTES);
    /** Bytes at the start of `buffer` not yet visited: the beginning of a line. */
    let pending = 0;
    let total = 0;
    for (;;) {
      if (pending === buffer.length) {
        // One line longer than the buffer.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, pending);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, pending, buffer.length - pending, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      const filled = pending + bytesRead;
      const end = buffer.lastIndexOf(0x0a, filled - 1) + 1;
      if (end > 0) {
        visitLines(buffer.subarray(0, end), visit);
        buffer.copy(buffer, 0, end, filled);
      }
      pending = filled - end;
    }
    if (pending > 0) {
      const torn = buffer.subarray(0, pending);
      visit(torn.toString(isAscii(torn) ? 'latin1' : 'utf8'), false);
    }
    return total;
  } finally {
    await handle.close();
  }
}

/**
 * Visits the lines of `bytes`, which ends with a newline. A piece of plain ASCII (most of them) is
 * decoded as Latin-1, a copy, and split into lines (slices of it, not copies); a piece with other
 * bytes is decoded line by line, as UTF-8 only where needed: V8 decodes UTF-8 several times slower.
 */
function visitLines(bytes: Buffer, visit: (text: string, complete: boolean) => void): void {
  let start = 0;
  while (start < bytes.length) {
    let end = start + PIECE_BYTES >= bytes.length ? bytes.length : bytes.lastIndexOf(0x0a, start + PIECE_BYTES - 1) + 1;
    if (end <= start) end = bytes.indexOf(0x0a, start) + 1;
    const piece = bytes.subarray(start, end);
    if (isAscii(piece)) {
      splitLines(piece.toString('latin1'), visit);
    } else {
      for (const line of rolloutLines(piece)) visit(line.text, true);
    }
    start = end;
  }
}

function splitLines(text: string, visit: (text: string, complete: boolean) => void): void {
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return;
    if (newline > start) visit(text.slice(start, newline), true);
    start = newline + 1;
  }
}

/** A file's bytes, in one read: `readFile` reads 512 KB at a time, a trip to the thread pool each. */
export async function readBytes(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The lines of a rollout, each decoded on its own: a line of plain ASCII (most of them) as Latin-1,
 * which is a copy, and only the others as UTF-8, which V8 decodes several times slower. The last
 * line has `complete: false` when the file does not end with a newline (a torn write).
 */
export function* rolloutLines(bytes: Buffer): Generator<{ text: string; complete: boolean }> {
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    if (end > start) {
      const line = bytes.subarray(start, end);
      yield { text: line.toString(isAscii(line) ? 'latin1' : 'utf8'), complete: newline !== -1 };
    }
    if (newline === -1) break;
    start = newline + 1;
  }
}

export function parseRollout(text: string, path = 'rollout'): RolloutContents {
  const raw = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  return parseRolloutLines(
    raw.map((line, index) => ({ text: line, complete: endsCleanly || index < raw.length - 1 })),
    path,
  );
}

function parseRolloutLines(source: Iterable<{ text: string; complete: boolean }>, path: string): RolloutContents {
  const lines: RolloutLine[] = [];
  const parser = new RolloutLineParser(path, (line) => lines.push(line));
  for (const { text, complete } of source) parser.add(text, complete);
  return { lines, warnings: parser.warnings };
}

/** Parses lines one at a time, handing on each record and keeping a warning for each line it could not read. */
class RolloutLineParser {
  readonly #path: string;
  readonly #visit: (line: RolloutLine) => void;
  readonly warnings: string[] = [];
  #number = 0;

  constructor(path: string, visit: (line: RolloutLine) => void) {
    this.#path = path;
    this.#visit = visit;
  }

  add(line: string, complete: boolean): void {
    this.#number += 1;
    if (line.length === 0 || (line.length < 8 && line.trim() === '')) return;
    let parsed: Partial<RolloutLine>;
    try {
      parsed = JSON.parse(line) as Partial<RolloutLine>;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.type !== 'string' || !('payload' in parsed)) {
        throw new Error('not a rollout record');
      }
    } catch (error) {
      // The last line without its newline is a write the daemon did not finish: expected after a crash.
      if (!complete) return;
      this.warnings.push(`${this.#path}:${this.#number}: skipped a corrupt line (${(error as Error).message})`);
      return;
    }
    this.#visit(parsed as RolloutLine);
  }
}
