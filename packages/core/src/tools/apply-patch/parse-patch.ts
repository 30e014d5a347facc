/**
 * Parses the `apply_patch` format:
 *
 *     *** Begin Patch
 *     *** Add File: <path>        followed by `+` lines, the whole new file
 *     *** Delete File: <path>
 *     *** Update File: <path>     optionally `*** Move to: <path>`, then hunks:
 *     @@ [anchor]                 zero or more anchor lines narrowing where the hunk is
 *     ␠context / -removed / +added
 *     *** End of File             optional: the hunk must match at the end of the file
 *     *** End Patch
 *
 * The parser is lenient where models commonly slip (see `unwrapPatch` and the notes below) and
 * strict everywhere else: a line it cannot place is an error naming that line, never a guess.
 */
import { PatchParseError } from './errors.js';

export interface HunkLine {
  /** ` ` context (kept), `-` removed, `+` added. */
  readonly kind: 'context' | 'remove' | 'add';
  /** The line without its prefix. */
  readonly text: string;
}

export interface PatchHunk {
  /** Text after `@@` on the hunk's header lines; each one narrows where the hunk is searched for. */
  readonly anchors: readonly string[];
  readonly lines: readonly HunkLine[];
  /** `*** End of File` followed the hunk: it must match at the very end of the file. */
  readonly isEndOfFile: boolean;
  /** 1-based line of the patch text where the hunk starts, for error messages. */
  readonly line: number;
}

export type PatchOperation =
  | { readonly kind: 'add'; readonly path: string; readonly contents: string; readonly line: number }
  | { readonly kind: 'delete'; readonly path: string; readonly line: number }
  | {
      readonly kind: 'update';
      readonly path: string;
      readonly movePath?: string;
      readonly hunks: readonly PatchHunk[];
      readonly line: number;
    };

/** Context and removed lines, in order: what the file must contain where the hunk applies. */
export function oldLinesOf(hunk: PatchHunk): string[] {
  return hunk.lines.filter((line) => line.kind !== 'add').map((line) => line.text);
}

export interface ParsedPatch {
  readonly operations: readonly PatchOperation[];
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File:';
const DELETE = '*** Delete File:';
const UPDATE = '*** Update File:';
const MOVE = '*** Move to:';
const END_OF_FILE = '*** End of File';

/** `@@ -12,7 +12,8 @@ def f():` — a git-style header; the numbers are ignored, the tail is an anchor. */
const GIT_HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@(.*)$/;
/** `apply_patch <<'EOF'`, `cat <<-"PATCH" | apply_patch`, …: a heredoc's opening line and delimiter. */
const HEREDOC_OPENER = /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/;
const LINE_KINDS: Readonly<Record<string, HunkLine['kind']>> = { ' ': 'context', '-': 'remove', '+': 'add' };
/** A model sometimes writes the command it would have run on a line of its own. */
const COMMAND = /^(?:apply_patch|applypatch)$/;
const FENCE = /^(?:```|~~~)[\w+-]*$/;

export function parsePatch(text: string): ParsedPatch {
  const lines = text.split(/\r?\n/);
  const { begin, end } = unwrapPatch(lines);
  return { operations: new OperationReader(lines, begin + 1, end).readAll() };
}

/**
 * Finds the `*** Begin Patch` / `*** End Patch` lines. Outside them only blank lines and the
 * wrappers a model tends to add are accepted: a heredoc (`apply_patch <<'EOF'` … `EOF`) and
 * Markdown fences, in any nesting. Anything else is reported rather than silently ignored, so a
 * patch is never applied from a message that says something else too.
 */
function unwrapPatch(lines: readonly string[]): { begin: number; end: number } {
  const begin = lines.findIndex((line) => line.trim() === BEGIN);
  if (begin === -1) {
    const first = lines.findIndex((line) => line.trim() !== '');
    throw new PatchParseError(first === -1 ? 1 : first + 1, `the patch must start with "${BEGIN}".`);
  }
  const closers = new Set<string>();
  for (let i = 0; i < begin; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const heredoc = HEREDOC_OPENER.exec(line);
    if (heredoc?.[2] !== undefined) {
      closers.add(heredoc[2]);
    } else if (FENCE.test(line)) {
      closers.add(line.slice(0, 3));
    } else if (!COMMAND.test(line)) {
      throw new PatchParseError(i + 1, `unexpected text before "${BEGIN}": the input must be the patch alone.`);
    }
  }
  // The last one: a hunk may well carry the marker as a context line (" *** End Patch").
  const end = lines.findLastIndex((line) => line.trim() === END);
  if (end <= begin) {
    const lastText = lines.findLastIndex((line) => line.trim() !== '');
    throw new PatchParseError(
      lastText + 2,
      `the patch has no "${END}" line; it may have been cut off. Send the whole patch, ending with "${END}".`,
    );
  }
  for (let i = end + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || closers.has(line)) continue;
    throw new PatchParseError(i + 1, `unexpected text after "${END}": the input must be the patch alone.`);
  }
  return { begin, end };
}

function isFileMarker(trimmed: string): boolean {
  return trimmed.startsWith(ADD) || trimmed.startsWith(DELETE) || trimmed.startsWith(UPDATE);
}

function isHunkHeader(trimmed: string): boolean {
  return trimmed === '@@' || trimmed.startsWith('@@ ');
}

/** The anchor of a hunk header line, or undefined when the header carries none. */
function hunkAnchor(trimmed: string): string | undefined {
  const git = GIT_HUNK_HEADER.exec(trimmed);
  const anchor = (git ? (git[1] ?? '') : trimmed.slice(2)).trim();
  return anchor === '' ? undefined : anchor;
}

/** A hunk being collected; `pendingBlanks` are blank lines whose fate depends on what follows. */
interface HunkBuilder {
  readonly anchors: string[];
  readonly lines: HunkLine[];
  readonly line: number;
  pendingBlanks: number;
}

/** Reads the operations between `*** Begin Patch` and `*** End Patch`. */
class OperationReader {
  readonly #lines: readonly string[];
  readonly #end: number;
  #index: number;

  constructor(lines: readonly string[], start: number, end: number) {
    this.#lines = lines;
    this.#index = start;
    this.#end = end;
  }

  readAll(): PatchOperation[] {
    const operations: PatchOperation[] = [];
    while (this.#skipBlankLines()) {
      const trimmed = this.#trimmed();
      if (trimmed.startsWith(ADD)) operations.push(this.#readAdd());
      else if (trimmed.startsWith(DELETE)) operations.push(this.#readDelete());
      else if (trimmed.startsWith(UPDATE)) operations.push(this.#readUpdate());
      else {
        throw this.#error(
          `expected "${ADD} <path>", "${DELETE} <path>" or "${UPDATE} <path>", got ${quote(trimmed)}.`,
        );
      }
    }
    if (operations.length === 0) throw this.#error('the patch contains no file operations.');
    return operations;
  }

  #readAdd(): PatchOperation {
    const line = this.#lineNumber();
    const path = this.#readPath(ADD);
    const contents: string[] = [];
    let pendingBlanks = 0;
    for (; this.#index < this.#end && !isFileMarker(this.#trimmed()); this.#index++) {
      const text = this.#current();
      if (text.startsWith('+')) {
        // A blank line between `+` lines is almost always a `+` the model forgot; at the end of the
        // section it is just spacing before the next marker.
        for (; pendingBlanks > 0; pendingBlanks--) contents.push('');
        contents.push(text.slice(1));
      } else if (text.trim() === '') {
        pendingBlanks++;
      } else {
        throw this.#error(`every line of a new file must start with "+", got ${quote(text)} (in ${ADD} ${path}).`);
      }
    }
    return { kind: 'add', path, contents: contents.map((text) => `${text}\n`).join(''), line };
  }

  #readDelete(): PatchOperation {
    const line = this.#lineNumber();
    const path = this.#readPath(DELETE);
    return { kind: 'delete', path, line };
  }

  #readUpdate(): PatchOperation {
    const line = this.#lineNumber();
    const path = this.#readPath(UPDATE);
    let movePath: string | undefined;
    if (this.#skipBlankLines() && this.#trimmed().startsWith(MOVE)) movePath = this.#readPath(MOVE);
    const hunks = this.#readHunks(path);
    if (hunks.length === 0 && movePath === undefined) {
      throw new PatchParseError(line, `"${UPDATE} ${path}" has no hunks; add at least one "@@" hunk.`);
    }
    if (movePath === undefined) return { kind: 'update', path, hunks, line };
    return { kind: 'update', path, movePath, hunks, line };
  }

  #readHunks(path: string): PatchHunk[] {
    const hunks: PatchHunk[] = [];
    let hunk: HunkBuilder | undefined;
    const finish = (isEndOfFile: boolean): void => {
      if (hunk === undefined) return;
      if (hunk.lines.length === 0) {
        throw new PatchParseError(hunk.line, `a hunk of ${path} has no lines; give its context, "-" and "+" lines.`);
      }
      const { anchors, lines, line } = hunk;
      hunks.push({ anchors, lines, isEndOfFile, line });
      hunk = undefined;
    };
    for (; this.#index < this.#end && !isFileMarker(this.#trimmed()); this.#index++) {
      const text = this.#current();
      const trimmed = text.trim();
      if (isHunkHeader(trimmed)) {
        const anchor = hunkAnchor(trimmed);
        // Consecutive headers belong to one hunk and narrow its position step by step.
        if (hunk === undefined || hunk.lines.length > 0) {
          finish(false);
          hunk = { anchors: [], lines: [], line: this.#lineNumber(), pendingBlanks: 0 };
        }
        if (anchor !== undefined) hunk.anchors.push(anchor);
        continue;
      }
      if (trimmed === END_OF_FILE) {
        if (hunk === undefined || hunk.lines.length === 0) {
          throw this.#error(`"${END_OF_FILE}" must follow the lines of a hunk.`);
        }
        finish(true);
        continue;
      }
      if (trimmed.startsWith(MOVE)) {
        throw this.#error(`"${MOVE}" must come right after "${UPDATE} ${path}", before the first hunk.`);
      }
      if (hunk === undefined) {
        // The first hunk may omit its `@@` line; later ones may not, or the split would be a guess.
        if (hunks.length > 0) throw this.#error(`expected "@@" to start the next hunk of ${path}, got ${quote(text)}.`);
        hunk = { anchors: [], lines: [], line: this.#lineNumber(), pendingBlanks: 0 };
      }
      this.#addHunkLine(hunk, text, path);
    }
    // Blank lines closing the last hunk are spacing, not context.
    finish(false);
    return hunks;
  }

  #addHunkLine(hunk: HunkBuilder, text: string, path: string): void {
    if (text.trim() === '' && !text.startsWith(' ')) {
      // A blank context line whose leading space was lost, or spacing before the next marker:
      // decided by whether another hunk line follows.
      hunk.pendingBlanks++;
      return;
    }
    for (; hunk.pendingBlanks > 0; hunk.pendingBlanks--) hunk.lines.push({ kind: 'context', text: '' });
    const kind = LINE_KINDS[text[0] ?? ''];
    if (kind === undefined) {
      throw this.#error(
        `every hunk line must start with " " (context), "-" (remove) or "+" (add), ` +
          `got ${quote(text)} (in ${UPDATE} ${path}).`,
      );
    }
    hunk.lines.push({ kind, text: text.slice(1) });
  }

  /** Reads the path after a marker on the current line and moves to the next line. */
  #readPath(marker: string): string {
    const path = this.#trimmed().slice(marker.length).trim();
    if (path === '') throw this.#error(`"${marker}" needs a path.`);
    this.#index++;
    return path;
  }

  /** Moves past blank lines; false when the operations have ended. */
  #skipBlankLines(): boolean {
    while (this.#index < this.#end && this.#trimmed() === '') this.#index++;
    return this.#index < this.#end;
  }

  #current(): string {
    return this.#lines[this.#index] ?? '';
  }

  #trimmed(): string {
    return this.#current().trim();
  }

  #lineNumber(): number {
    return this.#index + 1;
  }

  #error(detail: string): PatchParseError {
    return new PatchParseError(this.#lineNumber(), detail);
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
