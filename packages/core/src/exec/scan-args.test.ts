import { describe, expect, it } from 'vitest';
import { operandsOf, scanArgs } from './scan-args.js';

describe('scanArgs', () => {
  it('tells options, their values and operands apart', () => {
    expect(
      scanArgs(['-rn', '-e', '-x', '--include=*.ts', '--max-count', '3', 'src', '--', '-v'], {
        shortWithValue: 'em',
        longWithValue: ['max-count'],
      }),
    ).toEqual([
      { kind: 'option', name: '-r', value: undefined },
      { kind: 'option', name: '-n', value: undefined },
      { kind: 'option', name: '-e', value: '-x' },
      { kind: 'option', name: '--include', value: '*.ts' },
      { kind: 'option', name: '--max-count', value: '3' },
      { kind: 'operand', value: 'src' },
      { kind: 'operand', value: '-v' },
    ]);
  });

  it('takes the rest of a cluster as the value', () => {
    expect(scanArgs(['-nA3', 'x'], { shortWithValue: 'A' })).toEqual([
      { kind: 'option', name: '-n', value: undefined },
      { kind: 'option', name: '-A', value: '3' },
      { kind: 'operand', value: 'x' },
    ]);
  });

  it('reads - as an operand (stdin)', () => {
    expect(operandsOf(scanArgs(['-', 'a']))).toEqual(['-', 'a']);
  });
});
