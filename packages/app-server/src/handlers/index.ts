/** Every implemented method, by name. The connection refuses methods missing here with -32601. */
import type { HandlerTable } from '../handler.js';
import { commandExec } from './command-exec.js';
import { commandExecResize } from './command-exec-resize.js';
import { commandExecTerminate } from './command-exec-terminate.js';
import { commandExecWrite } from './command-exec-write.js';
import { initialize } from './initialize.js';
import { threadStart } from './thread-start.js';
import { turnInterrupt } from './turn-interrupt.js';
import { turnStart } from './turn-start.js';
import { turnSteer } from './turn-steer.js';

export const handlers: HandlerTable = {
  initialize,
  'thread/start': threadStart,
  'turn/start': turnStart,
  'turn/interrupt': turnInterrupt,
  'turn/steer': turnSteer,
  'command/exec': commandExec,
  'command/exec/write': commandExecWrite,
  'command/exec/terminate': commandExecTerminate,
  'command/exec/resize': commandExecResize,
};
