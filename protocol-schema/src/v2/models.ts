/** `model/list`: the models a client can pick from, with their reasoning options. */
import * as z from 'zod';
import { nullish } from '../define.js';
import { ReasoningEffortSchema, pageParams } from './common.js';

export const ModelListParamsSchema = z
  .object({
    ...pageParams,
    includeHidden: nullish(z.boolean()).describe('Also list models hidden from pickers.'),
    modelProvider: nullish(z.string()).describe('List the models of this provider instead of the default one.'),
  })
  .meta({ id: 'ModelListParams', description: 'List the available models.' });
export type ModelListParams = z.infer<typeof ModelListParamsSchema>;

export const ReasoningEffortOptionSchema = z
  .object({
    reasoningEffort: ReasoningEffortSchema,
    description: z.string().describe('What this effort level is good for.'),
  })
  .meta({ id: 'ReasoningEffortOption', description: 'A reasoning effort a model supports.' });
export type ReasoningEffortOption = z.infer<typeof ReasoningEffortOptionSchema>;

export const InputModalitySchema = z
  .enum(['text', 'image', 'audio'])
  .meta({ id: 'InputModality', description: 'A kind of input a model accepts.' });
export type InputModality = z.infer<typeof InputModalitySchema>;

export const ModelServiceTierSchema = z
  .object({
    id: z.string().describe('Identifier to pass as `serviceTier`.'),
    name: z.string().describe('Display name.'),
    description: z.string().describe('What the tier trades off.'),
  })
  .meta({ id: 'ModelServiceTier', description: 'A service tier a model offers.' });
export type ModelServiceTier = z.infer<typeof ModelServiceTierSchema>;

export const ModelUpgradeInfoSchema = z
  .object({
    model: z.string().describe('The model to upgrade to.'),
    upgradeCopy: nullish(z.string()).describe('Text recommending the upgrade.'),
    migrationMarkdown: nullish(z.string()).describe('Migration notes as Markdown.'),
    modelLink: nullish(z.string()).describe('Link to more information.'),
    retirementAt: nullish(z.int()).describe('When the old model retires, in epoch seconds, if known.'),
  })
  .meta({ id: 'ModelUpgradeInfo', description: 'A suggested newer model.' });
export type ModelUpgradeInfo = z.infer<typeof ModelUpgradeInfoSchema>;

export const ModelAvailabilityNuxSchema = z
  .object({ message: z.string().describe('Text to show the user.') })
  .meta({ id: 'ModelAvailabilityNux', description: 'A notice about a model’s availability.' });
export type ModelAvailabilityNux = z.infer<typeof ModelAvailabilityNuxSchema>;

export const CyberAccessProgramSchema = z
  .enum(['standard', 'daybreakBlue', 'daybreakRed'])
  .meta({ id: 'CyberAccessProgram', description: 'A provider access program for security work.' });
export type CyberAccessProgram = z.infer<typeof CyberAccessProgramSchema>;

export const ModelAccessProgramsSchema = z
  .object({ cyber: z.array(CyberAccessProgramSchema).describe('Security access programs available.') })
  .meta({ id: 'ModelAccessPrograms', description: 'Special access programs of a model.' });
export type ModelAccessPrograms = z.infer<typeof ModelAccessProgramsSchema>;

export const MultiAgentVersionSchema = z
  .enum(['disabled', 'v1', 'v2'])
  .meta({ id: 'MultiAgentVersion', description: 'Which multi-agent runtime a model supports.' });
export type MultiAgentVersion = z.infer<typeof MultiAgentVersionSchema>;

export const ModelSchema = z
  .object({
    id: z.string().describe('Identifier of the entry.'),
    model: z.string().describe('The name to pass as `model`.'),
    displayName: z.string().describe('Name to show.'),
    description: z.string().describe('What the model is good at.'),
    hidden: z.boolean().describe('Whether pickers should hide it.'),
    isDefault: z.boolean().describe('Whether it is the default model.'),
    defaultReasoningEffort: ReasoningEffortSchema.describe('Reasoning effort used when none is given.'),
    supportedReasoningEfforts: z.array(ReasoningEffortOptionSchema).describe('Reasoning efforts it accepts.'),
    inputModalities: z.array(InputModalitySchema).optional().describe('Inputs it accepts (default text and image).'),
    serviceTiers: z.array(ModelServiceTierSchema).optional().describe('Service tiers it offers.'),
    defaultServiceTier: nullish(z.string()).describe('Service tier used when none is given.'),
    additionalSpeedTiers: z.array(z.string()).optional().describe('Legacy list of tier ids; use `serviceTiers`.'),
    supportsPersonality: z.boolean().optional().describe('Legacy flag; always false.'),
    modelSpecialty: nullish(z.string()).describe('A specialty label, if any.'),
    multiAgentVersion: nullish(MultiAgentVersionSchema).describe('Multi-agent runtime, if any.'),
    upgrade: nullish(z.string()).describe('A newer model to suggest, if any.'),
    upgradeInfo: nullish(ModelUpgradeInfoSchema).describe('Details of the suggested upgrade.'),
    availabilityNux: nullish(ModelAvailabilityNuxSchema).describe('Availability notice, if any.'),
    availableAccessPrograms: nullish(ModelAccessProgramsSchema).describe('Access programs, when known.'),
  })
  .meta({ id: 'Model', description: 'A model the client can select.' });
export type Model = z.infer<typeof ModelSchema>;

export const ModelListResponseSchema = z
  .object({
    data: z.array(ModelSchema).describe('This page of models.'),
    nextCursor: nullish(z.string()).describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'ModelListResponse', description: 'A page of models.' });
export type ModelListResponse = z.infer<typeof ModelListResponseSchema>;
