/**
 * What a command does, in the terms a UI shows: "Read README.md", "Search `TODO` in src", "List
 * files". One action per command of a `&&` / `;` / `|` sequence, minus the scaffolding (`cd`, `echo`,
 * a `| head` that trims another command's output) when there is something more telling to show.
 */
import { posix } from 'node:path';
import { GIT_GREP_ARGS, GIT_LS_FILES_ARGS, GREP_ARGS, LS_ARGS, RG_ARGS, TREE_ARGS, words } from './argument-specs.js';
import { type ArgSpec, operandsOf, optionsOf, scanArgs } from './scan-args.js';
import { sedPrintFiles } from './sed-print.js';
import { type ShellCommand, parseShellScript } from './shell-parse.js';

export type CommandAction =
  | { type: 'read'; command: string; name: string; path: string }
  | { type: 'listFiles'; command: string; path: string | null }
  | { type: 'search'; command: string; query: string | null; path: string | null }
  | { type: 'unknown'; command: string };

/** An action, or scaffolding that is shown only when nothing else is. */
type Described = CommandAction | { type: 'trivial'; command: string };

export function describeCommand(script: string): CommandAction[] {
  const parsed = parseShellScript(script);
  if (!parsed || parsed.commands.length === 0) return [{ type: 'unknown', command: script.trim() }];
  // Where earlier `cd`s led, relative to the command's working directory (undefined: still there).
  let directory: string | undefined;
  let previous: string | undefined;
  const described: Described[] = [];
  parsed.commands.forEach((command, index) => {
    const readsPipe = index > 0 && isPipe(parsed.commands[index - 1]?.next);
    described.push(describeOne(command, readsPipe, directory));
    const [program, target] = command.argv;
    // `cd` inside a pipeline runs in a subshell and changes nothing after it.
    if (program !== 'cd' || isPipe(command.next) || readsPipe) return;
    [directory, previous] = [target === '-' ? previous : target === undefined ? '~' : within(directory, target), directory];
  });
  const telling = described.filter((action): action is CommandAction => action.type !== 'trivial');
  if (telling.length > 0) return telling;
  return described.map((action) => ({ type: 'unknown', command: action.command }));
}

function isPipe(connector: ShellCommand['next'] | undefined): boolean {
  return connector === '|' || connector === '|&';
}

/** `path` as seen from the directory a preceding `cd` moved to. */
function within(directory: string | undefined, path: string): string {
  return directory === undefined || posix.isAbsolute(path) || path.startsWith('~') ? path : posix.join(directory, path);
}

/** Programs that reshape output; reading a pipe, they say nothing about what the script is for. */
const FORMATTERS = new Set(words('head tail wc sort uniq cut tr column nl cat sed grep egrep fgrep rg awk less more'));

const SCAFFOLDING = new Set(['cd', 'echo', 'printf', 'true', 'false', 'pwd', ':']);

const READ_SPECS: Readonly<Record<string, ArgSpec>> = {
  cat: {},
  bat: { shortWithValue: 'lrmH', longWithValue: ['language', 'line-range', 'highlight-line', 'style', 'theme'] },
  less: {},
  more: {},
  nl: { shortWithValue: 'bdfhilnsvw' },
  head: { shortWithValue: 'nc', longWithValue: ['lines', 'bytes'] },
  tail: { shortWithValue: 'ncs', longWithValue: ['lines', 'bytes', 'pid', 'sleep-interval', 'max-unchanged-stats'] },
};

function describeOne(command: ShellCommand, readsPipe: boolean, directory: string | undefined): Described {
  const text = command.text;
  const [program, ...args] = command.argv;
  if (program === undefined) return { type: 'unknown', command: text };
  if (SCAFFOLDING.has(program)) return { type: 'trivial', command: text };
  const described = describeProgram(program, args, text, directory);
  if (described.type === 'unknown' && readsPipe && FORMATTERS.has(program)) return { type: 'trivial', command: text };
  // `ps aux | grep node` filters output; it searches no file.
  if (described.type === 'search' && described.path === null) {
    if (readsPipe) return { type: 'trivial', command: text };
    return { ...described, path: directory ?? null };
  }
  return described;
}

function describeProgram(program: string, args: readonly string[], command: string, directory: string | undefined): CommandAction {
  const readSpec = Object.hasOwn(READ_SPECS, program) ? READ_SPECS[program] : undefined;
  if (readSpec) return readOf(command, operandsOf(scanArgs(withoutCountShorthand(args), readSpec)), directory);
  switch (program) {
    case 'sed': {
      const files = sedPrintFiles(args);
      return files ? readOf(command, files, directory) : { type: 'unknown', command };
    }
    case 'ls':
      return listing(command, operandsOf(scanArgs(args, LS_ARGS)), directory);
    case 'tree':
      return listing(command, operandsOf(scanArgs(args, TREE_ARGS)), directory);
    case 'find':
      return describeFind(args, command, directory);
    case 'grep':
    case 'egrep':
    case 'fgrep':
      return searchOf(command, scanArgs(args, GREP_ARGS), directory);
    case 'rg': {
      const scanned = scanArgs(args, RG_ARGS);
      if (optionsOf(scanned).some((option) => option.name === '--files')) return listing(command, operandsOf(scanned), directory);
      return searchOf(command, scanned, directory);
    }
    case 'git':
      return describeGit(args, command, directory);
    default:
      return { type: 'unknown', command };
  }
}

/** `head -20 file` means `head -n 20 file`. */
function withoutCountShorthand(args: readonly string[]): readonly string[] {
  return args.filter((arg) => !/^-[0-9]+$/.test(arg));
}

function readOf(command: string, operands: readonly string[], directory: string | undefined): CommandAction {
  const [file, ...more] = operands;
  if (file === undefined || file === '-' || more.length > 0) return { type: 'unknown', command };
  const path = within(directory, file);
  return { type: 'read', command, name: posix.basename(file), path };
}

function listing(command: string, operands: readonly string[], directory: string | undefined): CommandAction {
  const [first, ...more] = operands;
  if (first === undefined) return { type: 'listFiles', command, path: directory ?? null };
  return { type: 'listFiles', command, path: more.length === 0 ? within(directory, first) : null };
}

/** find tests that select by name: with one, find is a search for that name. */
const FIND_NAME_TESTS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname']);

function describeFind(args: readonly string[], command: string, directory: string | undefined): CommandAction {
  // Starting points come first, before the first expression word.
  const firstExpression = args.findIndex((arg) => arg.startsWith('-') || arg === '(' || arg === '!');
  const roots = firstExpression < 0 ? args : args.slice(0, firstExpression);
  const path = roots.length === 1 && roots[0] !== undefined ? within(directory, roots[0]) : roots.length === 0 ? (directory ?? null) : null;
  const test = args.findIndex((arg) => FIND_NAME_TESTS.has(arg));
  if (test < 0) return { type: 'listFiles', command, path };
  return { type: 'search', command, query: args[test + 1] ?? null, path };
}

function searchOf(command: string, scanned: ReturnType<typeof scanArgs>, directory: string | undefined): CommandAction {
  const operands = operandsOf(scanned);
  const explicit = optionsOf(scanned).find((option) => option.name === '-e' || option.name === '--regexp');
  const query = explicit ? (explicit.value ?? null) : (operands.shift() ?? null);
  const only = operands.length === 1 ? operands[0] : undefined;
  return { type: 'search', command, query, path: only === undefined ? null : within(directory, only) };
}

function describeGit(args: readonly string[], command: string, directory: string | undefined): CommandAction {
  let index = 0;
  while (args[index] === '-C' || args[index] === '--no-pager' || args[index] === '-P') index += args[index] === '-C' ? 2 : 1;
  const subcommand = args[index];
  const rest = args.slice(index + 1);
  if (subcommand === 'grep') return searchOf(command, scanArgs(rest, GIT_GREP_ARGS), directory);
  if (subcommand === 'ls-files') return listing(command, operandsOf(scanArgs(rest, GIT_LS_FILES_ARGS)), directory);
  return { type: 'unknown', command };
}
