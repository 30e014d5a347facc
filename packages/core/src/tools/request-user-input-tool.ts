/** `request_user_input`: asks the user questions and waits for the answers. */
import * as z from 'zod';
import type { Tool } from './tool.js';
import { parseToolArgs } from './tool-args.js';

const ArgsSchema = z.object({
  questions: z
    .array(
      z.object({
        id: z.string().min(1),
        header: z.string().default(''),
        question: z.string().min(1),
        options: z.array(z.object({ label: z.string(), description: z.string().default('') })).optional(),
      }),
    )
    .min(1),
});

export const requestUserInputTool: Tool = {
  spec: {
    type: 'function',
    name: 'request_user_input',
    description: 'Asks the user one or more questions and waits for the answers.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        questions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', description: 'A short identifier for the answer.' },
              header: { type: 'string', description: 'A few words shown above the question.' },
              question: { type: 'string' },
              options: {
                type: 'array',
                description: 'Choices to offer, if the answer is one of a few.',
                items: {
                  type: 'object',
                  properties: { label: { type: 'string' }, description: { type: 'string' } },
                  required: ['label'],
                  additionalProperties: false,
                },
              },
            },
            required: ['id', 'question'],
            additionalProperties: false,
          },
        },
      },
      required: ['questions'],
      additionalProperties: false,
    },
  },

  async run(call, ctx) {
    const parsed = parseToolArgs('request_user_input', ArgsSchema, call.arguments);
    if (!parsed.ok) return parsed.message;
    ctx.approvals.beginWaiting('waitingOnUserInput');
    const answers = await ctx.approvals.userInput({
      turnId: ctx.turnId,
      itemId: call.callId,
      questions: parsed.value.questions.map((question) => ({
        id: question.id,
        header: question.header,
        question: question.question,
        options: question.options ?? null,
        isOther: false,
        isSecret: false,
      })),
    });
    if (Object.keys(answers).length === 0) return 'The user gave no answer.';
    return JSON.stringify({ answers });
  },
};
