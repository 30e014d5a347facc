import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Activity, whenQuiet } from './quiet-time.js';

class FakeActivity implements Activity {
  requestsReceived = 0;
  busy = false;
}

describe('whenQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the task once nothing has happened for the quiet time', () => {
    const activity = new FakeActivity();
    const task = vi.fn();
    whenQuiet(activity, 100, task);
    vi.advanceTimersByTime(99);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits while a request is being handled or output is unwritten', () => {
    const activity = new FakeActivity();
    const task = vi.fn();
    whenQuiet(activity, 100, task);
    activity.busy = true;
    vi.advanceTimersByTime(500);
    expect(task).not.toHaveBeenCalled();
    activity.busy = false;
    vi.advanceTimersByTime(100);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits again after a request that came and went between two looks', () => {
    const activity = new FakeActivity();
    const task = vi.fn();
    whenQuiet(activity, 100, task);
    vi.advanceTimersByTime(50);
    activity.requestsReceived += 1;
    vi.advanceTimersByTime(50);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled', () => {
    const task = vi.fn();
    const cancel = whenQuiet(new FakeActivity(), 100, task);
    cancel();
    vi.advanceTimersByTime(1_000);
    expect(task).not.toHaveBeenCalled();
  });
});
