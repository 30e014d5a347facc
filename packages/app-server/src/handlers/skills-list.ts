import type { Handler } from '../handler.js';

/**
 * Skills by directory. agentd does not load skills yet, so every directory has none; the answer
 * still names each directory asked about (or the daemon's own when none is given).
 */
export const skillsList: Handler<'skills/list'> = ({ cwds }) => {
  const directories = cwds && cwds.length > 0 ? cwds : [process.cwd()];
  return { data: directories.map((cwd) => ({ cwd, skills: [], errors: [] })) };
};
