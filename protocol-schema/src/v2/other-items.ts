/**
 * ThreadItem variants of the reference protocol that agentd does not produce (hooks, dynamic and
 * multi-agent tools, web search, image generation, review mode). They are modelled so that threads
 * written by another server, and clients that send them back, still parse.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { AbsolutePathBufSchema, ReasoningEffortSchema, itemTimes } from './common.js';
import { ImageDetailSchema } from './user-input.js';

const id = z.string().describe('Identifier of the item, unique within its thread.');

export const HookPromptFragmentSchema = z
  .object({
    hookRunId: z.string().describe('The hook run that produced the text.'),
    text: z.string().describe('The text the hook contributed.'),
  })
  .meta({ id: 'HookPromptFragment', description: 'A piece of prompt a hook injected.' });
export type HookPromptFragment = z.infer<typeof HookPromptFragmentSchema>;

export const HookPromptThreadItemSchema = z
  .object({
    type: z.literal('hookPrompt'),
    id,
    fragments: z.array(HookPromptFragmentSchema).describe('The injected pieces, in order.'),
    ...itemTimes,
  })
  .meta({ id: 'HookPromptThreadItem', description: 'Prompt text injected by hooks.' });
export type HookPromptThreadItem = z.infer<typeof HookPromptThreadItemSchema>;

const hasOneOf = (keys: readonly string[]) => (value: object) =>
  keys.some((key) => (value as Record<string, unknown>)[key] !== undefined);

export const FunctionCallOutputContentItemSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('input_text'), text: z.string().describe('Text output.') }).describe('Text.'),
    z
      .object({
        type: z.literal('input_image'),
        image_url: z.string().optional().describe('Image URL (http(s) or data URL).'),
        file_id: z.string().optional().describe('Uploaded file of the model provider.'),
        detail: nullish(ImageDetailSchema).describe('Resolution hint for the model.'),
      })
      .refine(hasOneOf(['image_url', 'file_id']), { message: 'either `image_url` or `file_id` is required' })
      .describe('An image, by URL or uploaded file id.'),
    z
      .object({
        type: z.literal('input_audio'),
        audio_url: z.string().optional().describe('Audio URL (http(s) or data URL).'),
        file_id: z.string().optional().describe('Uploaded file of the model provider.'),
      })
      .refine(hasOneOf(['audio_url', 'file_id']), { message: 'either `audio_url` or `file_id` is required' })
      .describe('Audio, by URL or uploaded file id.'),
    z
      .object({
        type: z.literal('encrypted_content'),
        encrypted_content: z.string().describe('Opaque content only the provider can read.'),
      })
      .describe('Encrypted content.'),
  ])
  .meta({
    id: 'FunctionCallOutputContentItem',
    description: 'A content part of a tool result, in the Responses API’s shape.',
  });
export type FunctionCallOutputContentItem = z.infer<typeof FunctionCallOutputContentItemSchema>;

export const FunctionCallOutputBodySchema = z
  .union([z.string(), z.array(FunctionCallOutputContentItemSchema)])
  .meta({ id: 'FunctionCallOutputBody', description: 'A tool result: plain text or content parts.' });
export type FunctionCallOutputBody = z.infer<typeof FunctionCallOutputBodySchema>;

export const FunctionCallOutputThreadItemSchema = z
  .object({
    type: z.literal('functionCallOutput'),
    id,
    name: z.string().describe('The tool whose output this is.'),
    namespace: nullish(z.string()).describe('Namespace of the tool, if any.'),
    output: FunctionCallOutputBodySchema,
    ...itemTimes,
  })
  .meta({ id: 'FunctionCallOutputThreadItem', description: 'A tool output the client supplied.' });
export type FunctionCallOutputThreadItem = z.infer<typeof FunctionCallOutputThreadItemSchema>;

export const DynamicToolCallStatusSchema = z
  .enum(['inProgress', 'completed', 'failed'])
  .meta({ id: 'DynamicToolCallStatus', description: 'Progress of a client-side tool call.' });
export type DynamicToolCallStatus = z.infer<typeof DynamicToolCallStatusSchema>;

export const DynamicToolCallOutputContentItemSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('inputText'), text: z.string().describe('Text output.') }).describe('Text.'),
    z.object({ type: z.literal('inputImage'), imageUrl: z.string().describe('Image URL.') }).describe('An image.'),
    z.object({ type: z.literal('inputAudio'), audioUrl: z.string().describe('Audio URL.') }).describe('Audio.'),
  ])
  .meta({ id: 'DynamicToolCallOutputContentItem', description: 'A content part of a client-side tool result.' });
export type DynamicToolCallOutputContentItem = z.infer<typeof DynamicToolCallOutputContentItemSchema>;

export const DynamicToolCallThreadItemSchema = z
  .object({
    type: z.literal('dynamicToolCall'),
    id,
    tool: z.string().describe('Name of the tool.'),
    namespace: nullish(z.string()).describe('Namespace of the tool, if any.'),
    arguments: z.unknown().describe('The arguments the model passed, as JSON.'),
    status: DynamicToolCallStatusSchema,
    contentItems: nullish(z.array(DynamicToolCallOutputContentItemSchema)).describe('The result, once known.'),
    success: nullish(z.boolean()).describe('Whether the client reported success.'),
    durationMs: nullish(z.int()).describe('How long the call took, in milliseconds.'),
    ...itemTimes,
  })
  .meta({ id: 'DynamicToolCallThreadItem', description: 'A call to a tool the client implements.' });
export type DynamicToolCallThreadItem = z.infer<typeof DynamicToolCallThreadItemSchema>;

export const CollabAgentToolSchema = z
  .enum([
    'spawnAgent',
    'sendInput',
    'resumeAgent',
    'wait',
    'closeAgent',
    'sendMessage',
    'followupTask',
    'interruptAgent',
    'listAgents',
  ])
  .meta({ id: 'CollabAgentTool', description: 'The multi-agent operation called.' });
export type CollabAgentTool = z.infer<typeof CollabAgentToolSchema>;

export const CollabAgentToolCallStatusSchema = z
  .enum(['inProgress', 'completed', 'failed', 'interrupted'])
  .meta({ id: 'CollabAgentToolCallStatus', description: 'Progress of a multi-agent tool call.' });
export type CollabAgentToolCallStatus = z.infer<typeof CollabAgentToolCallStatusSchema>;

export const CollabAgentStatusSchema = z
  .enum(['pendingInit', 'running', 'interrupted', 'completed', 'errored', 'shutdown', 'notFound'])
  .meta({ id: 'CollabAgentStatus', description: 'Lifecycle state of a sub-agent.' });
export type CollabAgentStatus = z.infer<typeof CollabAgentStatusSchema>;

export const CollabAgentStateSchema = z
  .object({
    status: CollabAgentStatusSchema,
    message: nullish(z.string()).describe('Latest message of the sub-agent, if any.'),
  })
  .meta({ id: 'CollabAgentState', description: 'What a sub-agent is doing.' });
export type CollabAgentState = z.infer<typeof CollabAgentStateSchema>;

export const CollabAgentToolCallThreadItemSchema = z
  .object({
    type: z.literal('collabAgentToolCall'),
    id,
    tool: CollabAgentToolSchema,
    status: CollabAgentToolCallStatusSchema,
    senderThreadId: z.string().describe('The thread that made the call.'),
    receiverThreadIds: z.array(z.string()).describe('The sub-agent threads addressed.'),
    agentsStates: z.record(z.string(), CollabAgentStateSchema).describe('State of each sub-agent, by thread id.'),
    prompt: nullish(z.string()).describe('What the sub-agent was asked, if anything.'),
    model: nullish(z.string()).describe('Model of the sub-agent, if set.'),
    reasoningEffort: nullish(ReasoningEffortSchema).describe('Reasoning effort of the sub-agent, if set.'),
    ...itemTimes,
  })
  .meta({ id: 'CollabAgentToolCallThreadItem', description: 'A call that manages sub-agents.' });
export type CollabAgentToolCallThreadItem = z.infer<typeof CollabAgentToolCallThreadItemSchema>;

export const SubAgentActivityKindSchema = z
  .enum(['started', 'interacted', 'interrupted', 'completed'])
  .meta({ id: 'SubAgentActivityKind', description: 'What happened to a sub-agent.' });
export type SubAgentActivityKind = z.infer<typeof SubAgentActivityKindSchema>;

export const SubAgentActivityThreadItemSchema = z
  .object({
    type: z.literal('subAgentActivity'),
    id,
    kind: SubAgentActivityKindSchema,
    agentPath: z.string().describe('Path of the sub-agent in the agent tree.'),
    agentThreadId: z.string().describe('Thread of the sub-agent.'),
    model: nullish(z.string()).describe('Model of the sub-agent, if set.'),
    reasoningEffort: nullish(ReasoningEffortSchema).describe('Reasoning effort of the sub-agent, if set.'),
    ...itemTimes,
  })
  .meta({ id: 'SubAgentActivityThreadItem', description: 'A sub-agent changed state.' });
export type SubAgentActivityThreadItem = z.infer<typeof SubAgentActivityThreadItemSchema>;

export const WebSearchActionSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('search'),
        query: nullish(z.string()).describe('The query, if a single one.'),
        queries: nullish(z.array(z.string())).describe('The queries, if several.'),
      })
      .describe('Ran a search.'),
    z
      .object({ type: z.literal('openPage'), url: nullish(z.string()).describe('The page opened.') })
      .describe('Opened a page.'),
    z
      .object({
        type: z.literal('findInPage'),
        url: nullish(z.string()).describe('The page searched.'),
        pattern: nullish(z.string()).describe('What was looked for.'),
      })
      .describe('Searched within a page.'),
    z.object({ type: z.literal('other') }).describe('Something else.'),
  ])
  .meta({ id: 'WebSearchAction', description: 'What a web search step did.' });
export type WebSearchAction = z.infer<typeof WebSearchActionSchema>;

export const WebSearchThreadItemSchema = z
  .object({
    type: z.literal('webSearch'),
    id,
    query: z.string().describe('The search query.'),
    action: nullish(WebSearchActionSchema).describe('The step taken, if known.'),
    results: nullish(z.array(z.unknown())).describe('Results, in the provider’s shape.'),
    ...itemTimes,
  })
  .meta({ id: 'WebSearchThreadItem', description: 'A web search run by the model provider.' });
export type WebSearchThreadItem = z.infer<typeof WebSearchThreadItemSchema>;

export const SleepThreadItemSchema = z
  .object({
    type: z.literal('sleep'),
    id,
    durationMs: z.int().nonnegative().describe('How long the agent waited, in milliseconds.'),
    ...itemTimes,
  })
  .meta({ id: 'SleepThreadItem', description: 'The agent paused.' });
export type SleepThreadItem = z.infer<typeof SleepThreadItemSchema>;

export const ImageGenerationFailureSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('usageLimitExceeded'),
        limitId: z.string().describe('The limit reached.'),
        resetsAt: nullish(z.int()).describe('When it resets, in epoch seconds.'),
      })
      .describe('A usage limit was reached.'),
  ])
  .meta({ id: 'ImageGenerationFailure', description: 'Why image generation failed.' });
export type ImageGenerationFailure = z.infer<typeof ImageGenerationFailureSchema>;

export const ImageGenerationInputImageSchema = z
  .object({
    path: AbsolutePathBufSchema.describe('The input image file.'),
    sha256: z.string().describe('Lowercase hex SHA-256 of the bytes read.'),
  })
  .meta({ id: 'ImageGenerationInputImage', description: 'A local image given to image generation.' });
export type ImageGenerationInputImage = z.infer<typeof ImageGenerationInputImageSchema>;

export const ImageGenerationThreadItemSchema = z
  .object({
    type: z.literal('imageGeneration'),
    id,
    status: z.string().describe('Progress of the generation, as the provider reports it.'),
    fileId: z.string().optional().describe('Where the image is kept in the attachment store.'),
    result: z.string().optional().describe('The image itself, inline (base64).'),
    revisedPrompt: nullish(z.string()).describe('The prompt as the provider rewrote it.'),
    savedPath: nullish(AbsolutePathBufSchema).describe('Where the image was saved.'),
    inputImages: z.array(ImageGenerationInputImageSchema).optional().describe('Local images used as input.'),
    generationId: nullish(z.string()).describe('Provider identifier of the generation.'),
    failure: nullish(ImageGenerationFailureSchema).describe('Why it failed, if it did.'),
    transparentBackground: nullish(z.boolean()).describe('Whether the background is transparent.'),
    ...itemTimes,
  })
  .refine(hasOneOf(['fileId', 'result']), { message: 'either `fileId` or `result` is required' })
  .meta({ id: 'ImageGenerationThreadItem', description: 'An image the model provider generated.' });
export type ImageGenerationThreadItem = z.infer<typeof ImageGenerationThreadItemSchema>;

export const EnteredReviewModeThreadItemSchema = z
  .object({
    type: z.literal('enteredReviewMode'),
    id,
    review: z.string().describe('What is being reviewed.'),
    ...itemTimes,
  })
  .meta({ id: 'EnteredReviewModeThreadItem', description: 'A code review started.' });
export type EnteredReviewModeThreadItem = z.infer<typeof EnteredReviewModeThreadItemSchema>;

export const ExitedReviewModeThreadItemSchema = z
  .object({
    type: z.literal('exitedReviewMode'),
    id,
    review: z.string().describe('The review’s result.'),
    ...itemTimes,
  })
  .meta({ id: 'ExitedReviewModeThreadItem', description: 'A code review ended.' });
export type ExitedReviewModeThreadItem = z.infer<typeof ExitedReviewModeThreadItemSchema>;
