/**
 * Reads a command's arguments the way getopt would: which words are options, which option takes the
 * next word as its value, which words are operands. Knowing that `-e` in `grep -e -x` takes `-x` as a
 * pattern is what keeps the safety rules and the descriptions honest.
 */

export interface ArgSpec {
  /** Short options that take a value: `-n 5` or `-n5`. */
  readonly shortWithValue?: string;
  /** Long options (without `--`) that take a value: `--lines 5` or `--lines=5`. */
  readonly longWithValue?: readonly string[];
}

export type ScannedArg =
  /** `-n` is reported as name `-n`; a cluster `-abc` as `-a`, `-b`, `-c`; a long one as `--name`. */
  { readonly kind: 'option'; readonly name: string; readonly value: string | undefined } | { readonly kind: 'operand'; readonly value: string };

export function scanArgs(args: readonly string[], spec: ArgSpec = {}): ScannedArg[] {
  const shortWithValue = spec.shortWithValue ?? '';
  const longWithValue = new Set(spec.longWithValue ?? []);
  const scanned: ScannedArg[] = [];
  let onlyOperands = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (onlyOperands || arg === '-' || !arg.startsWith('-')) {
      scanned.push({ kind: 'operand', value: arg });
    } else if (arg === '--') {
      onlyOperands = true;
    } else if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = equals < 0 ? arg : arg.slice(0, equals);
      let value = equals < 0 ? undefined : arg.slice(equals + 1);
      if (value === undefined && longWithValue.has(name.slice(2))) value = args[++index];
      scanned.push({ kind: 'option', name, value });
    } else {
      for (let at = 1; at < arg.length; at++) {
        const letter = arg[at] as string;
        if (!shortWithValue.includes(letter)) {
          scanned.push({ kind: 'option', name: `-${letter}`, value: undefined });
          continue;
        }
        const rest = arg.slice(at + 1);
        scanned.push({ kind: 'option', name: `-${letter}`, value: rest !== '' ? rest : args[++index] });
        break;
      }
    }
  }
  return scanned;
}

export function operandsOf(scanned: readonly ScannedArg[]): string[] {
  return scanned.flatMap((arg) => (arg.kind === 'operand' ? [arg.value] : []));
}

export function optionsOf(scanned: readonly ScannedArg[]): Extract<ScannedArg, { kind: 'option' }>[] {
  return scanned.flatMap((arg) => (arg.kind === 'option' ? [arg] : []));
}
