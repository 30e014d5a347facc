/**
 * What the server asks the client while a turn waits: approve a command, approve a patch, answer
 * questions. Params are outbound; the `*Response` schemas parse what the client answers.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { LegacyAppPathStringSchema } from './common.js';
import { CommandActionSchema } from './items.js';

const waitingTurn = {
  threadId: z.string().describe('The thread of the waiting turn.'),
  turnId: z.string().describe('The waiting turn.'),
  itemId: z.string().describe('The item awaiting the decision (sent in `item/started` just before).'),
  startedAtMs: z.int().describe('When the server started waiting, in epoch milliseconds.'),
} as const;

// ---- command approval -------------------------------------------------------------------------

export const NetworkPolicyRuleActionSchema = z
  .enum(['allow', 'deny'])
  .meta({ id: 'NetworkPolicyRuleAction', description: 'Whether a network rule lets traffic through.' });
export type NetworkPolicyRuleAction = z.infer<typeof NetworkPolicyRuleActionSchema>;

export const NetworkPolicyAmendmentSchema = z
  .object({
    host: z.string().describe('The host the rule is about.'),
    action: NetworkPolicyRuleActionSchema,
  })
  .meta({ id: 'NetworkPolicyAmendment', description: 'A network rule to add for later requests.' });
export type NetworkPolicyAmendment = z.infer<typeof NetworkPolicyAmendmentSchema>;

export const NetworkApprovalProtocolSchema = z
  .enum(['http', 'https', 'socks5Tcp', 'socks5Udp'])
  .meta({ id: 'NetworkApprovalProtocol', description: 'The protocol of a blocked connection.' });
export type NetworkApprovalProtocol = z.infer<typeof NetworkApprovalProtocolSchema>;

export const NetworkApprovalContextSchema = z
  .object({
    host: z.string().describe('The host the command tried to reach.'),
    protocol: NetworkApprovalProtocolSchema,
  })
  .meta({ id: 'NetworkApprovalContext', description: 'The connection a network approval is about.' });
export type NetworkApprovalContext = z.infer<typeof NetworkApprovalContextSchema>;

export const CommandExecutionApprovalKindSchema = z.enum(['command', 'writeStdin', 'humanCommand']).meta({
  id: 'CommandExecutionApprovalKind',
  description: 'What is to be approved: running a command, writing to a running one, or a user-typed command.',
});
export type CommandExecutionApprovalKind = z.infer<typeof CommandExecutionApprovalKindSchema>;

export const CommandExecutionApprovalDecisionSchema = z
  .union([
    z.enum(['accept', 'acceptForSession', 'decline', 'cancel']),
    z
      .object({
        acceptWithExecpolicyAmendment: z.object({
          execpolicy_amendment: z.array(z.string()).describe('Command prefix to allow from now on.'),
        }),
      })
      .describe('Run it, and allow commands with this prefix without asking again.'),
    z
      .object({
        applyNetworkPolicyAmendment: z.object({ network_policy_amendment: NetworkPolicyAmendmentSchema }),
      })
      .describe('Add this network rule, then go on.'),
  ])
  .meta({
    id: 'CommandExecutionApprovalDecision',
    description:
      'The user’s answer: `accept` runs it once, `acceptForSession` also allows it for the rest of ' +
      'the session, `decline` refuses (the model is told and goes on), `cancel` refuses and stops the turn.',
  });
export type CommandExecutionApprovalDecision = z.infer<typeof CommandExecutionApprovalDecisionSchema>;

export const CommandExecutionRequestApprovalParamsSchema = z
  .object({
    ...waitingTurn,
    kind: CommandExecutionApprovalKindSchema.optional().describe('What is to be approved (default `command`).'),
    approvalId: nullish(z.string()).describe('Distinguishes several approvals for one item; null for one.'),
    command: nullish(z.string()).describe('The command line.'),
    cwd: nullish(LegacyAppPathStringSchema).describe('Where it would run.'),
    commandActions: nullish(z.array(CommandActionSchema)).describe('What the command does, for display.'),
    reason: nullish(z.string()).describe('Why approval is needed, e.g. the sandbox refused it.'),
    environmentId: nullish(z.string()).describe('The environment it would run in.'),
    networkApprovalContext: nullish(NetworkApprovalContextSchema).describe('For a network approval: the connection.'),
    proposedExecpolicyAmendment: nullish(z.array(z.string())).describe('A prefix rule the user could allow.'),
    proposedNetworkPolicyAmendments: nullish(z.array(NetworkPolicyAmendmentSchema)).describe(
      'Network rules the user could add.',
    ),
    availableDecisions: z
      .array(CommandExecutionApprovalDecisionSchema)
      .optional()
      .describe('The decisions the client may offer (sent by the reference server, not in its schema).'),
  })
  .meta({
    id: 'CommandExecutionRequestApprovalParams',
    description: 'Ask the user whether a command may run.',
  });
export type CommandExecutionRequestApprovalParams = z.infer<typeof CommandExecutionRequestApprovalParamsSchema>;

export const CommandExecutionRequestApprovalResponseSchema = z
  .object({ decision: CommandExecutionApprovalDecisionSchema })
  .meta({ id: 'CommandExecutionRequestApprovalResponse', description: 'The user’s decision on a command.' });
export type CommandExecutionRequestApprovalResponse = z.infer<typeof CommandExecutionRequestApprovalResponseSchema>;

// ---- patch approval ---------------------------------------------------------------------------

export const FileChangeApprovalDecisionSchema = z.enum(['accept', 'acceptForSession', 'decline', 'cancel']).meta({
  id: 'FileChangeApprovalDecision',
  description:
    'The user’s answer: apply once, apply and allow such writes for the session, refuse (the model ' +
    'is told), or refuse and stop the turn.',
});
export type FileChangeApprovalDecision = z.infer<typeof FileChangeApprovalDecisionSchema>;

export const FileChangeRequestApprovalParamsSchema = z
  .object({
    ...waitingTurn,
    reason: nullish(z.string()).describe('Why approval is needed.'),
    grantRoot: nullish(z.string()).describe('A directory the user could make writable for the session.'),
  })
  .meta({
    id: 'FileChangeRequestApprovalParams',
    description: 'Ask the user whether a patch may be applied; the changes are in the `fileChange` item.',
  });
export type FileChangeRequestApprovalParams = z.infer<typeof FileChangeRequestApprovalParamsSchema>;

export const FileChangeRequestApprovalResponseSchema = z
  .object({ decision: FileChangeApprovalDecisionSchema })
  .meta({ id: 'FileChangeRequestApprovalResponse', description: 'The user’s decision on a patch.' });
export type FileChangeRequestApprovalResponse = z.infer<typeof FileChangeRequestApprovalResponseSchema>;

// ---- questions --------------------------------------------------------------------------------

export const ToolRequestUserInputOptionSchema = z
  .object({
    label: z.string().describe('The answer as shown and returned.'),
    description: z.string().describe('What choosing it means.'),
  })
  .meta({ id: 'ToolRequestUserInputOption', description: 'A suggested answer.' });
export type ToolRequestUserInputOption = z.infer<typeof ToolRequestUserInputOptionSchema>;

export const ToolRequestUserInputQuestionSchema = z
  .object({
    id: z.string().describe('Key of the answer in the response.'),
    header: z.string().describe('A short heading.'),
    question: z.string().describe('The question.'),
    options: nullish(z.array(ToolRequestUserInputOptionSchema)).describe('Suggested answers, if any.'),
    isOther: z.boolean().optional().describe('Whether a free-text answer besides the options is allowed.'),
    isSecret: z.boolean().optional().describe('Whether the answer should be masked while typed.'),
  })
  .meta({ id: 'ToolRequestUserInputQuestion', description: 'One question for the user.' });
export type ToolRequestUserInputQuestion = z.infer<typeof ToolRequestUserInputQuestionSchema>;

export const ToolRequestUserInputParamsSchema = z
  .object({
    threadId: waitingTurn.threadId,
    turnId: waitingTurn.turnId,
    itemId: z.string().describe('The tool call asking.'),
    questions: z.array(ToolRequestUserInputQuestionSchema).describe('The questions, in order.'),
    isBlocking: z.boolean().describe('Whether the turn waits for the answer.'),
    autoResolutionMs: nullish(z.int().nonnegative()).describe('Resolve without the user after this long, if set.'),
  })
  .meta({ id: 'ToolRequestUserInputParams', description: 'The model asks the user questions.' });
export type ToolRequestUserInputParams = z.infer<typeof ToolRequestUserInputParamsSchema>;

export const ToolRequestUserInputAnswerSchema = z
  .object({ answers: z.array(z.string()).describe('The chosen option labels and/or typed text.') })
  .meta({ id: 'ToolRequestUserInputAnswer', description: 'The answer to one question.' });
export type ToolRequestUserInputAnswer = z.infer<typeof ToolRequestUserInputAnswerSchema>;

export const ToolRequestUserInputResponseSchema = z
  .object({
    answers: z.record(z.string(), ToolRequestUserInputAnswerSchema).describe('Answers by question id.'),
  })
  .meta({ id: 'ToolRequestUserInputResponse', description: 'The user’s answers.' });
export type ToolRequestUserInputResponse = z.infer<typeof ToolRequestUserInputResponseSchema>;
