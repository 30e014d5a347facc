import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `AGENTD_HOME` when set, else `~/.agentd`; always absolute. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.AGENTD_HOME?.trim();
  return fromEnv ? resolve(fromEnv) : join(homedir(), '.agentd');
}
