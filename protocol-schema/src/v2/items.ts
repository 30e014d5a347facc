/**
 * ThreadItem: one unit of a turn (a message, a command, a patch, a tool call...). The variants agentd
 * produces are declared here precisely; the rest of the reference union lives in `other-items.ts`.
 * Items are flat on the wire: the `type` tag, the variant's fields and the shared timing fields.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { LegacyAppPathStringSchema, itemTimes } from './common.js';
import {
  CollabAgentToolCallThreadItemSchema,
  DynamicToolCallThreadItemSchema,
  EnteredReviewModeThreadItemSchema,
  ExitedReviewModeThreadItemSchema,
  FunctionCallOutputThreadItemSchema,
  HookPromptThreadItemSchema,
  ImageGenerationThreadItemSchema,
  SleepThreadItemSchema,
  SubAgentActivityThreadItemSchema,
  WebSearchThreadItemSchema,
} from './other-items.js';
import { UserInputSchema } from './user-input.js';

const id = z.string().describe('Identifier of the item, unique within its thread.');

// ---- userMessage ------------------------------------------------------------------------------

export const UserMessageThreadItemSchema = z
  .object({
    type: z.literal('userMessage'),
    id,
    content: z.array(UserInputSchema).describe('What the user sent, as given to `turn/start`.'),
    clientId: nullish(z.string()).describe('The `clientUserMessageId` the client attached, if any.'),
    ...itemTimes,
  })
  .meta({ id: 'UserMessageThreadItem', description: 'A message from the user.' });
export type UserMessageThreadItem = z.infer<typeof UserMessageThreadItemSchema>;

// ---- agentMessage -----------------------------------------------------------------------------

export const MessagePhaseSchema = z.enum(['commentary', 'partial_answer', 'final_answer']).meta({
  id: 'MessagePhase',
  description:
    'What kind of assistant text this is: progress narration, an answer more output may follow, ' +
    'or the final answer. Absent when the model does not say.',
});
export type MessagePhase = z.infer<typeof MessagePhaseSchema>;

export const AgentMessageDeliverySchema = z
  .enum(['async'])
  .meta({ id: 'AgentMessageDelivery', description: 'How the message reaches the user, when not inline.' });
export type AgentMessageDelivery = z.infer<typeof AgentMessageDeliverySchema>;

export const MemoryCitationEntrySchema = z
  .object({
    path: z.string().describe('The memory file.'),
    lineStart: z.int().nonnegative().describe('First cited line.'),
    lineEnd: z.int().nonnegative().describe('Last cited line.'),
    note: z.string().describe('Why it is cited.'),
  })
  .meta({ id: 'MemoryCitationEntry', description: 'One cited passage of a memory file.' });
export type MemoryCitationEntry = z.infer<typeof MemoryCitationEntrySchema>;

export const MemoryCitationSchema = z
  .object({
    entries: z.array(MemoryCitationEntrySchema).describe('The cited passages.'),
    threadIds: z.array(z.string()).describe('Threads the cited memories came from.'),
  })
  .meta({ id: 'MemoryCitation', description: 'Stored memories an answer relied on.' });
export type MemoryCitation = z.infer<typeof MemoryCitationSchema>;

export const AgentMessageDisplaySchema = z
  .object({
    action: z.string().describe('What the client should do with the answer; unknown actions are left alone.'),
    blockType: nullish(z.string()).describe('Kind of block, when the action hides the answer.'),
    checkTrustedContacts: nullish(z.boolean()).describe('Provider-specific display hint.'),
    cyberTrustedAccess: nullish(z.boolean()).describe('Provider-specific display hint.'),
  })
  .meta({ id: 'AgentMessageDisplay', description: 'A display instruction attached by moderation.' });
export type AgentMessageDisplay = z.infer<typeof AgentMessageDisplaySchema>;

export const AgentMessageModerationSchema = z
  .object({
    moderated: z.boolean().describe('Whether moderation changed or flagged the answer.'),
    display: nullish(AgentMessageDisplaySchema).describe('How to present it, if special.'),
  })
  .meta({ id: 'AgentMessageModeration', description: 'Moderation outcome for an answer.' });
export type AgentMessageModeration = z.infer<typeof AgentMessageModerationSchema>;

export const AsyncUserInputQuestionSchema = z
  .object({
    title: z.string().describe('The question.'),
    options: nullish(z.array(z.string())).describe('Suggested answers, if any.'),
  })
  .meta({ id: 'AsyncUserInputQuestion', description: 'A question the answer leaves for the user.' });
export type AsyncUserInputQuestion = z.infer<typeof AsyncUserInputQuestionSchema>;

export const AgentMessageThreadItemSchema = z
  .object({
    type: z.literal('agentMessage'),
    id,
    text: z.string().describe('The message text; empty in `item/started`, complete in `item/completed`.'),
    phase: nullish(MessagePhaseSchema).describe('What kind of text this is, when the model says.'),
    delivery: nullish(AgentMessageDeliverySchema).describe('Non-inline delivery, if any.'),
    memoryCitation: nullish(MemoryCitationSchema).describe('Memories the message relied on.'),
    moderation: nullish(AgentMessageModerationSchema).describe('Moderation outcome, if any.'),
    questions: nullish(z.array(AsyncUserInputQuestionSchema)).describe('Follow-up questions for the user.'),
    ...itemTimes,
  })
  .meta({ id: 'AgentMessageThreadItem', description: 'Text the model wrote to the user.' });
export type AgentMessageThreadItem = z.infer<typeof AgentMessageThreadItemSchema>;

// ---- plan / reasoning -------------------------------------------------------------------------

export const PlanThreadItemSchema = z
  .object({
    type: z.literal('plan'),
    id,
    text: z.string().describe('The proposed plan as Markdown.'),
    ...itemTimes,
  })
  .meta({ id: 'PlanThreadItem', description: 'A plan the model proposes (streamed by `item/plan/delta`).' });
export type PlanThreadItem = z.infer<typeof PlanThreadItemSchema>;

export const ReasoningThreadItemSchema = z
  .object({
    type: z.literal('reasoning'),
    id,
    summary: z.array(z.string()).optional().describe('Reasoning summary parts, in order (default none).'),
    content: z.array(z.string()).optional().describe('Raw reasoning text parts, when the model exposes them.'),
    ...itemTimes,
  })
  .meta({ id: 'ReasoningThreadItem', description: 'What the model reasoned before acting.' });
export type ReasoningThreadItem = z.infer<typeof ReasoningThreadItemSchema>;

// ---- commandExecution -------------------------------------------------------------------------

export const CommandActionSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('read'),
        command: z.string().describe('The part of the command line doing it.'),
        name: z.string().describe('Short name of the file read.'),
        path: LegacyAppPathStringSchema.describe('The file read.'),
      })
      .describe('Reads a file.'),
    z
      .object({
        type: z.literal('listFiles'),
        command: z.string().describe('The part of the command line doing it.'),
        path: nullish(z.string()).describe('The directory listed, if known.'),
      })
      .describe('Lists files.'),
    z
      .object({
        type: z.literal('search'),
        command: z.string().describe('The part of the command line doing it.'),
        query: nullish(z.string()).describe('What is searched for, if known.'),
        path: nullish(z.string()).describe('Where it is searched, if known.'),
      })
      .describe('Searches file contents or names.'),
    z
      .object({
        type: z.literal('unknown'),
        command: z.string().describe('The command line.'),
      })
      .describe('Anything the server did not classify.'),
  ])
  .meta({ id: 'CommandAction', description: 'A best-effort reading of what a command does, for display.' });
export type CommandAction = z.infer<typeof CommandActionSchema>;

export const CommandExecutionStatusSchema = z.enum(['inProgress', 'completed', 'failed', 'declined']).meta({
  id: 'CommandExecutionStatus',
  description: 'Running, exited with 0, failed (non-zero exit, timeout, sandbox denial), or refused by the user.',
});
export type CommandExecutionStatus = z.infer<typeof CommandExecutionStatusSchema>;

export const CommandExecutionSourceSchema = z
  .enum(['agent', 'userShell', 'unifiedExecStartup', 'unifiedExecInteraction'])
  .meta({ id: 'CommandExecutionSource', description: 'Who started the command and how.' });
export type CommandExecutionSource = z.infer<typeof CommandExecutionSourceSchema>;

export const CommandExecutionThreadItemSchema = z
  .object({
    type: z.literal('commandExecution'),
    id,
    command: z.string().describe('The command line as it is run.'),
    cwd: LegacyAppPathStringSchema.describe('Where it runs.'),
    status: CommandExecutionStatusSchema,
    commandActions: z.array(CommandActionSchema).describe('What the command does, for display.'),
    source: CommandExecutionSourceSchema.optional().describe('Who started it (default `agent`).'),
    processId: nullish(z.string()).describe('Operating-system process id once it runs.'),
    aggregatedOutput: nullish(z.string()).describe('Interleaved stdout and stderr, once it finished.'),
    exitCode: nullish(z.int()).describe('Exit code; null while running or when it never ran.'),
    durationMs: nullish(z.int()).describe('How long it ran, in milliseconds.'),
    pluginId: nullish(z.string()).describe('The plugin that ran it, if any.'),
    scriptPath: nullish(z.string()).describe('The script file run, if any.'),
    ...itemTimes,
  })
  .meta({ id: 'CommandExecutionThreadItem', description: 'A shell command the agent runs.' });
export type CommandExecutionThreadItem = z.infer<typeof CommandExecutionThreadItemSchema>;

// ---- fileChange -------------------------------------------------------------------------------

export const PatchChangeKindSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('add') }).describe('The file is created.'),
    z.object({ type: z.literal('delete') }).describe('The file is removed.'),
    z
      .object({
        type: z.literal('update'),
        move_path: nullish(z.string()).describe('New path when the file is also renamed.'),
      })
      .describe('The file is modified.'),
  ])
  .meta({ id: 'PatchChangeKind', description: 'What a patch does to one file.' });
export type PatchChangeKind = z.infer<typeof PatchChangeKindSchema>;

export const FileUpdateChangeSchema = z
  .object({
    path: z.string().describe('Absolute path of the file.'),
    kind: PatchChangeKindSchema,
    diff: z.string().describe('The change as a unified diff (the whole content for added files).'),
  })
  .meta({ id: 'FileUpdateChange', description: 'One file of a patch.' });
export type FileUpdateChange = z.infer<typeof FileUpdateChangeSchema>;

export const PatchApplyStatusSchema = z.enum(['inProgress', 'completed', 'failed', 'declined']).meta({
  id: 'PatchApplyStatus',
  description: 'Pending or being applied, applied, failed to apply, or refused by the user.',
});
export type PatchApplyStatus = z.infer<typeof PatchApplyStatusSchema>;

export const FileChangeThreadItemSchema = z
  .object({
    type: z.literal('fileChange'),
    id,
    changes: z.array(FileUpdateChangeSchema).describe('The files the patch touches.'),
    status: PatchApplyStatusSchema,
    ...itemTimes,
  })
  .meta({ id: 'FileChangeThreadItem', description: 'A patch the agent applies to files.' });
export type FileChangeThreadItem = z.infer<typeof FileChangeThreadItemSchema>;

// ---- mcpToolCall ------------------------------------------------------------------------------

export const McpToolCallStatusSchema = z
  .enum(['inProgress', 'completed', 'failed'])
  .meta({ id: 'McpToolCallStatus', description: 'Progress of an MCP tool call.' });
export type McpToolCallStatus = z.infer<typeof McpToolCallStatusSchema>;

export const McpToolCallResultSchema = z
  .object({
    content: z.array(z.unknown()).describe('MCP content blocks the tool returned.'),
    structuredContent: z.unknown().optional().describe('Structured result, if the tool returned one.'),
    _meta: z.unknown().optional().describe('The MCP `_meta` of the result.'),
  })
  .meta({ id: 'McpToolCallResult', description: 'What an MCP tool returned.' });
export type McpToolCallResult = z.infer<typeof McpToolCallResultSchema>;

export const McpToolCallErrorSchema = z
  .object({ message: z.string().describe('What went wrong.') })
  .meta({ id: 'McpToolCallError', description: 'Why an MCP tool call failed.' });
export type McpToolCallError = z.infer<typeof McpToolCallErrorSchema>;

export const McpToolCallAppContextSchema = z
  .object({
    connectorId: z.string().describe('The connector the tool belongs to.'),
    appName: nullish(z.string()).describe('Display name of the app.'),
    actionName: nullish(z.string()).describe('Display name of the action.'),
    linkId: nullish(z.string()).describe('Link identifier, if any.'),
    resourceUri: nullish(z.string()).describe('UI resource of the app, if any.'),
  })
  .meta({ id: 'McpToolCallAppContext', description: 'App metadata of a tool that belongs to a connector app.' });
export type McpToolCallAppContext = z.infer<typeof McpToolCallAppContextSchema>;

export const McpAppDisplayModeSchema = z
  .enum(['inline', 'fullscreen'])
  .meta({ id: 'McpAppDisplayMode', description: 'How an MCP app UI prefers to be shown.' });
export type McpAppDisplayMode = z.infer<typeof McpAppDisplayModeSchema>;

export const McpAppUiSchema = z
  .object({
    resourceUri: z.string().describe('The UI resource to render.'),
    preferredModelDisplayMode: McpAppDisplayModeSchema,
  })
  .meta({ id: 'McpAppUi', description: 'A UI an MCP tool offers for its result.' });
export type McpAppUi = z.infer<typeof McpAppUiSchema>;

export const McpToolCallThreadItemSchema = z
  .object({
    type: z.literal('mcpToolCall'),
    id,
    server: z.string().describe('Name of the MCP server (its key under `mcp_servers`).'),
    tool: z.string().describe('Name of the tool on that server.'),
    status: McpToolCallStatusSchema,
    arguments: z.unknown().describe('The arguments the model passed, as JSON.'),
    result: nullish(McpToolCallResultSchema).describe('What the tool returned, once it completed.'),
    error: nullish(McpToolCallErrorSchema).describe('Why it failed, if it did.'),
    durationMs: nullish(z.int()).describe('How long the call took, in milliseconds.'),
    pluginId: nullish(z.string()).describe('The plugin providing the server, if any.'),
    readOnlyHint: nullish(z.boolean()).describe('Whether the tool declares itself read-only.'),
    appContext: nullish(McpToolCallAppContextSchema).describe('App metadata, for connector tools.'),
    mcpAppResourceUri: nullish(z.string()).describe('UI resource of the tool, if any.'),
    mcpAppUi: nullish(McpAppUiSchema).describe('UI preference of the tool, if any.'),
    ...itemTimes,
  })
  .meta({ id: 'McpToolCallThreadItem', description: 'A call to a tool of an MCP server.' });
export type McpToolCallThreadItem = z.infer<typeof McpToolCallThreadItemSchema>;

// ---- imageView / contextCompaction ------------------------------------------------------------

export const ImageViewThreadItemSchema = z
  .object({
    type: z.literal('imageView'),
    id,
    path: LegacyAppPathStringSchema.describe('The image file the model looked at.'),
    ...itemTimes,
  })
  .meta({ id: 'ImageViewThreadItem', description: 'The model looked at a local image.' });
export type ImageViewThreadItem = z.infer<typeof ImageViewThreadItemSchema>;

export const ContextCompactionThreadItemSchema = z
  .object({ type: z.literal('contextCompaction'), id, ...itemTimes })
  .meta({
    id: 'ContextCompactionThreadItem',
    description: 'The history before this point was replaced by a summary to free context.',
  });
export type ContextCompactionThreadItem = z.infer<typeof ContextCompactionThreadItemSchema>;

// ---- the union --------------------------------------------------------------------------------

export const ThreadItemSchema = z
  .discriminatedUnion('type', [
    UserMessageThreadItemSchema,
    HookPromptThreadItemSchema,
    AgentMessageThreadItemSchema,
    FunctionCallOutputThreadItemSchema,
    PlanThreadItemSchema,
    ReasoningThreadItemSchema,
    CommandExecutionThreadItemSchema,
    FileChangeThreadItemSchema,
    McpToolCallThreadItemSchema,
    DynamicToolCallThreadItemSchema,
    CollabAgentToolCallThreadItemSchema,
    SubAgentActivityThreadItemSchema,
    WebSearchThreadItemSchema,
    ImageViewThreadItemSchema,
    SleepThreadItemSchema,
    ImageGenerationThreadItemSchema,
    EnteredReviewModeThreadItemSchema,
    ExitedReviewModeThreadItemSchema,
    ContextCompactionThreadItemSchema,
  ])
  .meta({ id: 'ThreadItem', description: 'One unit of a turn, tagged by `type`.' });
export type ThreadItem = z.infer<typeof ThreadItemSchema>;
export type ThreadItemType = ThreadItem['type'];
