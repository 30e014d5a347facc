/**
 * Who the server acts as and what it may do: `account/read` and `permissionProfile/list`. agentd
 * authenticates with API keys from its config, so it reports an `apiKey` account or none.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { pageParams } from './common.js';

export const GetAccountParamsSchema = z
  .object({
    refreshToken: z.boolean().optional().describe('Refresh the login token before answering, where that applies.'),
  })
  .meta({ id: 'GetAccountParams', description: 'Read the account the server uses for model requests.' });
export type GetAccountParams = z.infer<typeof GetAccountParamsSchema>;

export const PlanTypeSchema = z
  .enum([
    'free',
    'go',
    'plus',
    'pro',
    'prolite',
    'promax',
    'team',
    'self_serve_business_prolite',
    'self_serve_business_usage_based',
    'business',
    'ent26',
    'enterprise_cbp_automation',
    'enterprise_cbp_usage_based',
    'enterprise',
    'edu',
    'edu_plus',
    'edu_pro',
    'sci',
    'sci_plus',
    'unknown',
  ])
  .meta({ id: 'PlanType', description: 'A ChatGPT subscription plan.' });
export type PlanType = z.infer<typeof PlanTypeSchema>;

export const AccountSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('apiKey') }).describe('An API key from the environment or config.'),
    z
      .object({
        type: z.literal('chatgpt'),
        email: z.string().nullable().describe('Email of the account, if known.'),
        planType: PlanTypeSchema,
        workspaceName: nullish(z.string()).describe('Selected workspace, if any.'),
      })
      .describe('A ChatGPT login.'),
    z
      .object({
        type: z.literal('amazonBedrock'),
        usesCodexManagedCredentials: z.boolean().optional().describe('Whether the server manages the credentials.'),
      })
      .describe('Amazon Bedrock credentials.'),
    z.object({ type: z.literal('gcp') }).describe('Google Cloud credentials managed outside the server.'),
  ])
  .meta({ id: 'Account', description: 'How the server authenticates to its model provider.' });
export type Account = z.infer<typeof AccountSchema>;

export const GetAccountResponseSchema = z
  .object({
    account: nullish(AccountSchema).describe('The account in use; null when none is configured.'),
    requiresOpenaiAuth: z.boolean().describe('Whether the configured provider needs an OpenAI login to work.'),
    userId: nullish(z.string()).describe('User id of a ChatGPT account, if any.'),
  })
  .meta({ id: 'GetAccountResponse', description: 'The account and whether a login is needed.' });
export type GetAccountResponse = z.infer<typeof GetAccountResponseSchema>;

export const PermissionProfileListParamsSchema = z
  .object({
    ...pageParams,
    cwd: nullish(z.string()).describe('Resolve project config as seen from this directory.'),
  })
  .meta({ id: 'PermissionProfileListParams', description: 'List the named permission profiles.' });
export type PermissionProfileListParams = z.infer<typeof PermissionProfileListParamsSchema>;

export const PermissionProfileSummarySchema = z
  .object({
    id: z.string().describe('Name of the profile.'),
    allowed: z.boolean().describe('Whether the active requirements allow choosing it.'),
    description: nullish(z.string()).describe('What the profile permits, for display.'),
  })
  .meta({ id: 'PermissionProfileSummary', description: 'A named set of sandbox and approval settings.' });
export type PermissionProfileSummary = z.infer<typeof PermissionProfileSummarySchema>;

export const PermissionProfileListResponseSchema = z
  .object({
    data: z.array(PermissionProfileSummarySchema).describe('This page of profiles.'),
    nextCursor: nullish(z.string()).describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'PermissionProfileListResponse', description: 'A page of permission profiles.' });
export type PermissionProfileListResponse = z.infer<typeof PermissionProfileListResponseSchema>;
