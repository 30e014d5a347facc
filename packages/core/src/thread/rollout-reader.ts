/**
 * Reads a rollout file back. A torn last line (the daemon died mid-write) is ignored; a corrupt
 * line anywhere else is skipped with a warning. Reading never throws for bad content.
 */
import { open } from 'node:fs/promises';
import type { RolloutLine } from './rollout-record.js';

export interface RolloutContents {
  readonly lines: RolloutLine[];
  /** One message per line that could not be read. */
  readonly warnings: string[];
}

export async function readRollout(path: string): Promise<RolloutContents> {
  return parseRollout(await readText(path), path);
}

/**
 * A file's text, read in one piece and decoded once: `readFile(path, 'utf8')` reads 512 KB at a
 * time (a trip to the thread pool each) and builds the string piecewise, much slower on 10 MB.
 */
export async function readText(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    // One read of the whole file: readFile reads in 512 KB pieces, a trip to the thread pool each.
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.toString('utf8', 0, filled);
  } finally {
    await handle.close();
  }
}

export function parseRollout(text: string, path = 'rollout'): RolloutContents {
  const lines: RolloutLine[] = [];
  const warnings: string[] = [];
  const raw = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index] as string;
    if (line.length === 0 || (line.length < 8 && line.trim() === '')) continue;
    const isLast = index === raw.length - 1;
    try {
      const parsed = JSON.parse(line) as Partial<RolloutLine>;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.type !== 'string' || !('payload' in parsed)) {
        throw new Error('not a rollout record');
      }
      lines.push(parsed as RolloutLine);
    } catch (error) {
      // The last line without its newline is a write the daemon did not finish: expected after a crash.
      if (isLast && !endsCleanly) continue;
      warnings.push(`${path}:${index + 1}: skipped a corrupt line (${(error as Error).message})`);
    }
  }
  return { lines, warnings };
}
