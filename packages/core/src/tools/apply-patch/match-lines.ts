/**
 * Finds a run of lines in a file, tolerating the differences models introduce when they retype
 * code: trailing whitespace, indentation, and typographic punctuation (a model may "correct"
 * `--` into an en dash or straight quotes into curly ones, or the file may hold the curly ones).
 * Each level is tried over the whole search range before the next, looser one, so a looser match
 * never wins over a stricter one further down the file.
 */

/** How loosely lines are compared, strictest first. */
export type MatchLevel = 'exact' | 'trim-end' | 'trim' | 'unicode';

export const MATCH_LEVELS: readonly MatchLevel[] = ['exact', 'trim-end', 'trim', 'unicode'];

const PUNCTUATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B]/g, "'"],
  [/[\u201C\u201D\u201E\u201F]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
];

/** Typographic quotes, dashes, ellipsis and Unicode spaces turned into their ASCII counterparts. */
export function asciiPunctuation(line: string): string {
  let result = line;
  for (const [pattern, replacement] of PUNCTUATION) result = result.replace(pattern, replacement);
  return result;
}

export function normalizeLine(line: string, level: MatchLevel): string {
  switch (level) {
    case 'exact':
      return line;
    case 'trim-end':
      return line.trimEnd();
    case 'trim':
      return line.trim();
    case 'unicode':
      return asciiPunctuation(line).trim();
  }
}

export interface LineMatch {
  /** 0-based index of the first matched line. */
  readonly index: number;
  readonly level: MatchLevel;
}

/**
 * The lines of one file, with their normalised forms computed once per level: a patch with many
 * hunks against a long file searches the same lines repeatedly.
 */
export class LineMatcher {
  readonly #lines: readonly string[];
  readonly #normalized = new Map<MatchLevel, readonly string[]>();

  constructor(lines: readonly string[]) {
    this.#lines = lines;
  }

  /**
   * The first position at or after `from` where `needle` occurs, at the strictest level that finds
   * one. With `atEnd`, only the position that ends at the last line counts.
   */
  find(needle: readonly string[], from: number, options: { atEnd?: boolean } = {}): LineMatch | undefined {
    const last = this.#lines.length - needle.length;
    const first = options.atEnd ? Math.max(from, last) : from;
    if (first > last) return undefined;
    for (const level of MATCH_LEVELS) {
      const lines = this.#linesAt(level);
      const wanted = needle.map((line) => normalizeLine(line, level));
      for (let index = first; index <= last; index++) {
        if (matchesAt(lines, wanted, index)) return { index, level };
      }
    }
    return undefined;
  }

  #linesAt(level: MatchLevel): readonly string[] {
    let lines = this.#normalized.get(level);
    if (lines === undefined) {
      lines = level === 'exact' ? this.#lines : this.#lines.map((line) => normalizeLine(line, level));
      this.#normalized.set(level, lines);
    }
    return lines;
  }
}

function matchesAt(lines: readonly string[], wanted: readonly string[], index: number): boolean {
  for (let offset = 0; offset < wanted.length; offset++) {
    if (lines[index + offset] !== wanted[offset]) return false;
  }
  return true;
}
