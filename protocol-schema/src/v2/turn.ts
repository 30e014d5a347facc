/** Driving a thread: `turn/start`, `turn/steer` and `turn/interrupt`. */
import * as z from 'zod';
import { nullish } from '../define.js';
import {
  ApprovalsReviewerSchema,
  AskForApprovalSchema,
  PersonalitySchema,
  ReasoningEffortSchema,
  ReasoningSummarySchema,
  SandboxPolicySchema,
} from './common.js';
import { FunctionCallOutputBodySchema } from './other-items.js';
import { TurnSchema } from './thread.js';
import { UserInputSchema } from './user-input.js';

export const TurnToolOutputSchema = z
  .object({
    name: z.string().describe('The tool the output belongs to.'),
    namespace: nullish(z.string()).describe('Namespace of the tool, if any.'),
    output: FunctionCallOutputBodySchema,
    retain: z.boolean().optional().describe('Keep the output in the history the model sees later.'),
  })
  .meta({ id: 'TurnToolOutput', description: 'A tool result the client supplies as the input of a turn.' });
export type TurnToolOutput = z.infer<typeof TurnToolOutputSchema>;

export const TurnStartParamsSchema = z
  .object({
    threadId: z.string().describe('The thread to run the turn in.'),
    input: z.array(UserInputSchema).describe('What the user says.'),
    clientUserMessageId: nullish(z.string()).describe('Client id echoed in the `userMessage` item’s `clientId`.'),
    cwd: nullish(z.string()).describe('Working directory from this turn on.'),
    model: nullish(z.string()).describe('Model from this turn on.'),
    effort: nullish(ReasoningEffortSchema).describe('Reasoning effort from this turn on.'),
    summary: nullish(ReasoningSummarySchema).describe('Reasoning summaries from this turn on.'),
    approvalPolicy: nullish(AskForApprovalSchema).describe('Approval policy from this turn on.'),
    approvalsReviewer: nullish(ApprovalsReviewerSchema).describe('Approval reviewer from this turn on.'),
    sandboxPolicy: nullish(SandboxPolicySchema).describe('Sandbox policy from this turn on.'),
    serviceTier: nullish(z.string()).describe('Service tier from this turn on.'),
    serviceTierForTurn: nullish(z.string()).describe('Service tier for this turn only.'),
    personality: nullish(PersonalitySchema).describe('Legacy style setting; ignored.'),
    outputSchema: z.unknown().optional().describe('A JSON Schema the final answer of this turn must follow.'),
    disabledPluginIds: nullish(z.array(z.string())).describe('Replace the thread’s disabled plugins; [] clears.'),
    parentTurnId: nullish(z.string()).describe('The turn, maybe of another thread, this one works for.'),
    rootTurnId: nullish(z.string()).describe('The first turn of the chain of work; defaults to this turn.'),
    toolOutput: nullish(TurnToolOutputSchema).describe('A tool result to add to the history before the input.'),
    turnTrigger: nullish(z.string()).describe('Free-form label of what triggered the turn, for analytics.'),
  })
  .meta({
    id: 'TurnStartParams',
    description: 'Send user input and run the agent until it answers. Settings given here stick for later turns.',
  });
export type TurnStartParams = z.infer<typeof TurnStartParamsSchema>;

export const TurnStartResponseSchema = z
  .object({ turn: TurnSchema.describe('The new turn, `inProgress` with no items yet.') })
  .meta({ id: 'TurnStartResponse', description: 'The turn has started; progress follows as notifications.' });
export type TurnStartResponse = z.infer<typeof TurnStartResponseSchema>;

export const TurnSteerParamsSchema = z
  .object({
    threadId: z.string().describe('The thread of the running turn.'),
    expectedTurnId: z.string().describe('The turn the client believes is running; the request fails otherwise.'),
    input: z.array(UserInputSchema).describe('What the user adds.'),
    clientUserMessageId: nullish(z.string()).describe('Client id echoed in the `userMessage` item’s `clientId`.'),
  })
  .meta({ id: 'TurnSteerParams', description: 'Add user input to the running turn without starting a new one.' });
export type TurnSteerParams = z.infer<typeof TurnSteerParamsSchema>;

export const TurnSteerResponseSchema = z
  .object({ turnId: z.string().describe('The turn that received the input.') })
  .meta({ id: 'TurnSteerResponse', description: 'The input was queued into the running turn.' });
export type TurnSteerResponse = z.infer<typeof TurnSteerResponseSchema>;

export const TurnInterruptParamsSchema = z
  .object({
    threadId: z.string().describe('The thread of the turn.'),
    turnId: z.string().describe('The turn to stop.'),
  })
  .meta({ id: 'TurnInterruptParams', description: 'Stop a running turn, including the commands it runs.' });
export type TurnInterruptParams = z.infer<typeof TurnInterruptParamsSchema>;

export const TurnInterruptResponseSchema = z.object({}).meta({
  id: 'TurnInterruptResponse',
  description: 'The turn is being stopped; `turn/completed` with status `interrupted` follows.',
});
export type TurnInterruptResponse = z.infer<typeof TurnInterruptResponseSchema>;
