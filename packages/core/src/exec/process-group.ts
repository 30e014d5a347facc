/**
 * Commands run as leaders of their own process group, so that stopping one stops everything it
 * started: `bash -lc 'make test'` forks compilers and test runners that would survive a signal sent
 * to bash alone. This file signals whole groups and keeps the registry of live ones for shutdown.
 */

import { readFileSync, readdirSync } from 'node:fs';

/** How long a group gets between SIGTERM and SIGKILL. */
export const TERMINATE_GRACE_MS = 500;

/** How often a terminating group is checked for survivors. */
const POLL_MS = 20;

/**
 * How long SIGKILLed processes get to actually go. Killing is certain but not instant: a pid
 * namespace's init waits for every member to be torn down first, which on a loaded machine can take
 * well over the SIGTERM grace. Callers rely on "stopped" meaning gone, so this bound is generous.
 */
const KILL_WAIT_MS = 5_000;

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
 * gone, or once everything it held has stopped running after SIGKILL: an orphan that nobody reaps
 * would stay a zombie (and a group member) forever, but it no longer runs.
 */
export async function terminateGroup(pgid: number, graceMs = TERMINATE_GRACE_MS): Promise<void> {
  const descendants = descendantsOf(pgid);
  // Descendants that left the group (a sandbox's inner session, `setsid`) are signalled by pid.
  const strays = descendants.filter((pid) => groupOf(pid) !== pgid);
  const signalAll = (signal: NodeJS.Signals): boolean => {
    const group = signalGroup(pgid, signal);
    for (const pid of strays) signalPid(pid, signal);
    return group;
  };
  if (!signalAll('SIGTERM') && strays.length === 0) return;
  // A stopped process does not act on SIGTERM until continued.
  signalAll('SIGCONT');
  const alive = () => groupExists(pgid) || strays.some(isRunning);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(Math.min(POLL_MS, deadline - Date.now()));
    if (!alive()) return;
  }
  signalAll('SIGKILL');
  // Wait until every process seen at the start has stopped running (members of the group may stay
  // zombies until reaped, which is harmless), so that "stopped" means gone.
  const seen = [pgid, ...descendants];
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (seen.some(isRunning) && Date.now() < killDeadline) await delay(POLL_MS);
}

/**
 * Stops one process that is not a group of ours (an MCP server the SDK spawned): SIGTERM, then
 * SIGKILL if it is still running after `graceMs`.
 */
export async function terminateProcess(pid: number, graceMs = TERMINATE_GRACE_MS): Promise<void> {
  if (!isRunning(pid)) return;
  signalPid(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(POLL_MS);
    if (!isRunning(pid)) return;
  }
  signalPid(pid, 'SIGKILL');
}

/** Every descendant of `root` (children, grandchildren, …), from /proc; empty where /proc is not. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(stat.pid);
    else children.set(stat.ppid, [stat.pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
}

/** The fields of /proc/<pid>/stat we need (the command name, in parentheses, may hold spaces). */
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

function groupOf(pid: number): number | undefined {
  return readStat(pid)?.pgrp;
}

/** Alive and not a zombie (a zombie no longer runs; only its parent's wait removes it). */
function isRunning(pid: number): boolean {
  const state = readStat(pid)?.state;
  return state !== undefined && state !== 'Z' && state !== 'X';
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone, or no longer ours to signal.
  }
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
