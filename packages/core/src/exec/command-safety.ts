/**
 * "Known safe" commands: scripts that only read, which the `untrusted` approval policy runs without
 * asking. The list is deliberately short and every entry is checked option by option; a script we
 * do not fully understand is not safe. Being wrong here means running a write the user never
 * approved, so every doubt resolves to "ask".
 */
import { RG_ARGS, TREE_ARGS, words } from './argument-specs.js';
import { type ScannedArg, operandsOf, optionsOf, scanArgs } from './scan-args.js';
import { sedPrintFiles } from './sed-print.js';
import { type ParsedScript, type Redirection, type ShellCommand, parseShellScript, scriptFromArgv } from './shell-parse.js';

type ArgsCheck = (args: readonly string[]) => boolean;

const anyArgs: ArgsCheck = () => true;

/**
 * Programs that only read, and what their arguments must not contain. Only bare names: `./ls` or
 * `/tmp/cat` is whatever someone put there.
 */
const SAFE_PROGRAMS: Readonly<Record<string, ArgsCheck>> = {
  ls: anyArgs,
  cat: anyArgs,
  head: anyArgs,
  tail: anyArgs,
  wc: anyArgs,
  pwd: anyArgs,
  echo: anyArgs,
  printf: anyArgs,
  true: anyArgs,
  false: anyArgs,
  nl: anyArgs,
  stat: anyArgs,
  which: anyArgs,
  whoami: anyArgs,
  id: anyArgs,
  uname: anyArgs,
  du: anyArgs,
  df: anyArgs,
  grep: anyArgs,
  egrep: anyArgs,
  fgrep: anyArgs,
  diff: anyArgs,
  cmp: anyArgs,
  basename: anyArgs,
  dirname: anyArgs,
  realpath: anyArgs,
  readlink: anyArgs,
  cut: anyArgs,
  tr: anyArgs,
  column: anyArgs,
  // Changes the directory of the rest of this script only.
  cd: anyArgs,
  // `date -s` sets the clock.
  date: (args) => !hasOption(scanArgs(args, { shortWithValue: 'dfr' }), ['-s', '--set']),
  // `file -C` compiles a magic file into the working directory.
  file: (args) => !hasOption(scanArgs(args, { shortWithValue: 'eFmP' }), ['-C', '--compile']),
  // `tree -o` writes its listing to a file; `-R` with `-H` writes an index into every directory.
  tree: (args) => !hasOption(scanArgs(args, TREE_ARGS), ['-o', '-R']),
  // `sort -o` writes a file; `--compress-program` runs one.
  sort: (args) =>
    !hasOption(scanArgs(args, { shortWithValue: 'koStT', longWithValue: ['output', 'compress-program'] }), ['-o', '--output', '--compress-program']),
  // uniq's second operand is an output file.
  uniq: (args) => operandsOf(scanArgs(args, { shortWithValue: 'fsw', longWithValue: ['skip-fields', 'skip-chars', 'check-chars'] })).length <= 1,
  find: isSafeFind,
  // Only `sed -n` printing lines.
  sed: (args) => sedPrintFiles(args) !== undefined,
  rg: isSafeRipgrep,
  git: isSafeGit,
};

/**
 * Programs with options that write or run something else: for these an unquoted glob is unsafe,
 * because a file named `-delete` or `--output=x` would become an option once the shell expands it.
 */
const GLOB_SENSITIVE = new Set(['date', 'file', 'tree', 'sort', 'uniq', 'find', 'sed', 'rg', 'git']);

/** Places output may go without writing a file. */
const HARMLESS_OUTPUTS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);

export function isKnownSafeCommand(script: string): boolean {
  const parsed = parseShellScript(script);
  return parsed !== undefined && isKnownSafeScript(parsed);
}

/** The same question for a command given as argv (`['bash', '-lc', 'ls']` or `['ls', '-la']`). */
export function isKnownSafeArgv(argv: readonly string[]): boolean {
  return isKnownSafeCommand(scriptFromArgv(argv));
}

export function isKnownSafeScript(parsed: ParsedScript): boolean {
  return parsed.commands.length > 0 && parsed.commands.every(isSafeSimpleCommand);
}

function isSafeSimpleCommand(command: ShellCommand): boolean {
  // Backgrounded work outlives the check, and is beyond what the user saw approved.
  if (command.next === '&') return false;
  // `PAGER=… git log`, `LD_PRELOAD=…`, `PATH=…`: an assignment can make any program run anything.
  if (command.assignments.length > 0) return false;
  if (!command.redirections.every(isHarmlessRedirection)) return false;
  const [program, ...args] = command.argv;
  if (program === undefined) return false;
  const check = Object.hasOwn(SAFE_PROGRAMS, program) ? SAFE_PROGRAMS[program] : undefined;
  if (!check) return false;
  if (command.hasGlob && GLOB_SENSITIVE.has(program)) return false;
  return check(args);
}

function isHarmlessRedirection(redirection: Redirection): boolean {
  switch (redirection.op) {
    case '<':
    case '<<<':
      return true;
    case '<&':
    case '>&':
      // `2>&1`, `>&2`, `2>&-` copy or close descriptors; `>&file` writes the file.
      return /^([0-9]+|-)$/.test(redirection.target) || HARMLESS_OUTPUTS.has(redirection.target);
    default:
      return HARMLESS_OUTPUTS.has(redirection.target);
  }
}

/**
 * Whether an option among `names` is present. GNU getopt and git accept any unambiguous prefix of a
 * long option (`sort --out=x` is `--output=x`), so a long option matches every name it begins.
 */
function hasOption(scanned: readonly ScannedArg[], names: readonly string[]): boolean {
  return optionsOf(scanned).some((option) => names.some((name) => optionMatches(option.name, name)));
}

function optionMatches(given: string, target: string): boolean {
  if (given === target) return true;
  return given.startsWith('--') && given.length > 2 && target.startsWith(given);
}

/** find's actions that delete, run programs or write files. */
const FIND_UNSAFE = new Set(['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fls', '-fprint', '-fprint0', '-fprintf']);

function isSafeFind(args: readonly string[]): boolean {
  return !args.some((arg) => FIND_UNSAFE.has(arg));
}

/**
 * ripgrep reads, except `--pre` (runs a program on every file), `--hostname-bin` (runs a program)
 * and `-z`/`--search-zip` (runs decompressors: read-only ones, but still other programs).
 */
function isSafeRipgrep(args: readonly string[]): boolean {
  const scanned = scanArgs(args, RG_ARGS);
  return !hasOption(scanned, ['--pre', '--hostname-bin', '-z', '--search-zip']);
}

/**
 * git options before the subcommand that cannot make it write or run anything. `-c`, `--git-dir`,
 * `--exec-path`, `--config-env`… can (a config value like `core.pager` or `core.fsmonitor` runs a
 * program), and so can `-p` (the pager).
 */
const GIT_HARMLESS_GLOBAL = new Set(['--no-pager', '-P', '--no-optional-locks', '--literal-pathspecs', '--no-replace-objects']);

/** Subcommands that only read, given that `GIT_UNSAFE_OPTIONS` are absent. */
const GIT_READ_ONLY = new Set(words('status log diff show rev-parse ls-files blame grep cat-file ls-tree rev-list merge-base describe shortlog'));

/**
 * `--output` writes the diff to a file; `--ext-diff` runs the configured external diff program;
 * `git grep --open-files-in-pager` (`-O`) opens the matches in a program of its choosing.
 */
const GIT_UNSAFE_OPTIONS = ['--output', '--ext-diff', '--open-files-in-pager'];

function isSafeGit(args: readonly string[]): boolean {
  let index = 0;
  while (index < args.length && (args[index] as string).startsWith('-')) {
    const arg = args[index] as string;
    if (arg === '-C') index += 2;
    else if (GIT_HARMLESS_GLOBAL.has(arg)) index += 1;
    else return false;
  }
  const subcommand = args[index];
  const rest = args.slice(index + 1);
  if (subcommand === 'branch') return isListingGitBranch(rest);
  if (subcommand === 'remote') return rest.every((arg) => arg === '-v' || arg === '--verbose');
  if (subcommand === undefined || !GIT_READ_ONLY.has(subcommand)) return false;
  return !rest.some((arg) => {
    // `-O<orderfile>` of diff and log only reads the order file; in grep it names a program.
    if (subcommand === 'grep' && /^-[A-Za-z]*O/.test(arg)) return true;
    const name = arg.split('=', 1)[0] ?? arg;
    return GIT_UNSAFE_OPTIONS.some((unsafe) => optionMatches(name, unsafe));
  });
}

/** `git branch` lists only with these options; anything else (a name, `-d`, `-m`, `-u`…) changes branches. */
const GIT_BRANCH_LISTING = new Set(
  words(`-a -r -v -vv -l -i --list --all --remotes --verbose --show-current --ignore-case --no-color --color --column --no-column
    --abbrev --no-abbrev --sort --format --omit-empty`),
);
/** Filters taking a commit, which may follow as the next word. */
const GIT_BRANCH_FILTERS = new Set(words('--contains --no-contains --merged --no-merged --points-at'));

function isListingGitBranch(args: readonly string[]): boolean {
  let listMode = false;
  let patterns = 0;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const name = arg.split('=', 1)[0] ?? arg;
    if (name === '-l' || name === '--list') listMode = true;
    if (GIT_BRANCH_FILTERS.has(name)) {
      const next = args[index + 1];
      if (!arg.includes('=') && next !== undefined && !next.startsWith('-')) index++;
      continue;
    }
    if (arg.startsWith('-')) {
      if (!GIT_BRANCH_LISTING.has(name) && !/^-[arvli]+$/.test(arg)) return false;
      continue;
    }
    patterns++;
  }
  // Without --list a bare word is the name of a branch to create.
  return patterns === 0 || listMode;
}
