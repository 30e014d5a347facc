// Waiting without sleeps: a waiter is a predicate checked on every new event, with a deadline whose
// error says what was awaited and what was seen instead.

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Sleeps `ms`, or less if `signal` aborts (then resolves early rather than throwing). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface Waiter<T> {
  take: () => T | undefined;
  what: string;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface WaitSpec {
  timeoutMs: number;
  /** What is awaited, for messages: `notification "turn/completed"`. */
  what: string;
  /** What was seen instead, appended to the timeout message. */
  context?: () => string;
}

/** Waiters over a growing log: `wait(take)` resolves with the first non-undefined `take()`, checked
 * now and after every `poke()`. */
export class WaitList {
  readonly #waiters = new Set<Waiter<unknown>>();

  wait<T>(take: () => T | undefined, spec: WaitSpec): Promise<T> {
    const now = take();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        take,
        what: spec.what,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter as Waiter<unknown>);
          const context = spec.context?.() ?? '';
          reject(new TimeoutError(`Timed out after ${spec.timeoutMs} ms waiting for ${spec.what}.${context ? `\n${context}` : ''}`));
        }, spec.timeoutMs),
      };
      this.#waiters.add(waiter as Waiter<unknown>);
    });
  }

  /** Re-checks every waiter, in the order they started waiting. */
  poke(): void {
    for (const w of [...this.#waiters]) {
      const value = w.take();
      if (value !== undefined) {
        clearTimeout(w.timer);
        this.#waiters.delete(w);
        w.resolve(value);
      }
    }
  }

  /** Fails every waiter now (the process exited, the server closed). */
  rejectAll(error: (what: string) => Error): void {
    for (const w of [...this.#waiters]) {
      clearTimeout(w.timer);
      this.#waiters.delete(w);
      w.reject(error(w.what));
    }
  }

  get size(): number {
    return this.#waiters.size;
  }
}

/** Shortens a line for an error message. */
export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
