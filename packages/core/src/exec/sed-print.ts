/**
 * sed as a line printer: `sed -n '10,40p' file`, the way models page through files. Only this use
 * is understood; sed's other commands write files (`w`, `s///w`), edit in place (`-i`) or run
 * programs (`e`, `s///e`), and telling those apart in general means parsing sed.
 */
import { SED_ARGS, words } from './argument-specs.js';
import { operandsOf, optionsOf, scanArgs } from './scan-args.js';

/** Options that change neither what is printed to stdout nor anything else. */
const HARMLESS_OPTIONS = new Set(
  words('-n --quiet --silent -e --expression -E -r --regexp-extended -s --separate -u --unbuffered -z --null-data --posix --debug'),
);

const QUIET = new Set(words('-n --quiet --silent'));

/**
 * The files of a `sed -n` whose every script only prints lines and whose options are all harmless;
 * undefined for any other sed invocation.
 */
export function sedPrintFiles(args: readonly string[]): string[] | undefined {
  const scanned = scanArgs(args, SED_ARGS);
  const options = optionsOf(scanned);
  const files = operandsOf(scanned);
  const scripts = options.filter((option) => option.name === '-e' || option.name === '--expression').map((option) => option.value);
  // Without -e, the first operand is the script.
  if (scripts.length === 0) scripts.push(files.shift());
  if (!options.some((option) => QUIET.has(option.name))) return undefined;
  if (!options.every((option) => HARMLESS_OPTIONS.has(option.name))) return undefined;
  if (!scripts.every((script) => script !== undefined && isPrintOnlySedScript(script))) return undefined;
  return files;
}

const ADDRESS = String.raw`(?:\d+|\$|/(?:[^\\/\n]|\\.)*/)`;
const SECOND_ADDRESS = String.raw`(?:${ADDRESS}|[+~]\d+)`;
const PRINT = new RegExp(String.raw`^\s*(?:${ADDRESS}\s*(?:,\s*${SECOND_ADDRESS}\s*)?)?p\s*$`);

/** `1,200p`, `$p`, `/start/,/end/p`, `10p;20,30p`: print commands over line numbers or regexes. */
export function isPrintOnlySedScript(script: string): boolean {
  // A `;` inside a /regex/ would split it wrongly; such a script is then merely refused.
  return script.trim() !== '' && script.split(/[;\n]/).every((part) => part.trim() === '' || PRINT.test(part));
}
