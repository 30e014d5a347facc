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
  return parseRolloutLines(rolloutLines(await readBytes(path)), path);
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
  const warnings: string[] = [];
  let number = 0;
  for (const { text: line, complete } of source) {
    number += 1;
    if (line.length === 0 || (line.length < 8 && line.trim() === '')) continue;
    try {
      const parsed = JSON.parse(line) as Partial<RolloutLine>;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.type !== 'string' || !('payload' in parsed)) {
        throw new Error('not a rollout record');
      }
      lines.push(parsed as RolloutLine);
    } catch (error) {
      // The last line without its newline is a write the daemon did not finish: expected after a crash.
      if (!complete) continue;
      warnings.push(`${path}:${number}: skipped a corrupt line (${(error as Error).message})`);
    }
  }
  return { lines, warnings };
}
