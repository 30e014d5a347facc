import { invalidParams, invalidRequest } from '../errors.js';
import type { Handler } from '../handler.js';
import { execProcess } from './command-exec.js';

/** Resizing needs a pseudo-terminal, and agentd runs `command/exec` with pipes: always refused. */
export const commandExecResize: Handler<'command/exec/resize'> = ({ processId, size }, ctx) => {
  if (size.rows === 0 || size.cols === 0) throw invalidParams('command/exec size rows and cols must be greater than 0');
  execProcess(ctx, processId);
  throw invalidRequest('command/exec/resize: this command has no terminal to resize (agentd does not support tty)');
};
