import { describe, expect, it } from 'vitest';
import { HeadTailText, elisionMarker, utf8Length, utf8Prefix, utf8Suffix } from './head-tail-text.js';

describe('HeadTailText', () => {
  it('keeps everything within the budget', () => {
    const text = new HeadTailText(10);
    text.push('hello');
    text.push('world');
    expect(text.toString()).toBe('helloworld');
    expect(text.droppedBytes).toBe(0);
  });

  it('keeps half the budget from the start and half from the end, and marks the cut', () => {
    const text = new HeadTailText(10);
    for (const piece of ['abc', 'defgh', 'ijklmnop', 'qrstuvwxyz']) text.push(piece);
    expect(text.toString()).toBe(`abcde\n${elisionMarker(16)}\nvwxyz`);
    expect(text.droppedBytes).toBe(16);
    expect(text.totalBytes).toBe(26);
  });

  it('counts bytes, not characters, and never splits one', () => {
    const text = new HeadTailText(8);
    text.push('€€€'); // 9 bytes: the head (4 bytes) holds one euro, the next does not fit
    text.push('ab€'); // the tail (4 bytes) holds 'b€', not 'ab€'
    expect(text.toString()).toBe(`€\n${elisionMarker(7)}\nb€`);
    expect(text.totalBytes).toBe(14);
  });

  it('does not split a surrogate pair', () => {
    const text = new HeadTailText(10);
    text.push('😀😀😀'); // 4 bytes each: head and tail (5 bytes each) hold one
    expect(text.toString()).toBe(`😀\n${elisionMarker(4)}\n😀`);
  });

  it('stays small when fed one byte at a time', () => {
    const text = new HeadTailText(1000);
    for (let index = 0; index < 200_000; index++) text.push(String(index % 10));
    const kept = text.toString();
    expect(kept.startsWith('0123456789')).toBe(true);
    expect(kept.endsWith('0123456789')).toBe(true);
    expect(text.droppedBytes).toBe(199_000);
  });
});

describe('utf8Prefix / utf8Suffix', () => {
  it('cut on character boundaries', () => {
    expect(utf8Prefix('aé€😀', 1)).toBe('a');
    expect(utf8Prefix('aé€😀', 2)).toBe('a');
    expect(utf8Prefix('aé€😀', 3)).toBe('aé');
    expect(utf8Prefix('aé€😀', 9)).toBe('aé€');
    expect(utf8Suffix('aé€😀', 4)).toBe('😀');
    expect(utf8Suffix('aé€😀', 6)).toBe('😀');
    expect(utf8Suffix('aé€😀', 7)).toBe('€😀');
    expect(utf8Length('aé€😀')).toBe(10);
  });
});
