/**
 * How the programs we reason about take their arguments: which options consume the next word. One
 * table for the safety rules and the descriptions, so the two never read a command differently.
 * Only options whose value is required belong here: listing an optional one would make us skip a
 * word the program itself reads as an option.
 */
import type { ArgSpec } from './scan-args.js';

/** `'a b c'` → `['a', 'b', 'c']`: long lists stay readable. */
export function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== '');
}

export const RG_ARGS: ArgSpec = {
  shortWithValue: 'ABCdEefgjMmrTt',
  longWithValue: words(`
    regexp file glob iglob type type-not type-add type-clear max-count max-depth context after-context before-context
    replace encoding threads max-columns max-filesize sort sortr ignore-file engine path-separator context-separator
    field-context-separator field-match-separator dfa-size-limit regex-size-limit colors hyperlink-format pre pre-glob
    hostname-bin`),
};

export const GREP_ARGS: ArgSpec = {
  shortWithValue: 'efmABCdD',
  longWithValue: words(`
    regexp file max-count after-context before-context context include exclude exclude-dir exclude-from label
    binary-files devices directories`),
};

export const GIT_GREP_ARGS: ArgSpec = {
  shortWithValue: 'efmABCO',
  longWithValue: words('max-depth max-count context after-context before-context threads'),
};

export const SED_ARGS: ArgSpec = { shortWithValue: 'efl', longWithValue: words('expression file line-length') };

export const LS_ARGS: ArgSpec = {
  shortWithValue: 'ITw',
  longWithValue: words('ignore hide tabsize width block-size format sort time time-style quoting-style indicator-style'),
};

export const TREE_ARGS: ArgSpec = { shortWithValue: 'LPIoH' };

export const GIT_LS_FILES_ARGS: ArgSpec = { shortWithValue: 'xX', longWithValue: words('exclude exclude-from with-tree format') };
