/**
 * Aborts a stream that has gone silent. One timer per stream, re-armed on every event with
 * `refresh()` (cheap: no new timer per delta).
 */
export class IdleWatchdog {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  #fired = false;
  readonly #unlink: () => void;

  constructor(outer: AbortSignal, idleMs: number) {
    this.#timer = setTimeout(() => {
      this.#fired = true;
      this.#controller.abort(new Error(`no data from the model for ${idleMs} ms`));
    }, idleMs);
    const onAbort = () => this.#controller.abort(outer.reason);
    // A signal aborted before the stream began fires no event: the stream must not start.
    if (outer.aborted) onAbort();
    else outer.addEventListener('abort', onAbort, { once: true });
    this.#unlink = () => outer.removeEventListener('abort', onAbort);
  }

  /** Aborted when the outer signal is, or when the stream is idle too long. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get fired(): boolean {
    return this.#fired;
  }

  touch(): void {
    this.#timer.refresh();
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#unlink();
  }
}
