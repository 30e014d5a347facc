/**
 * Tokens of the bash subset models write: words (quotes and backslashes removed), control operators
 * and redirections. Anything whose meaning depends on running the shell — expansions, substitutions,
 * subshells, here-documents — throws `UnsupportedShell`: callers must then treat the script as
 * opaque (and unsafe), never guess.
 */

export class UnsupportedShell extends Error {
  override readonly name = 'UnsupportedShell';
}

export type Connector = '&&' | '||' | ';' | '|' | '|&' | '&';

export type RedirectionOp = '>' | '>>' | '>|' | '<' | '<>' | '<<<' | '>&' | '<&' | '&>' | '&>>';

export type Token =
  | WordToken
  | { readonly kind: 'connector'; readonly connector: Connector; readonly start: number; readonly end: number }
  | { readonly kind: 'redirect'; readonly fd: number | null; readonly op: RedirectionOp; readonly start: number; readonly end: number }
  | { readonly kind: 'newline'; readonly start: number; readonly end: number };

export interface WordToken {
  readonly kind: 'word';
  /** The word after quote removal. */
  readonly value: string;
  /** Contains an unquoted `*`, `?` or `[`, which the shell expands against the file system. */
  readonly glob: boolean;
  /** Written as `NAME=value` (or `NAME+=value`) with the name unquoted. */
  readonly assignment: boolean;
  /** No character of it was quoted or escaped (reserved words are recognised only then). */
  readonly plain: boolean;
  readonly start: number;
  readonly end: number;
}

/** Characters that end an unquoted word. */
const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** A `$` followed by one of these starts an expansion. */
const EXPANSION_START = /[A-Za-z0-9_{(['"@*#?$!-]/;

/** `{a,b}` and `{1..3}` outside quotes: brace expansion, which can turn one word into several. */
const BRACE_EXPANSION = /\{[^{}\0]*(,|\.\.)[^{}\0]*\}/;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Marks a quoted character in a word's shape. */
const QUOTED = '\0';

export function tokenize(script: string): Token[] {
  return new Lexer(script).tokens();
}

class Lexer {
  readonly #s: string;
  #i = 0;

  constructor(script: string) {
    this.#s = script;
  }

  tokens(): Token[] {
    const tokens: Token[] = [];
    const s = this.#s;
    while (this.#i < s.length) {
      const c = s[this.#i];
      const start = this.#i;
      // Only space and tab separate words: bash reads a carriage return as part of the word.
      if (c === ' ' || c === '\t') {
        this.#i++;
      } else if (c === '\\' && s[this.#i + 1] === '\n') {
        this.#i += 2;
      } else if (c === '\n') {
        this.#i++;
        tokens.push({ kind: 'newline', start, end: this.#i });
      } else if (c === '#') {
        while (this.#i < s.length && s[this.#i] !== '\n') this.#i++;
      } else if (c === '(' || c === ')') {
        throw new UnsupportedShell(`subshells, groups and function definitions (\`${c}\`)`);
      } else if (c === '<' || c === '>') {
        tokens.push(this.#redirect(null, start));
      } else if (c === '&' || c === '|' || c === ';') {
        tokens.push(this.#operator(start));
      } else {
        tokens.push(this.#word(start, tokens));
      }
    }
    return tokens;
  }

  #operator(start: number): Token {
    const s = this.#s;
    const two = s.slice(start, start + 2);
    const connector = (value: Connector): Token => {
      this.#i = start + value.length;
      return { kind: 'connector', connector: value, start, end: this.#i };
    };
    if (two === '&&' || two === '||' || two === '|&') return connector(two);
    if (two === '&>') return this.#redirect(null, start);
    if (two === ';;' || two === ';&') throw new UnsupportedShell('case clauses');
    return connector(s[start] as Connector);
  }

  /** A redirection operator at the cursor (after its `fd`, if one was written). */
  #redirect(fd: number | null, start: number): Token {
    const s = this.#s;
    const at = this.#i;
    const ops: RedirectionOp[] = ['&>>', '&>', '<<<', '<>', '<&', '>>', '>|', '>&', '<', '>'];
    if (s.startsWith('<<', at) && !s.startsWith('<<<', at)) throw new UnsupportedShell('here-documents');
    if (s.startsWith('<(', at) || s.startsWith('>(', at)) throw new UnsupportedShell('process substitution');
    const op = ops.find((candidate) => s.startsWith(candidate, at));
    if (!op || (fd !== null && op.startsWith('&'))) throw new UnsupportedShell(`redirection at ${at}`);
    this.#i = at + op.length;
    return { kind: 'redirect', fd, op, start, end: this.#i };
  }

  #word(start: number, tokens: Token[]): Token {
    const s = this.#s;
    let value = '';
    // The word with every quoted character replaced by QUOTED: what the shell itself looks at.
    let shape = '';
    while (this.#i < s.length) {
      const c = s[this.#i] as string;
      if (WORD_BREAK.has(c)) break;
      if (c === '\\') {
        const next = s[this.#i + 1];
        if (next === undefined) throw new UnsupportedShell('a trailing backslash');
        this.#i += 2;
        if (next === '\n') continue;
        value += next;
        shape += QUOTED;
      } else if (c === "'") {
        const close = s.indexOf("'", this.#i + 1);
        if (close < 0) throw new UnsupportedShell('an unterminated single quote');
        const quoted = s.slice(this.#i + 1, close);
        value += quoted;
        shape += QUOTED.repeat(quoted.length);
        this.#i = close + 1;
      } else if (c === '"') {
        const quoted = this.#doubleQuoted();
        value += quoted;
        shape += QUOTED.repeat(quoted.length);
      } else if (c === '`') {
        throw new UnsupportedShell('command substitution (backticks)');
      } else if (c === '$' && EXPANSION_START.test(s[this.#i + 1] ?? '')) {
        throw new UnsupportedShell('parameter expansion or substitution (`$`)');
      } else {
        value += c;
        shape += c;
        this.#i++;
      }
    }

    const next = s[this.#i];
    if ((next === '<' || next === '>') && /^[0-9]+$/.test(shape)) return this.#redirect(Number(shape), start);
    if (next === '(') throw new UnsupportedShell('function definitions, arrays and extended globs');
    if (BRACE_EXPANSION.test(shape)) throw new UnsupportedShell('brace expansion');
    const previous = tokens.at(-1);
    // Pathname expansion does not apply to a redirection target in the common case; keep it simple.
    const glob = /[*?[]/.test(shape) && previous?.kind !== 'redirect';
    return {
      kind: 'word',
      value,
      glob,
      assignment: ASSIGNMENT.test(shape),
      plain: !shape.includes(QUOTED),
      start,
      end: this.#i,
    };
  }

  /** The inside of "…" at the cursor, without expansions (those throw). */
  #doubleQuoted(): string {
    const s = this.#s;
    let value = '';
    this.#i++;
    while (this.#i < s.length) {
      const c = s[this.#i] as string;
      if (c === '"') {
        this.#i++;
        return value;
      }
      if (c === '\\') {
        const next = s[this.#i + 1];
        this.#i += 2;
        if (next === '\n') continue;
        // Inside double quotes a backslash escapes only these; elsewhere it stays.
        value += next !== undefined && '$`"\\'.includes(next) ? next : `\\${next ?? ''}`;
        continue;
      }
      if (c === '`') throw new UnsupportedShell('command substitution (backticks)');
      // `$'` and `$"` mean nothing special inside double quotes.
      const after = s[this.#i + 1] ?? '';
      if (c === '$' && EXPANSION_START.test(after) && after !== '"' && after !== "'") {
        throw new UnsupportedShell('parameter expansion or substitution (`$`)');
      }
      value += c;
      this.#i++;
    }
    throw new UnsupportedShell('an unterminated double quote');
  }
}
