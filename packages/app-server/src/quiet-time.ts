/**
 * Runs background work once the client's requests are done with: the sandbox probe forks and starts
 * a sandbox (20-30 ms of blocked event loop), which would otherwise land in the middle of whatever
 * the client asked for right after the handshake, a long thread's resume say.
 */

/** What a connection tells about its own activity. */
export interface Activity {
  /** Requests received so far. */
  readonly requestsReceived: number;
  /** True while a request is being handled or output is waiting to be written. */
  readonly busy: boolean;
}

/**
 * Calls `task` once `activity` has been quiet for `quietMs`: nothing handled or written at the end
 * of that time, and no request received during it. Returns a function that cancels the wait.
 */
export function whenQuiet(activity: Activity, quietMs: number, task: () => void): () => void {
  let seen = activity.requestsReceived;
  let timer: NodeJS.Timeout;
  const arm = () => {
    timer = setTimeout(check, quietMs);
    timer.unref();
  };
  const check = () => {
    const received = activity.requestsReceived;
    if (!activity.busy && received === seen) {
      task();
      return;
    }
    seen = received;
    arm();
  };
  arm();
  return () => clearTimeout(timer);
}
