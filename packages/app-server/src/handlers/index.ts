/** Every implemented method, by name. The connection refuses methods missing here with -32601. */
import type { HandlerTable } from '../handler.js';
import { initialize } from './initialize.js';

export const handlers: HandlerTable = {
  initialize,
};
