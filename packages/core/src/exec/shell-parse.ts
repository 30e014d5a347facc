/**
 * A shell script as a flat list of simple commands joined by `&&`, `||`, `;`, `|` and `&`: enough
 * to decide whether a script only reads, and to describe it to the user. Scripts outside the
 * understood subset parse to `undefined` — unknown, hence never "known safe".
 */
import { type Connector, type RedirectionOp, type Token, UnsupportedShell, tokenize } from './shell-lex.js';

export type { Connector, RedirectionOp } from './shell-lex.js';

export interface Redirection {
  /** The descriptor written before the operator (`2>`), or null for the operator's default. */
  readonly fd: number | null;
  readonly op: RedirectionOp;
  /** A file, a descriptor number (`2>&1`), `-` (close), or the here-string's text. */
  readonly target: string;
}

export interface ShellCommand {
  /** `NAME=value` words before the program (or alone). */
  readonly assignments: readonly string[];
  /** The program and its arguments after quote removal; empty for a bare assignment or redirection. */
  readonly argv: readonly string[];
  readonly redirections: readonly Redirection[];
  /** An argument contains an unquoted `*`, `?` or `[`, expanded by the shell against the file system. */
  readonly hasGlob: boolean;
  /** How this command joins the next: null for the last one (a final `;` is dropped, a final `&` kept). */
  readonly next: Connector | null;
  /** The command as written in the script. */
  readonly text: string;
}

export interface ParsedScript {
  readonly commands: readonly ShellCommand[];
}

/** Words that open compound commands: their structure is beyond this parser. */
const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'function',
  'time',
  'coproc',
  '{',
  '}',
  '!',
  '[[',
  ']]',
]);

/** Connectors after which a newline does not end the list. */
const CONTINUING = new Set<Connector>(['&&', '||', '|', '|&']);

/** How deep `bash -c 'bash -c "…"'` is unwrapped. */
const MAX_UNWRAP_DEPTH = 3;

export function parseShellScript(script: string): ParsedScript | undefined {
  return parseAt(script, 0);
}

function parseAt(script: string, depth: number): ParsedScript | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(script);
  } catch (error) {
    if (error instanceof UnsupportedShell) return undefined;
    throw error;
  }
  const commands = parseTokens(script, tokens);
  if (!commands) return undefined;
  const only = commands.length === 1 ? commands[0] : undefined;
  if (only && only.next === null && only.redirections.length === 0 && only.assignments.length === 0) {
    const inner = unwrapShellInvocation(only.argv);
    if (inner !== undefined) return depth < MAX_UNWRAP_DEPTH ? parseAt(inner, depth + 1) : undefined;
  }
  return { commands };
}

interface Draft {
  assignments: string[];
  argv: string[];
  redirections: Redirection[];
  hasGlob: boolean;
  start: number;
  end: number;
}

function parseTokens(script: string, tokens: readonly Token[]): ShellCommand[] | undefined {
  const commands: ShellCommand[] = [];
  let draft: Draft | undefined;
  const finish = (next: Connector | null): void => {
    if (!draft) return;
    const { start, end, ...parts } = draft;
    commands.push({ ...parts, next, text: script.slice(start, end) });
    draft = undefined;
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.kind === 'newline') {
      if (draft) finish(';');
      continue;
    }
    if (token.kind === 'connector') {
      // `&& &&`, a leading `|`: a syntax error in bash too.
      if (!draft) return undefined;
      finish(token.connector);
      continue;
    }
    draft ??= { assignments: [], argv: [], redirections: [], hasGlob: false, start: token.start, end: token.end };
    if (token.kind === 'redirect') {
      const target = tokens[++index];
      if (target?.kind !== 'word') return undefined;
      draft.redirections.push({ fd: token.fd, op: token.op, target: target.value });
      draft.end = target.end;
      continue;
    }
    if (draft.argv.length === 0 && token.assignment) {
      draft.assignments.push(token.value);
    } else {
      if (draft.argv.length === 0 && token.plain && RESERVED.has(token.value)) return undefined;
      draft.argv.push(token.value);
      draft.hasGlob ||= token.glob;
    }
    draft.end = token.end;
  }
  finish(null);

  const last = commands.at(-1);
  if (last?.next && CONTINUING.has(last.next)) return undefined;
  if (last?.next === ';') commands[commands.length - 1] = { ...last, next: null };
  return commands;
}

/** Shells whose `-c` script we read through. */
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash']);

/** Options that may accompany `-c` without changing what the script means to us. */
const HARMLESS_SHELL_FLAGS = /^-[lceux]+$/;
const HARMLESS_SHELL_LONG_FLAGS = new Set(['--login', '--noprofile', '--norc']);

/**
 * The script of `bash -lc '…'`, `sh -c '…'`, `/bin/bash -c '…'`; undefined for anything else,
 * including a `-c` with extra arguments (they become `$0`, `$1`… of the script).
 */
export function unwrapShellInvocation(argv: readonly string[]): string | undefined {
  const [program, ...rest] = argv;
  // A bare name or a system path: `./bash` is whatever the repository put there.
  const name = program?.replace(/^\/(usr\/)?bin\//, '');
  if (name === undefined || !SHELLS.has(name)) return undefined;
  const script = rest.at(-1);
  const flags = rest.slice(0, -1);
  if (script === undefined || flags.length === 0) return undefined;
  for (const flag of flags) {
    if (!HARMLESS_SHELL_LONG_FLAGS.has(flag) && !HARMLESS_SHELL_FLAGS.test(flag)) return undefined;
  }
  // The script must come right after the flag cluster holding `c`.
  return (flags.at(-1) ?? '').includes('c') ? script : undefined;
}

/** The script an argv runs: the inside of a shell invocation, else the words quoted for bash. */
export function scriptFromArgv(argv: readonly string[]): string {
  const inner = unwrapShellInvocation(argv);
  if (inner !== undefined) return inner;
  // In command position `if` is a keyword and `A=1` an assignment; quoted, each is a program name.
  const [program = '', ...args] = argv;
  const mustQuote = RESERVED.has(program) || /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(program);
  const first = mustQuote ? singleQuoted(program) : quoteForShell(program);
  return [first, ...args.map(quoteForShell)].join(' ');
}

/** `word` as bash would need it written to read it back as one word. */
export function quoteForShell(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return singleQuoted(word);
}

function singleQuoted(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
