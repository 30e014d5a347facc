import type { Handler } from '../handler.js';
import { requireConfig } from '../app-context.js';
import { toConfigReadResponse } from '../mapping/config-layers.js';

/**
 * The effective configuration with where each key came from, and the layers when asked for.
 * agentd reads no per-project config files, so `cwd` does not change the answer.
 */
export const configRead: Handler<'config/read'> = ({ includeLayers }, ctx) =>
  toConfigReadResponse(requireConfig(ctx.app), ctx.app.home, includeLayers === true);
