import { describe, expect, it } from 'vitest';
import { IdleWatchdog } from './idle-watchdog.js';

describe('IdleWatchdog', () => {
  it('is aborted at once when the outer signal already is (an interrupt before the request)', () => {
    const outer = new AbortController();
    outer.abort(new Error('interrupted'));
    const watchdog = new IdleWatchdog(outer.signal, 60_000);
    expect(watchdog.signal.aborted).toBe(true);
    expect((watchdog.signal.reason as Error).message).toBe('interrupted');
    expect(watchdog.fired).toBe(false);
    watchdog.dispose();
  });

  it('follows the outer signal when it aborts later', () => {
    const outer = new AbortController();
    const watchdog = new IdleWatchdog(outer.signal, 60_000);
    expect(watchdog.signal.aborted).toBe(false);
    outer.abort(new Error('stop'));
    expect(watchdog.signal.aborted).toBe(true);
    watchdog.dispose();
  });
});
