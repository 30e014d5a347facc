import { describe, expect, it } from 'vitest';
import { type FormattableResult, formatOutputForModel, tokensToBytes } from './format-output.js';
import { HeadTailText, utf8Length } from './head-tail-text.js';

const ok: FormattableResult = {
  exitCode: 0,
  signal: null,
  aggregatedOutput: 'hello\n',
  truncatedBytes: 0,
  timedOut: false,
  aborted: false,
  durationMs: 1234,
};

describe('formatOutputForModel', () => {
  it('says how the command ended, how long it took, and what it printed', () => {
    expect(formatOutputForModel(ok, { maxBytes: 1000 })).toBe('Exit code: 0\nWall time: 1.2 seconds\nOutput:\nhello\n');
  });

  it('keeps head and tail within the budget and says how much is elided', () => {
    const output = `${'h'.repeat(5000)}${'m'.repeat(50_000)}${'t'.repeat(5000)}`;
    const text = formatOutputForModel({ ...ok, exitCode: 1, aggregatedOutput: output }, { maxBytes: 2000 });
    expect(utf8Length(text)).toBeLessThanOrEqual(2000);
    const [, body = ''] = text.split('Output:\n');
    const match = /^(h+)\n\[… (\d+) bytes elided …\]\n(t+)$/.exec(body);
    expect(match).not.toBeNull();
    const [, head = '', elided = '', tail = ''] = match ?? [];
    expect(head.length + Number(elided) + tail.length).toBe(output.length);
    expect(Math.abs(head.length - tail.length)).toBeLessThanOrEqual(1);
    expect(text.startsWith('Exit code: 1\n')).toBe(true);
  });

  it('counts what runCommand already dropped when it cuts again', () => {
    const kept = new HeadTailText(1000);
    const original = `${'h'.repeat(3000)}${'t'.repeat(3000)}`;
    kept.push(original);
    const text = formatOutputForModel({ ...ok, aggregatedOutput: kept.toString(), truncatedBytes: kept.droppedBytes }, { maxBytes: 400 });
    const [, body = ''] = text.split('Output:\n');
    const [, head = '', elided = '', tail = ''] = /^(h+)\n\[… (\d+) bytes elided …\]\n(t+)$/.exec(body) ?? [];
    expect(head.length + Number(elided) + tail.length).toBe(original.length);
  });

  it('shows output already cut by runCommand as it is when it fits', () => {
    const kept = new HeadTailText(100);
    kept.push('x'.repeat(1000));
    const text = formatOutputForModel({ ...ok, aggregatedOutput: kept.toString(), truncatedBytes: kept.droppedBytes }, { maxBytes: 10_000 });
    expect(text.endsWith(kept.toString())).toBe(true);
  });

  it('says plainly that a command timed out', () => {
    const text = formatOutputForModel({ ...ok, exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs: 10_000 }, { maxBytes: 1000 });
    expect(text).toBe(
      'Command timed out after 10.0 seconds; it and every process it started were killed.\n' +
        'Exit code: none (killed by SIGTERM)\nWall time: 10.0 seconds\nOutput:\nhello\n',
    );
  });

  it('says plainly that a command was interrupted', () => {
    const text = formatOutputForModel({ ...ok, exitCode: null, signal: 'SIGTERM', aborted: true }, { maxBytes: 1000 });
    expect(text.split('\n')[0]).toBe('Command was interrupted before it finished; it and every process it started were killed.');
  });

  it('says plainly that a command did not start', () => {
    const text = formatOutputForModel({ ...ok, exitCode: null, aggregatedOutput: '', spawnError: 'command not found: foo' }, { maxBytes: 1000 });
    expect(text).toBe('Command did not start: command not found: foo');
  });

  it('never cuts into a character', () => {
    const text = formatOutputForModel({ ...ok, aggregatedOutput: '€'.repeat(1000) }, { maxBytes: 200 });
    expect(text).not.toContain('\uFFFD');
    expect(utf8Length(text)).toBeLessThanOrEqual(200);
  });
});

describe('tokensToBytes', () => {
  it('counts about four bytes per token', () => {
    expect(tokensToBytes(10_000)).toBe(40_000);
    expect(tokensToBytes(0)).toBe(0);
    expect(tokensToBytes(-5)).toBe(0);
  });
});
