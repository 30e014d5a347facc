/**
 * `update_plan`: the model keeps a short checklist visible to the user. Each update is a
 * `turn/plan/updated` event and a `plan` item holding the checklist as text.
 */
import * as z from 'zod';
import type { PlanStep } from '../turn/events.js';
import type { Tool } from './tool.js';
import { parseToolArgs } from './tool-args.js';

const StatusSchema = z
  .enum(['pending', 'inProgress', 'in_progress', 'completed'])
  .transform((status) => (status === 'in_progress' ? 'inProgress' : status));

const ArgsSchema = z.object({
  explanation: z.string().optional(),
  plan: z.array(z.object({ step: z.string().min(1), status: StatusSchema })),
});

const marks: Record<PlanStep['status'], string> = { pending: '[ ]', inProgress: '[~]', completed: '[x]' };

export const updatePlanTool: Tool = {
  spec: {
    type: 'function',
    name: 'update_plan',
    description: 'Shows the user your plan as a checklist. Send the whole plan each time; at most one step inProgress.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        explanation: { type: 'string', description: 'Optional note on what changed in the plan.' },
        plan: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              step: { type: 'string' },
              status: { type: 'string', enum: ['pending', 'inProgress', 'completed'] },
            },
            required: ['step', 'status'],
            additionalProperties: false,
          },
        },
      },
      required: ['plan'],
      additionalProperties: false,
    },
  },

  async run(call, ctx) {
    const parsed = parseToolArgs('update_plan', ArgsSchema, call.arguments);
    if (!parsed.ok) return parsed.message;
    const plan: PlanStep[] = parsed.value.plan;
    if (plan.filter((step) => step.status === 'inProgress').length > 1) {
      return 'update_plan: at most one step may be inProgress.';
    }
    const explanation = parsed.value.explanation ?? null;
    ctx.emit({ type: 'planUpdated', turnId: ctx.turnId, explanation, plan });
    const text = [explanation, ...plan.map((step) => `${marks[step.status]} ${step.step}`)].filter(Boolean).join('\n');
    const now = Date.now();
    const item = { type: 'plan' as const, id: call.callId, text, startedAtMs: now, completedAtMs: null };
    ctx.emit({ type: 'itemStarted', turnId: ctx.turnId, item });
    ctx.emit({ type: 'itemCompleted', turnId: ctx.turnId, item: { ...item, completedAtMs: now } });
    return 'Plan updated.';
  },
};
