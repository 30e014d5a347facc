/**
 * When to try a failed model request again: exponential backoff with jitter, or what the server
 * asked for in `retry-after` when it said.
 */
export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultBackoff: BackoffOptions = { baseDelayMs: 200, maxDelayMs: 20_000 };

/** Delay before retry number `attempt` (0 for the first retry). */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions = defaultBackoff, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs * 3);
  const exponential = options.baseDelayMs * 2 ** attempt;
  const jitter = 0.8 + random() * 0.4;
  return Math.min(options.maxDelayMs, Math.round(exponential * jitter));
}

/** Waits, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
