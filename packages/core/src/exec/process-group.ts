/**
 * Commands run as leaders of their own process group, so that stopping one stops everything it
 * started: `bash -lc 'make test'` forks compilers and test runners that would survive a signal sent
 * to bash alone. This file signals whole groups and keeps the registry of live ones for shutdown.
 */

/** How long a group gets between SIGTERM and SIGKILL. */
export const TERMINATE_GRACE_MS = 500;

/** How often a terminating group is checked for survivors. */
const POLL_MS = 20;

/** Sends `signal` to every process of the group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // A negative pid addresses the process group whose id is the leader's pid.
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a member changed its credentials (setuid); nothing more we can do to it.
    return false;
  }
}

/** True while any process of the group exists (zombies included: they still hold the group id). */
export function groupExists(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/**
 * SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. Resolves once the group is
 * gone or SIGKILL has been sent. Survivors are not awaited beyond that: an orphan that nobody reaps
 * would stay a zombie (and a group member) forever, but it no longer runs.
 */
export async function terminateGroup(pgid: number, graceMs = TERMINATE_GRACE_MS): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  // A stopped process does not act on SIGTERM until continued.
  signalGroup(pgid, 'SIGCONT');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(Math.min(POLL_MS, deadline - Date.now()));
    if (!groupExists(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Something that can stop a live command's group, keyed by the group id. */
export interface LiveGroup {
  readonly pgid: number;
  terminate(): Promise<void>;
}

const liveGroups = new Map<number, LiveGroup>();

export function registerGroup(group: LiveGroup): void {
  liveGroups.set(group.pgid, group);
}

export function unregisterGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/** How many commands are running now. */
export function liveCommandCount(): number {
  return liveGroups.size;
}

/**
 * Stops every running command (daemon shutdown): each group gets SIGTERM, then SIGKILL after the
 * grace. Resolves when all of them have been dealt with; the commands' own results say `aborted`.
 */
export async function killAllCommands(): Promise<void> {
  await Promise.all([...liveGroups.values()].map((group) => group.terminate()));
}
