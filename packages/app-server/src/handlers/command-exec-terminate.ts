import type { Handler } from '../handler.js';
import { execProcess } from './command-exec.js';

/** Stops a running `command/exec` and everything it started; its `command/exec` response follows. */
export const commandExecTerminate: Handler<'command/exec/terminate'> = ({ processId }, ctx) => {
  const { process } = execProcess(ctx, processId);
  void process.terminate();
  return {};
};
