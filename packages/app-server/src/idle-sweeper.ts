/**
 * Unloads threads nobody uses: no follower and no running turn for `idleMs` (config
 * `limits.idle_thread_unload_sec`, 30 minutes by default). One timer for the whole daemon, and it
 * runs only while some loaded thread is unused: idle threads cost no timer of their own.
 */
import type { Logger } from '@agentd/core';
import type { ThreadHub } from './thread-hub.js';

export interface IdleSweeperOptions {
  readonly idleMs: number;
  readonly hub: ThreadHub;
  readonly unload: (threadId: string) => Promise<void>;
  readonly log: Logger;
}

export const DEFAULT_IDLE_UNLOAD_MS = 30 * 60 * 1000;

export class IdleSweeper {
  readonly #options: IdleSweeperOptions;
  readonly #periodMs: number;
  #timer: NodeJS.Timeout | undefined;
  #sweeping = false;

  constructor(options: IdleSweeperOptions) {
    this.#options = options;
    this.#periodMs = Math.min(Math.max(options.idleMs / 2, 25), 60_000);
  }

  /** A thread may have become unused: make sure the sweeper runs. */
  poke(): void {
    if (this.#timer || !this.#options.hub.hasUnusedThreads) return;
    this.#timer = setInterval(() => void this.#sweep(), this.#periodMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      for (const threadId of this.#options.hub.idleThreads(Date.now(), this.#options.idleMs)) {
        // Someone may have resumed it while an earlier one was unloading.
        if (!this.#options.hub.isIdle(threadId, Date.now(), this.#options.idleMs)) continue;
        await this.#options.unload(threadId).catch((error: unknown) => this.#options.log.error({ err: error, threadId }, 'could not unload an idle thread'));
      }
    } finally {
      this.#sweeping = false;
    }
    if (!this.#options.hub.hasUnusedThreads) this.stop();
  }
}
