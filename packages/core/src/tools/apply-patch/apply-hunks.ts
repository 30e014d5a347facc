/**
 * Applies the hunks of one `*** Update File` to the file's text, in memory. Hunks are located in
 * order, each searched for after the previous one's end, so they can neither overlap nor reorder.
 * Every line keeps its own line ending; new lines take the file's dominant one, so a CRLF file
 * stays CRLF and a file without a final newline stays without one.
 */
import { PatchApplyError } from './errors.js';
import { LineMatcher, type LineMatch } from './match-lines.js';
import { type HunkLine, type PatchHunk, oldLinesOf } from './parse-patch.js';

type Eol = '\n' | '\r\n' | '';

interface SplitText {
  readonly lines: string[];
  /** The ending of each line; only the last one can be empty. */
  readonly eols: Eol[];
}

export function splitLines(text: string): SplitText {
  const lines: string[] = [];
  const eols: Eol[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push(text.slice(start));
      eols.push('');
      break;
    }
    const crlf = newline > start && text[newline - 1] === '\r';
    lines.push(text.slice(start, crlf ? newline - 1 : newline));
    eols.push(crlf ? '\r\n' : '\n');
    start = newline + 1;
  }
  return { lines, eols };
}

/** CRLF when most lines end with it, else LF. */
export function dominantEol(eols: readonly Eol[]): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const eol of eols) {
    if (eol === '\r\n') crlf++;
    else if (eol === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

interface Replacement {
  readonly start: number;
  readonly deleteCount: number;
  readonly lines: readonly string[];
}

/**
 * The file's new text after all hunks. Throws `PatchApplyError` naming the hunk that could not be
 * located; `displayPath` is the path as the model wrote it.
 */
export function applyHunks(text: string, hunks: readonly PatchHunk[], displayPath: string): string {
  const { lines, eols } = splitLines(text);
  const replacements = locateHunks(lines, hunks, displayPath);
  const eol = dominantEol(eols);
  for (const { start, deleteCount, lines: added } of replacements.toReversed()) {
    lines.splice(start, deleteCount, ...added);
    eols.splice(start, deleteCount, ...added.map(() => eol));
  }
  const hadFinalNewline = text === '' || text.endsWith('\n');
  let result = '';
  for (let i = 0; i < lines.length; i++) {
    const isLast = i === lines.length - 1;
    const ending = isLast && !hadFinalNewline ? '' : eols[i] || eol;
    result += lines[i] + ending;
  }
  return result;
}

function locateHunks(lines: readonly string[], hunks: readonly PatchHunk[], displayPath: string): Replacement[] {
  const matcher = new LineMatcher(lines);
  const replacements: Replacement[] = [];
  let cursor = 0;
  hunks.forEach((hunk, i) => {
    const where = `hunk ${i + 1} of ${displayPath} (patch line ${hunk.line})`;
    for (const anchor of hunk.anchors) {
      const found = matcher.find([anchor], cursor);
      if (found === undefined) throw anchorNotFound(where, anchor, cursor, displayPath);
      cursor = found.index + 1;
    }
    if (hunk.lines.every((line) => line.kind === 'add')) {
      // A pure addition goes right after its anchors, or at the end of the file without them.
      const start = hunk.anchors.length > 0 && !hunk.isEndOfFile ? cursor : lines.length;
      replacements.push({ start, deleteCount: 0, lines: hunk.lines.map((line) => line.text) });
      cursor = start;
      return;
    }
    const located = locateLines(matcher, hunk, cursor);
    if (located === undefined) throw hunkNotFound(matcher, where, hunk, cursor, displayPath);
    const { index, hunkLines } = located;
    const oldCount = hunkLines.filter((line) => line.kind !== 'add').length;
    replacements.push({ start: index, deleteCount: oldCount, lines: replacementLines(lines, index, hunkLines) });
    cursor = index + oldCount;
  });
  return replacements;
}

/**
 * The lines that replace a located hunk. Context lines keep the file's own text: when the hunk
 * matched loosely, the model's retyped context must not overwrite the file's whitespace or quotes.
 */
function replacementLines(fileLines: readonly string[], start: number, hunkLines: readonly HunkLine[]): string[] {
  const result: string[] = [];
  let position = start;
  for (const line of hunkLines) {
    if (line.kind === 'add') {
      result.push(line.text);
      continue;
    }
    if (line.kind === 'context') result.push(fileLines[position] ?? line.text);
    position++;
  }
  return result;
}

function locateLines(
  matcher: LineMatcher,
  hunk: PatchHunk,
  from: number,
): (LineMatch & { hunkLines: readonly HunkLine[] }) | undefined {
  const atEnd = hunk.isEndOfFile;
  const found = matcher.find(oldLinesOf(hunk), from, { atEnd });
  if (found) return { ...found, hunkLines: hunk.lines };
  // Models often close a hunk with a blank context line that stands for the file's final newline.
  const last = hunk.lines.at(-1);
  if (last?.kind === 'context' && last.text === '') {
    const trimmed = { ...hunk, lines: hunk.lines.slice(0, -1) };
    const oldLines = oldLinesOf(trimmed);
    const retry = oldLines.length > 0 ? matcher.find(oldLines, from, { atEnd }) : undefined;
    if (retry) return { ...retry, hunkLines: trimmed.lines };
  }
  return undefined;
}

const QUOTED_LINES = 6;

function quoteLines(lines: readonly string[]): string {
  const shown = lines.slice(0, QUOTED_LINES).map((line) => `    ${line}`);
  if (lines.length > QUOTED_LINES) shown.push(`    … (${lines.length - QUOTED_LINES} more lines)`);
  return shown.join('\n');
}

function retryAdvice(displayPath: string): string {
  return (
    `Re-read ${displayPath} and retry with context and "-" lines copied exactly from its current contents. ` +
    'Nothing was changed.'
  );
}

function anchorNotFound(where: string, anchor: string, cursor: number, displayPath: string): PatchApplyError {
  return new PatchApplyError(
    `could not find the "@@ ${anchor}" line of ${where}, searching from line ${cursor + 1}. ` +
      `An "@@" line must repeat a line of the file exactly (e.g. the enclosing function's signature). ` +
      retryAdvice(displayPath),
  );
}

function hunkNotFound(
  matcher: LineMatcher,
  where: string,
  hunk: PatchHunk,
  cursor: number,
  displayPath: string,
): PatchApplyError {
  const oldLines = oldLinesOf(hunk);
  const expected = `It expects these lines (context and "-" lines):\n${quoteLines(oldLines)}\n`;
  let hint = '';
  const anywhere = matcher.find(oldLines, 0);
  if (hunk.isEndOfFile && anywhere !== undefined && anywhere.index >= cursor) {
    hint =
      `They occur at line ${anywhere.index + 1}, but the hunk is marked "*** End of File" ` +
      `and they are not the file's last lines. `;
  } else if (anywhere !== undefined && anywhere.index < cursor) {
    hint =
      `They occur at line ${anywhere.index + 1}, before the end of the previous hunk or anchor (line ${cursor}): ` +
      `hunks must be in file order and must not overlap. `;
  }
  const scope = hunk.isEndOfFile ? 'at the end of the file' : `from line ${cursor + 1} on`;
  return new PatchApplyError(
    `could not find ${where} ${scope}. ${expected}${hint}${retryAdvice(displayPath)}`,
  );
}
