/**
 * `config/read` and `configWarning`. The effective config uses config.toml's snake_case keys. Only
 * the keys agentd understands are modelled; the object stays open for the rest of the reference's
 * (large) Config type, which agentd neither produces nor needs.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import {
  AbsolutePathBufSchema,
  ApprovalsReviewerSchema,
  AskForApprovalSchema,
  ReasoningEffortSchema,
  ReasoningSummarySchema,
  SandboxModeSchema,
  VerbositySchema,
} from './common.js';

export const ConfigReadParamsSchema = z
  .object({
    cwd: nullish(z.string()).describe('Resolve project config layers as seen from this directory.'),
    includeLayers: z.boolean().optional().describe('Also return each config layer separately.'),
  })
  .meta({ id: 'ConfigReadParams', description: 'Read the effective configuration.' });
export type ConfigReadParams = z.infer<typeof ConfigReadParamsSchema>;

export const SandboxWorkspaceWriteSchema = z
  .object({
    writable_roots: z.array(z.string()).optional().describe('Extra writable directories.'),
    network_access: z.boolean().optional().describe('Allow network access.'),
    exclude_tmpdir_env_var: z.boolean().optional().describe('Do not make `$TMPDIR` writable.'),
    exclude_slash_tmp: z.boolean().optional().describe('Do not make `/tmp` writable.'),
  })
  .meta({ id: 'SandboxWorkspaceWrite', description: 'The `[sandbox_workspace_write]` table of config.toml.' });
export type SandboxWorkspaceWrite = z.infer<typeof SandboxWorkspaceWriteSchema>;

export const ConfigSchema = z
  .looseObject({
    model: nullish(z.string()).describe('Default model.'),
    model_provider: nullish(z.string()).describe('Default model provider (a key of `model_providers`).'),
    model_reasoning_effort: nullish(ReasoningEffortSchema).describe('Default reasoning effort.'),
    model_reasoning_summary: nullish(ReasoningSummarySchema).describe('Default reasoning summary setting.'),
    model_verbosity: nullish(VerbositySchema).describe('Default answer verbosity.'),
    model_context_window: nullish(z.int()).describe('Context window of the model, in tokens.'),
    model_auto_compact_token_limit: nullish(z.int()).describe('Compact the history beyond this many tokens.'),
    review_model: nullish(z.string()).describe('Model used for code review.'),
    service_tier: nullish(z.string()).describe('Default service tier.'),
    approval_policy: nullish(AskForApprovalSchema).describe('Default approval policy.'),
    approvals_reviewer: nullish(ApprovalsReviewerSchema).describe('Default approval reviewer.'),
    sandbox_mode: nullish(SandboxModeSchema).describe('Default sandbox mode.'),
    sandbox_workspace_write: nullish(SandboxWorkspaceWriteSchema).describe('Settings of `workspace-write`.'),
    instructions: nullish(z.string()).describe('Replacement base instructions.'),
    developer_instructions: nullish(z.string()).describe('Extra developer instructions.'),
    compact_prompt: nullish(z.string()).describe('Replacement prompt used to summarize history.'),
  })
  .meta({
    id: 'Config',
    description: 'The effective configuration, keyed as in config.toml; other keys are passed through as they are.',
  });
export type Config = z.infer<typeof ConfigSchema>;

export const ConfigLayerSourceSchema = z
  .discriminatedUnion('type', [
    z
      .object({ type: z.literal('packagedDefaults'), file: AbsolutePathBufSchema.describe('The defaults file.') })
      .describe('Defaults shipped with the server.'),
    z
      .object({
        type: z.literal('mdm'),
        domain: z.string().describe('Preference domain.'),
        key: z.string().describe('Preference key.'),
      })
      .describe('Managed preferences (macOS).'),
    z
      .object({ type: z.literal('system'), file: AbsolutePathBufSchema.describe('The system config file.') })
      .describe('System-wide managed config file.'),
    z
      .object({
        type: z.literal('enterpriseManaged'),
        id: z.string().describe('Identifier of the layer.'),
        name: z.string().describe('Name of the layer, for administrators.'),
      })
      .describe('Config delivered by an organization.'),
    z
      .object({
        type: z.literal('user'),
        file: AbsolutePathBufSchema.describe('The user’s config.toml.'),
        profile: nullish(z.string()).describe('Profile applied on top, if any.'),
      })
      .describe('The user’s own config file.'),
    z
      .object({ type: z.literal('project'), dotCodexFolder: AbsolutePathBufSchema.describe('The project folder.') })
      .describe('Config of a project directory between cwd and the repository root.'),
    z.object({ type: z.literal('sessionFlags') }).describe('Overrides given on the command line.'),
    z
      .object({ type: z.literal('legacyManagedConfigTomlFromFile'), file: AbsolutePathBufSchema.describe('The file.') })
      .describe('Legacy managed config file.'),
    z.object({ type: z.literal('legacyManagedConfigTomlFromMdm') }).describe('Legacy managed preferences.'),
  ])
  .meta({ id: 'ConfigLayerSource', description: 'Where a config layer comes from.' });
export type ConfigLayerSource = z.infer<typeof ConfigLayerSourceSchema>;

export const ConfigLayerMetadataSchema = z
  .object({
    name: ConfigLayerSourceSchema,
    version: z.string().describe('Version (content hash) of the layer.'),
  })
  .meta({ id: 'ConfigLayerMetadata', description: 'Which layer a value came from.' });
export type ConfigLayerMetadata = z.infer<typeof ConfigLayerMetadataSchema>;

export const ConfigLayerSchema = z
  .object({
    name: ConfigLayerSourceSchema,
    version: z.string().describe('Version (content hash) of the layer.'),
    config: z.unknown().describe('The layer’s own settings.'),
    disabledReason: nullish(z.string()).describe('Why the layer is ignored, if it is.'),
  })
  .meta({ id: 'ConfigLayer', description: 'One layer of configuration.' });
export type ConfigLayer = z.infer<typeof ConfigLayerSchema>;

export const ConfigReadResponseSchema = z
  .object({
    config: ConfigSchema,
    origins: z.record(z.string(), ConfigLayerMetadataSchema).describe('For each dotted key: the layer that set it.'),
    layers: nullish(z.array(ConfigLayerSchema)).describe('The layers, highest precedence first, if asked for.'),
  })
  .meta({ id: 'ConfigReadResponse', description: 'The effective configuration and where it came from.' });
export type ConfigReadResponse = z.infer<typeof ConfigReadResponseSchema>;

export const TextPositionSchema = z
  .object({
    line: z.int().nonnegative().describe('Line, counted from 1.'),
    column: z.int().nonnegative().describe('Column, counted from 1 in characters.'),
  })
  .meta({ id: 'TextPosition', description: 'A position in a text file.' });
export type TextPosition = z.infer<typeof TextPositionSchema>;

export const TextRangeSchema = z
  .object({ start: TextPositionSchema, end: TextPositionSchema })
  .meta({ id: 'TextRange', description: 'A span of a text file.' });
export type TextRange = z.infer<typeof TextRangeSchema>;

export const ConfigWarningNotificationSchema = z
  .object({
    summary: z.string().describe('The problem in one line.'),
    details: nullish(z.string()).describe('More detail, if any.'),
    path: nullish(z.string()).describe('The config file concerned, if any.'),
    range: nullish(TextRangeSchema).describe('Where in the file, if known.'),
  })
  .meta({ id: 'ConfigWarningNotification', description: 'Something in the configuration was ignored or is suspicious.' });
export type ConfigWarningNotification = z.infer<typeof ConfigWarningNotificationSchema>;
