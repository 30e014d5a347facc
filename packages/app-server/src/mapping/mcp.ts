/** Core's view of an MCP server → the protocol's `McpServerStatus`. */
import type { McpServerStatusView } from '@agentd/core';
import type { v2 } from '@agentd/protocol';

export function toProtocolMcpServerStatus(view: McpServerStatusView): v2.McpServerStatus {
  const { config } = view;
  return {
    name: view.name,
    authStatus: config.bearer_token_env_var ? 'bearerToken' : 'unsupported',
    tools: Object.fromEntries(view.tools.map((tool) => [tool.name, { ...tool }])),
    resources: [],
    resourceTemplates: [],
    runtimeStatus: view.state,
    serverInfo: view.serverInfo
      ? {
          name: view.serverInfo.name,
          version: view.serverInfo.version,
          title: view.serverInfo.title ?? null,
          websiteUrl: view.serverInfo.websiteUrl ?? null,
          icons: view.serverInfo.icons ?? null,
        }
      : null,
    serverCapabilities: view.capabilities ?? null,
    toolsError: view.state === 'failed' ? view.error : null,
    toolListMeta: view.toolListMeta ?? null,
    httpOrigin: config.url ? new URL(config.url).origin : null,
    pluginId: null,
  };
}
