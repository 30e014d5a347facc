/** `skills/list`: the skills (SKILL.md folders) available in some working directories. */
import * as z from 'zod';
import { nullish } from '../define.js';
import { AbsolutePathBufSchema, LegacyAppPathStringSchema } from './common.js';

export const SkillsListParamsSchema = z
  .object({
    cwds: z.array(z.string()).optional().describe('Directories to list skills for; default the server’s cwd.'),
    forceReload: z.boolean().optional().describe('Scan the disk again instead of using the cache.'),
  })
  .meta({ id: 'SkillsListParams', description: 'List the skills visible from some directories.' });
export type SkillsListParams = z.infer<typeof SkillsListParamsSchema>;

export const SkillScopeSchema = z
  .enum(['user', 'repo', 'system', 'admin'])
  .meta({ id: 'SkillScope', description: 'Where a skill is installed.' });
export type SkillScope = z.infer<typeof SkillScopeSchema>;

export const SkillInterfaceSchema = z
  .object({
    displayName: nullish(z.string()).describe('Name to show.'),
    shortDescription: nullish(z.string()).describe('One line to show.'),
    defaultPrompt: nullish(z.string()).describe('Prompt to prefill when the skill is picked.'),
    brandColor: nullish(z.string()).describe('Accent color.'),
    iconSmall: nullish(AbsolutePathBufSchema).describe('Small icon file.'),
    iconLarge: nullish(AbsolutePathBufSchema).describe('Large icon file.'),
    iconSmallUrl: nullish(z.string()).describe('Small icon URL.'),
    iconLargeUrl: nullish(z.string()).describe('Large icon URL.'),
  })
  .meta({ id: 'SkillInterface', description: 'How a client presents a skill.' });
export type SkillInterface = z.infer<typeof SkillInterfaceSchema>;

export const SkillToolDependencySchema = z
  .object({
    type: z.string().describe('Kind of dependency, e.g. an MCP server.'),
    value: z.string().describe('What is needed.'),
    description: nullish(z.string()).describe('Why it is needed.'),
    transport: nullish(z.string()).describe('Transport, for an MCP server.'),
    command: nullish(z.string()).describe('Command to start it, if local.'),
    url: nullish(z.string()).describe('URL, if remote.'),
  })
  .meta({ id: 'SkillToolDependency', description: 'A tool a skill needs.' });
export type SkillToolDependency = z.infer<typeof SkillToolDependencySchema>;

export const SkillDependenciesSchema = z
  .object({ tools: z.array(SkillToolDependencySchema).describe('Tools the skill needs.') })
  .meta({ id: 'SkillDependencies', description: 'What a skill needs to work.' });
export type SkillDependencies = z.infer<typeof SkillDependenciesSchema>;

export const SkillMetadataSchema = z
  .object({
    name: z.string().describe('Name of the skill.'),
    description: z.string().describe('What the skill does; the model reads this.'),
    path: LegacyAppPathStringSchema.describe('The skill’s SKILL.md.'),
    scope: SkillScopeSchema,
    enabled: z.boolean().describe('Whether the skill is offered to the model.'),
    shortDescription: nullish(z.string()).describe('Legacy one-line description.'),
    interface: nullish(SkillInterfaceSchema).describe('Presentation hints, if any.'),
    dependencies: nullish(SkillDependenciesSchema).describe('Requirements, if any.'),
    pluginId: nullish(z.string()).describe('The plugin providing it, if any.'),
  })
  .meta({ id: 'SkillMetadata', description: 'A skill.' });
export type SkillMetadata = z.infer<typeof SkillMetadataSchema>;

export const SkillErrorInfoSchema = z
  .object({
    path: z.string().describe('The skill file that failed to load.'),
    message: z.string().describe('Why.'),
  })
  .meta({ id: 'SkillErrorInfo', description: 'A skill that could not be loaded.' });
export type SkillErrorInfo = z.infer<typeof SkillErrorInfoSchema>;

export const SkillsListEntrySchema = z
  .object({
    cwd: z.string().describe('The directory this entry is for.'),
    skills: z.array(SkillMetadataSchema).describe('Skills visible from it.'),
    errors: z.array(SkillErrorInfoSchema).describe('Skills that failed to load.'),
  })
  .meta({ id: 'SkillsListEntry', description: 'The skills of one directory.' });
export type SkillsListEntry = z.infer<typeof SkillsListEntrySchema>;

export const SkillsListResponseSchema = z
  .object({ data: z.array(SkillsListEntrySchema).describe('One entry per requested directory.') })
  .meta({ id: 'SkillsListResponse', description: 'Skills by directory.' });
export type SkillsListResponse = z.infer<typeof SkillsListResponseSchema>;
