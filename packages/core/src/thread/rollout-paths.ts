/**
 * Where rollouts live: `AGENTD_HOME/sessions/YYYY/MM/DD/rollout-<timestamp>-<threadId>.jsonl`, by
 * the thread's creation time (UTC), so a directory listing is also a timeline. Archived threads'
 * rollouts move, unchanged, to `AGENTD_HOME/archived_sessions/` (one flat directory, as Codex does).
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

export function sessionsDir(home: string): string {
  return join(home, 'sessions');
}

export function archivedSessionsDir(home: string): string {
  return join(home, 'archived_sessions');
}

/** Where a rollout goes when its thread is archived. */
export function archivedPath(home: string, path: string): string {
  return join(archivedSessionsDir(home), basename(path));
}

/** Where an archived rollout goes back to: its day directory, read from its name. */
export function unarchivedPath(home: string, path: string): string {
  const name = basename(path);
  const match = /^rollout-(\d{4})-(\d{2})-(\d{2})T/.exec(name);
  if (!match) return join(sessionsDir(home), name);
  return join(sessionsDir(home), match[1] as string, match[2] as string, match[3] as string, name);
}

export function rolloutPath(home: string, threadId: string, createdAtMs: number): string {
  const iso = new Date(createdAtMs).toISOString();
  const [date = '', time = ''] = iso.split('T');
  const [year, month, day] = date.split('-');
  const stamp = `${date}T${time.slice(0, 8).replaceAll(':', '-')}`;
  return join(sessionsDir(home), year ?? '0000', month ?? '00', day ?? '00', `rollout-${stamp}-${threadId}.jsonl`);
}

/** The thread id in a rollout file name, or undefined for other files. */
export function threadIdOfRollout(fileName: string): string | undefined {
  const match = /^rollout-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-(.+)\.jsonl$/.exec(fileName);
  return match?.[1];
}

/** Every rollout file under the sessions directory, newest directory first. */
export async function* listRolloutFiles(home: string): AsyncGenerator<{ path: string; threadId: string }> {
  const root = sessionsDir(home);
  for (const year of await sortedDirs(root)) {
    for (const month of await sortedDirs(join(root, year))) {
      for (const day of await sortedDirs(join(root, year, month))) {
        const dir = join(root, year, month, day);
        const files = (await readdir(dir).catch(() => [])).sort().reverse();
        for (const file of files) {
          const threadId = threadIdOfRollout(file);
          if (threadId) yield { path: join(dir, file), threadId };
        }
      }
    }
  }
}

/** Every directory that can hold rollouts: the day directories, newest first, then the archive. */
export async function* rolloutDirs(home: string): AsyncGenerator<{ dir: string; archived: boolean }> {
  const root = sessionsDir(home);
  for (const year of await sortedDirs(root)) {
    for (const month of await sortedDirs(join(root, year))) {
      for (const day of await sortedDirs(join(root, year, month))) yield { dir: join(root, year, month, day), archived: false };
    }
  }
  yield { dir: archivedSessionsDir(home), archived: true };
}

/** Every directory that can hold rollouts, with the rollout names in it. */
export async function* rolloutDirectories(home: string): AsyncGenerator<{ dir: string; names: string[]; archived: boolean }> {
  for await (const { dir, archived } of rolloutDirs(home)) yield { dir, names: await rolloutNames(dir), archived };
}

export async function rolloutNames(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => threadIdOfRollout(name) !== undefined);
}

async function sortedDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort().reverse();
}
