/**
 * What the model reads after a command: how it ended, how long it took, and its output within a
 * byte budget. Over budget, the head and the tail are kept (the command line and first error; the
 * summary and last error) and a marker in the middle says how much is missing.
 */
import { elisionMarker, utf8Length, utf8Prefix, utf8Suffix } from './head-tail-text.js';
import type { CommandResult } from './run-command.js';

/** Rough bytes per token for budgets given in tokens; English text and code average about four. */
const BYTES_PER_TOKEN = 4;

export function tokensToBytes(maxOutputTokens: number): number {
  return Math.max(0, Math.floor(maxOutputTokens)) * BYTES_PER_TOKEN;
}

export type FormattableResult = Pick<
  CommandResult,
  'exitCode' | 'signal' | 'aggregatedOutput' | 'truncatedBytes' | 'timedOut' | 'aborted' | 'durationMs' | 'spawnError'
>;

export interface FormatOutputOptions {
  /** The most the whole text may take, header included (the header alone is never cut). */
  readonly maxBytes: number;
}

export function formatOutputForModel(result: FormattableResult, { maxBytes }: FormatOutputOptions): string {
  const header = headerLines(result).join('\n');
  if (result.spawnError !== undefined && result.aggregatedOutput === '') return header;
  const prefix = `${header}\nOutput:\n`;
  const budget = Math.max(0, maxBytes - utf8Length(prefix));
  return prefix + clipOutput(result.aggregatedOutput, result.truncatedBytes, budget);
}

function headerLines(result: FormattableResult): string[] {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.spawnError !== undefined) return [`Command did not start: ${result.spawnError}`];
  const lines: string[] = [];
  if (result.timedOut) {
    lines.push(`Command timed out after ${seconds} seconds; it and every process it started were killed.`);
  } else if (result.aborted) {
    lines.push('Command was interrupted before it finished; it and every process it started were killed.');
  }
  lines.push(result.exitCode === null ? `Exit code: none (killed by ${result.signal ?? 'a signal'})` : `Exit code: ${result.exitCode}`);
  lines.push(`Wall time: ${seconds} seconds`);
  return lines;
}

/**
 * Fits `text` into `budget` bytes as head + marker + tail. `text` may already carry the marker from
 * runCommand's own cap (`alreadyDropped` > 0): its head and tail are each half of that cap, so when
 * we cut further the old marker always falls inside the part we drop, and the new marker counts
 * both losses.
 */
function clipOutput(text: string, alreadyDropped: number, budget: number): string {
  const textBytes = utf8Length(text);
  const oldMarkerBytes = alreadyDropped > 0 ? utf8Length(`\n${elisionMarker(alreadyDropped)}\n`) : 0;
  if (textBytes <= budget + oldMarkerBytes) return text;

  const originalBytes = textBytes - oldMarkerBytes + alreadyDropped;
  // The marker's own size depends on the number it shows; the original size bounds that number.
  const markerBytes = utf8Length(`\n${elisionMarker(originalBytes)}\n`);
  const room = Math.max(0, budget - markerBytes);
  const head = utf8Prefix(text, Math.floor(room / 2));
  const tail = utf8Suffix(text, room - utf8Length(head));
  const elided = originalBytes - utf8Length(head) - utf8Length(tail);
  return `${head}\n${elisionMarker(elided)}\n${tail}`;
}
