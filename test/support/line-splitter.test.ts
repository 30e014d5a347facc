import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

function split(chunks: string[]): { lines: string[]; rest: string } {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  return { lines, rest: splitter.takeRest() };
}

describe('LineSplitter', () => {
  it('gives each line once, whole, however the chunks cut it', () => {
    expect(split(['a\nb', 'c\n', '\nd\ne'])).toEqual({ lines: ['a', 'bc', '', 'd'], rest: 'e' });
    expect(split(['x', 'y', 'z', '\n'])).toEqual({ lines: ['xyz'], rest: '' });
  });

  it('joins a line of megabytes from many chunks', () => {
    const line = JSON.stringify({ result: 'x'.repeat(3_000_000) });
    const chunks: string[] = [];
    for (let start = 0; start < line.length; start += 65_536) chunks.push(line.slice(start, start + 65_536));
    chunks.push('\n{"next":1}\n');
    const { lines } = split(chunks);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(line);
    expect(lines[1]).toBe('{"next":1}');
  });
});
