/**
 * MCP servers as the client sees them: `mcpServerStatus/list` and `mcpServer/startupStatus/updated`.
 * Tool, resource and template descriptors keep the MCP specification's own field names.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { pageParams } from './common.js';

export const McpServerStatusDetailSchema = z.enum(['full', 'toolsAndAuthOnly']).meta({
  id: 'McpServerStatusDetail',
  description: 'How much to report per server: everything, or only tools and login state.',
});
export type McpServerStatusDetail = z.infer<typeof McpServerStatusDetailSchema>;

export const ListMcpServerStatusParamsSchema = z
  .object({
    ...pageParams,
    detail: nullish(McpServerStatusDetailSchema).describe('How much to report (default `full`).'),
    serverName: nullish(z.string()).describe('Report only this server.'),
    threadId: nullish(z.string()).describe('Use the MCP connections of this thread.'),
  })
  .meta({ id: 'ListMcpServerStatusParams', description: 'List the configured MCP servers and what they offer.' });
export type ListMcpServerStatusParams = z.infer<typeof ListMcpServerStatusParamsSchema>;

export const McpAuthStatusSchema = z
  .enum(['unknown', 'unsupported', 'notLoggedIn', 'bearerToken', 'oAuth'])
  .meta({ id: 'McpAuthStatus', description: 'How the server authenticates to an MCP server.' });
export type McpAuthStatus = z.infer<typeof McpAuthStatusSchema>;

export const McpServerConnectionStatusSchema = z
  .enum(['notStarted', 'starting', 'connected', 'authenticationRequired', 'failed', 'cancelled', 'disabled'])
  .meta({ id: 'McpServerConnectionStatus', description: 'State of the connection to an MCP server.' });
export type McpServerConnectionStatus = z.infer<typeof McpServerConnectionStatusSchema>;

export const McpServerInfoSchema = z
  .object({
    name: z.string().describe('Name the MCP server reports.'),
    version: z.string().describe('Version it reports.'),
    title: nullish(z.string()).describe('Display name, if any.'),
    description: nullish(z.string()).describe('Description, if any.'),
    websiteUrl: nullish(z.string()).describe('Home page, if any.'),
    icons: nullish(z.array(z.unknown())).describe('Icons, as MCP describes them.'),
  })
  .meta({ id: 'McpServerInfo', description: 'What an MCP server says about itself at initialization.' });
export type McpServerInfo = z.infer<typeof McpServerInfoSchema>;

export const ToolSchema = z
  .object({
    name: z.string().describe('Name of the tool.'),
    title: nullish(z.string()).describe('Display name.'),
    description: nullish(z.string()).describe('What the tool does.'),
    inputSchema: z.unknown().describe('JSON Schema of its arguments.'),
    outputSchema: z.unknown().optional().describe('JSON Schema of its structured result, if any.'),
    annotations: z.unknown().optional().describe('MCP behaviour hints.'),
    icons: nullish(z.array(z.unknown())).describe('Icons.'),
    _meta: z.unknown().optional().describe('MCP `_meta`.'),
  })
  .meta({ id: 'Tool', description: 'A tool an MCP server offers.' });
export type Tool = z.infer<typeof ToolSchema>;

export const ResourceSchema = z
  .object({
    uri: z.string().describe('Address of the resource.'),
    name: z.string().describe('Name of the resource.'),
    title: nullish(z.string()).describe('Display name.'),
    description: nullish(z.string()).describe('What it contains.'),
    mimeType: nullish(z.string()).describe('Media type.'),
    size: nullish(z.int()).describe('Size in bytes, if known.'),
    annotations: z.unknown().optional().describe('MCP hints.'),
    icons: nullish(z.array(z.unknown())).describe('Icons.'),
    _meta: z.unknown().optional().describe('MCP `_meta`.'),
  })
  .meta({ id: 'Resource', description: 'A resource an MCP server offers.' });
export type Resource = z.infer<typeof ResourceSchema>;

export const ResourceTemplateSchema = z
  .object({
    uriTemplate: z.string().describe('RFC 6570 template of resource addresses.'),
    name: z.string().describe('Name of the template.'),
    title: nullish(z.string()).describe('Display name.'),
    description: nullish(z.string()).describe('What the resources contain.'),
    mimeType: nullish(z.string()).describe('Media type.'),
    annotations: z.unknown().optional().describe('MCP hints.'),
  })
  .meta({ id: 'ResourceTemplate', description: 'A family of resources an MCP server offers.' });
export type ResourceTemplate = z.infer<typeof ResourceTemplateSchema>;

export const McpServerStatusSchema = z
  .object({
    name: z.string().describe('Name of the server (its key under `mcp_servers`).'),
    authStatus: McpAuthStatusSchema,
    tools: z.record(z.string(), ToolSchema).describe('Its tools, by name.'),
    resources: z.array(ResourceSchema).describe('Its resources.'),
    resourceTemplates: z.array(ResourceTemplateSchema).describe('Its resource templates.'),
    runtimeStatus: nullish(McpServerConnectionStatusSchema).describe('Connection state, if known.'),
    serverInfo: nullish(McpServerInfoSchema).describe('What it said about itself, once connected.'),
    serverCapabilities: z.unknown().optional().describe('MCP capabilities it announced, if connected.'),
    toolsError: nullish(z.string()).describe('Why listing its tools failed, if it did.'),
    toolListMeta: z.unknown().optional().describe('MCP `_meta` of its tool list.'),
    httpOrigin: nullish(z.string()).describe('Origin of its HTTP endpoint; null for stdio servers.'),
    pluginId: nullish(z.string()).describe('The plugin providing it, if any.'),
  })
  .meta({ id: 'McpServerStatus', description: 'One MCP server and what it offers.' });
export type McpServerStatus = z.infer<typeof McpServerStatusSchema>;

export const ListMcpServerStatusResponseSchema = z
  .object({
    data: z.array(McpServerStatusSchema).describe('This page of servers.'),
    nextCursor: nullish(z.string()).describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'ListMcpServerStatusResponse', description: 'A page of MCP servers.' });
export type ListMcpServerStatusResponse = z.infer<typeof ListMcpServerStatusResponseSchema>;

export const McpServerStartupStateSchema = z
  .enum(['starting', 'ready', 'failed', 'cancelled'])
  .meta({ id: 'McpServerStartupState', description: 'Progress of starting an MCP server.' });
export type McpServerStartupState = z.infer<typeof McpServerStartupStateSchema>;

export const McpServerStartupFailureReasonSchema = z
  .enum(['reauthenticationRequired'])
  .meta({ id: 'McpServerStartupFailureReason', description: 'A failure the user can fix.' });
export type McpServerStartupFailureReason = z.infer<typeof McpServerStartupFailureReasonSchema>;
