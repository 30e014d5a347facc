/** The handshake: `initialize` (request) then `initialized` (notification). */
import * as z from 'zod';
import { nullish } from '../define.js';

export const ClientInfoSchema = z
  .object({
    name: z.string().describe('Machine-readable name of the client, e.g. `zed` or `my_script`.'),
    title: nullish(z.string()).describe('Human-readable name of the client.'),
    version: z.string().describe('Version of the client.'),
  })
  .meta({ id: 'ClientInfo', description: 'Who is connecting.' });
export type ClientInfo = z.infer<typeof ClientInfoSchema>;

export const InitializeCapabilitiesSchema = z
  .object({
    experimentalApi: z
      .boolean()
      .optional()
      .describe('Opt into experimental methods and fields. Without it they are refused.'),
    optOutNotificationMethods: nullish(z.array(z.string())).describe(
      'Notification methods this connection never wants to receive, by exact name.',
    ),
  })
  .meta({ id: 'InitializeCapabilities', description: 'What the client declares it can do.' });
export type InitializeCapabilities = z.infer<typeof InitializeCapabilitiesSchema>;

export const InitializeParamsSchema = z
  .object({
    clientInfo: ClientInfoSchema,
    capabilities: nullish(InitializeCapabilitiesSchema),
  })
  .meta({ id: 'InitializeParams', description: 'The first request of every connection.' });
export type InitializeParams = z.infer<typeof InitializeParamsSchema>;

export const InitializeResponseSchema = z
  .object({
    userAgent: z.string().describe('The server and client names and versions, for logs.'),
    codexHome: z.string().describe('Absolute path of the server home directory (`AGENTD_HOME`).'),
    platformFamily: z.string().describe('`unix` or `windows`.'),
    platformOs: z.string().describe('`linux`, `macos` or `windows`.'),
  })
  .meta({ id: 'InitializeResponse', description: 'The server introduces itself.' });
export type InitializeResponse = z.infer<typeof InitializeResponseSchema>;
