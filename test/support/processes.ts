// Finding the processes a test's commands started, by a marker in their command line (`sleep
// 31.4159`). /proc is read directly, so it works whatever pid namespace the command ran in.
import { readdirSync, readFileSync } from 'node:fs';
import { WaitList } from './wait.js';

export interface ProcessInfo {
  pid: number;
  /** The command line, arguments joined by spaces. */
  commandLine: string;
}

/** Live processes (zombies excluded) whose command line contains `marker`. */
export function processesMatching(marker: string): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (!commandLine.includes(marker)) continue;
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (state !== 'Z' && state !== 'X') found.push({ pid: Number(entry), commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Resolves once a process matching `marker` runs (polls /proc every 20 ms), with a timeout. */
export function waitForProcess(marker: string, timeoutMs = 10_000): Promise<ProcessInfo[]> {
  const waiters = new WaitList();
  const timer = setInterval(() => waiters.poke(), 20);
  const take = () => {
    const found = processesMatching(marker);
    return found.length > 0 ? found : undefined;
  };
  return waiters.wait(take, { timeoutMs, what: `a process running "${marker}"` }).finally(() => clearInterval(timer));
}
