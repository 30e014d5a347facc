/**
 * Unified diffs in the shape `diff -u` (GNU diffutils) prints them: `--- a/path` / `+++ b/path`
 * headers, hunks with three lines of context, changes closer than twice the context merged into one
 * hunk, `-l,c +l,c` ranges (`,1` omitted, an empty range numbered from the line before it), and
 * `\ No newline at end of file` after a last line that lacks one.
 */
import { diffLines } from './myers-diff.js';

const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';
const DEV_NULL = '/dev/null';

/** One side of the diff: its lines, and whether the last one lacks a newline. */
interface Side {
  readonly lines: readonly string[];
  readonly missingFinalNewline: boolean;
}

/** A run of changed lines: `a[a0, a1)` replaced by `b[b0, b1)`. */
interface Change {
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
}

/**
 * The diff from `oldText` to `newText`, or '' when they are equal. Paths are labelled `a/…` and
 * `b/…`, except `/dev/null` (for added and deleted files, diffed against empty text).
 */
export function unifiedDiff(oldText: string, newText: string, oldPath: string, newPath: string): string {
  if (oldText === newText) return '';
  const a = splitSide(oldText);
  const b = splitSide(newText);
  const changes = findChanges(a, b);
  let out = `--- ${label('a', oldPath)}\n+++ ${label('b', newPath)}\n`;
  for (const group of groupIntoHunks(changes)) out += formatHunk(group, a, b);
  return out;
}

function label(prefix: string, path: string): string {
  return path === DEV_NULL ? path : `${prefix}/${path}`;
}

function splitSide(text: string): Side {
  if (text === '') return { lines: [], missingFinalNewline: false };
  const lines = text.split('\n');
  const missingFinalNewline = lines.at(-1) !== '';
  if (!missingFinalNewline) lines.pop();
  return { lines, missingFinalNewline };
}

/** Lines are compared with their newline, so `x` at the end without one differs from `x\n`. */
function comparisonKeys(side: Side): string[] {
  return side.lines.map((line, i) => (i === side.lines.length - 1 && side.missingFinalNewline ? line : `${line}\n`));
}

function findChanges(a: Side, b: Side): Change[] {
  const { deleted, inserted } = diffLines(comparisonKeys(a), comparisonKeys(b));
  const changes: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < a.lines.length || j < b.lines.length) {
    if (i < a.lines.length && j < b.lines.length && !deleted[i] && !inserted[j]) {
      i++;
      j++;
      continue;
    }
    const a0 = i;
    const b0 = j;
    while (i < a.lines.length && deleted[i]) i++;
    while (j < b.lines.length && inserted[j]) j++;
    changes.push({ a0, a1: i, b0, b1: j });
  }
  return changes;
}

/** Changes separated by at most twice the context share a hunk, as their contexts would touch. */
function groupIntoHunks(changes: readonly Change[]): Change[][] {
  const groups: Change[][] = [];
  for (const change of changes) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    if (group && previous && change.a0 - previous.a1 <= 2 * CONTEXT) group.push(change);
    else groups.push([change]);
  }
  return groups;
}

function formatHunk(group: readonly Change[], a: Side, b: Side): string {
  const first = group[0];
  const last = group.at(-1);
  if (first === undefined || last === undefined) return '';
  const aStart = Math.max(0, first.a0 - CONTEXT);
  const bStart = first.b0 - (first.a0 - aStart);
  const aEnd = Math.min(a.lines.length, last.a1 + CONTEXT);
  const bEnd = last.b1 + (aEnd - last.a1);

  const body: string[] = [];
  const emit = (prefix: string, side: Side, index: number): void => {
    body.push(`${prefix}${side.lines[index] ?? ''}`);
    if (index === side.lines.length - 1 && side.missingFinalNewline) body.push(NO_NEWLINE);
  };
  // A context line without a final newline is the last line of both files: the comparison keys
  // make it match nothing else. So printing it from `a` prints the marker once, as diff does.
  const emitContext = (from: number, to: number): void => {
    for (let i = from; i < to; i++) emit(' ', a, i);
  };

  let cursor = aStart;
  for (const change of group) {
    emitContext(cursor, change.a0);
    for (let i = change.a0; i < change.a1; i++) emit('-', a, i);
    for (let j = change.b0; j < change.b1; j++) emit('+', b, j);
    cursor = change.a1;
  }
  emitContext(cursor, aEnd);
  return `@@ -${range(aStart, aEnd - aStart)} +${range(bStart, bEnd - bStart)} @@\n${body.join('\n')}\n`;
}

/** `start,count` as diff prints it: 1-based, `,1` left out, an empty range named by the line before. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  if (count === 1) return `${start + 1}`;
  return `${start + 1},${count}`;
}
