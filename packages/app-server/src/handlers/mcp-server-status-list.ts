import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { toProtocolMcpServerStatus } from '../mapping/mcp.js';

/**
 * The MCP servers with their tools and state, by name. With `threadId`, that thread's servers (its
 * own `mcp_servers` included) over its connections; without, config.toml's. Either way servers not
 * yet started are started, so the answer says what they offer; one that fails is reported
 * `failed` with the reason in `toolsError`. The cursor is the last name of the previous page.
 */
export const mcpServerStatusList: Handler<'mcpServerStatus/list'> = async (params, ctx) => {
  const threads = requireThreads(ctx.app);
  const views = params.threadId ? await threads.mcp.threadStatus(threads.require(params.threadId)) : await threads.mcp.configStatus();
  const matching = views.filter((view) => (params.serverName ? view.name === params.serverName : true));
  const after = params.cursor ? matching.filter((view) => view.name > (params.cursor as string)) : matching;
  const limit = params.limit && params.limit > 0 ? params.limit : after.length;
  const page = after.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toProtocolMcpServerStatus),
    nextCursor: page.length < after.length && last ? last.name : null,
  };
};
