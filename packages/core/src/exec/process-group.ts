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

/** How long a tree gets to stop before it is signalled anyway, and how often it is looked at. */
const FREEZE_WAIT_MS = 200;
const FREEZE_POLL_MS = 2;

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
  const members = await freezeTree(pgid);
  // Every member is also signalled by pid: one may leave the group between our look and the signal
  // (bubblewrap's sandbox moves to a session of its own as it starts), or have left it before.
  const signalAll = (signal: NodeJS.Signals): boolean => {
    const group = signalGroup(pgid, signal);
    for (const member of members) signalSeen(member, signal);
    return group;
  };
  if (!signalAll('SIGTERM') && members.length === 0) return;
  // Stopped processes (ours, and any stopped before) act on SIGTERM once continued.
  signalAll('SIGCONT');
  const alive = () => groupExists(pgid) || members.some(isRunning);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(Math.min(POLL_MS, deadline - Date.now()));
    if (!alive()) return;
  }
  signalAll('SIGKILL');
  // Wait until every process of the tree has stopped running (members of the group may stay zombies
  // until reaped, which is harmless), so that "stopped" means gone.
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (members.some(isRunning) && Date.now() < killDeadline) await delay(POLL_MS);
}

/**
 * Stops (SIGSTOP) the group and every descendant of its leader, and returns them all. A running tree
 * cannot be read reliably: bubblewrap forks its sandbox into a session of its own, and a SIGTERM
 * landing before we saw that child kills bwrap and orphans the sandbox out of our sight, to run on
 * for as long as its command does. A stopped process cannot fork or exit, so once everything found
 * is stopped, the tree is complete.
 */
async function freezeTree(pgid: number): Promise<SeenProcess[]> {
  if (!signalGroup(pgid, 'SIGSTOP')) return [];
  const members = new Map<number, SeenProcess>();
  const leader = readStat(pgid);
  if (leader) members.set(pgid, leader);
  const deadline = Date.now() + FREEZE_WAIT_MS;
  for (;;) {
    let grew = false;
    for (const found of descendantsOf(pgid)) {
      if (members.has(found.pid)) continue;
      members.set(found.pid, found);
      signalSeen(found, 'SIGSTOP');
      grew = true;
    }
    // A fork already under way when the signal came completes before its parent stops.
    const settled = !grew && [...members.values()].every((member) => !isActive(member));
    if (settled || Date.now() > deadline) return [...members.values()];
    await delay(FREEZE_POLL_MS);
  }
}

/**
 * Stops one process that is not a group of ours (an MCP server the SDK spawned): SIGTERM, then
 * SIGKILL if it is still running after `graceMs`.
 */
export async function terminateProcess(pid: number, graceMs = TERMINATE_GRACE_MS): Promise<void> {
  const seen = readStat(pid);
  if (!seen || !isRunning(seen)) return;
  signalSeen(seen, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(POLL_MS);
    if (!isRunning(seen)) return;
  }
  signalSeen(seen, 'SIGKILL');
}

/** Every descendant of `root` (children, grandchildren, …), from /proc; empty where /proc is not. */
function descendantsOf(root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
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
    if (siblings) siblings.push(stat);
    else children.set(stat.ppid, [stat]);
  }
  const found: ProcStat[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/**
 * A process as we once saw it. Its start time tells it apart from a later process given the same pid
 * once it has gone and been reaped, which we must never signal.
 */
interface SeenProcess {
  readonly pid: number;
  readonly startTime: string;
}

interface ProcStat extends SeenProcess {
  readonly state: string;
  readonly ppid: number;
}

/** The fields of /proc/<pid>/stat we need (the command name, in parentheses, may hold spaces). */
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the name: state ppid pgrp session … with the start time the 20th of them (field 22).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** The process's state letter, or undefined when it is gone (or its pid now names another one). */
function stateOf(seen: SeenProcess): string | undefined {
  const now = readStat(seen.pid);
  return now?.startTime === seen.startTime ? now.state : undefined;
}

/** Alive and not a zombie (a zombie no longer runs; only its parent's wait removes it). */
function isRunning(seen: SeenProcess): boolean {
  const state = stateOf(seen);
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Neither stopped nor gone: a process that can still fork or exit. */
function isActive(seen: SeenProcess): boolean {
  const state = stateOf(seen);
  return state !== undefined && state !== 'T' && state !== 't' && state !== 'Z' && state !== 'X';
}

function signalSeen(seen: SeenProcess, signal: NodeJS.Signals): void {
  if (stateOf(seen) === undefined) return;
  try {
    process.kill(seen.pid, signal);
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
