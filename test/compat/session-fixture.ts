// The format of a recorded session of an old client (`fixtures/*.session.json`): the scenario (the
// workspace files, the config, what the scripted model answers), then per daemon process the
// messages the client sent and, for each message it received, which fields it relied on.
// test/compat/README.md explains the format with examples; `parseSessionFixture` checks a file.
import * as z from 'zod';
import { parseScript } from '../support/index.js';
import { parsePath } from './json-path.js';

export const FIXTURE_FORMAT = 'agentd-session/1';

const JsonSchema: z.ZodType<unknown> = z.json();

export const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

/**
 * What the client relied on at one path. A bare JSON value (`"completed"`, `0`, `null`) means
 * `{ "equals": value }`. Strings may hold `${name}` placeholders: a capture made earlier, or
 * `${workspace}` / `${home}`. All the given checks must hold.
 */
export const MatcherSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z
    .strictObject({
      equals: JsonSchema.optional().describe('The value, deep-equal (placeholders substituted).'),
      type: z.union([z.enum(TYPE_NAMES), z.array(z.enum(TYPE_NAMES)).min(1)]).optional().describe('Its JSON type.'),
      oneOf: z.array(JsonSchema).min(1).optional().describe('One of these values.'),
      pattern: z.string().optional().describe('A string matching this regular expression.'),
      present: z.literal(true).optional().describe('Present, with any value (null included).'),
      capture: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
        .optional()
        .describe('Present; remembered as ${name} for later steps (or checked equal if already captured).'),
    })
    .refine((m) => Object.keys(m).length > 0, 'a matcher needs at least one check'),
]);
export type Matcher = z.infer<typeof MatcherSchema>;

const PathMapSchema = z.record(z.string(), MatcherSchema).superRefine((map, ctx) => {
  for (const path of Object.keys(map)) {
    try {
      parsePath(path);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: [path] });
    }
  }
});

export const SendStepSchema = z.strictObject({
  send: z.record(z.string(), JsonSchema).describe('A message exactly as the client sent it (placeholders substituted).'),
  note: z.string().optional(),
});

export const ReceiveStepSchema = z.strictObject({
  receive: z.union([
    z.strictObject({ response: z.union([z.string(), z.int()]).describe('The id of the client request answered.') }),
    z.strictObject({ notification: z.string() }),
    z.strictObject({ request: z.string().describe('A server request, answered by a later `send`.') }),
  ]),
  where: PathMapSchema.optional().describe('Which message this is, when several of the method arrive.'),
  relied: PathMapSchema.describe('Every field the client used, with what it expected there.'),
  join: z
    .strictObject({ path: z.string(), equals: z.string() })
    .optional()
    .describe(
      'A stream: every message of this kind (and `where`) is consumed, in order, until the strings at ' +
        '`path` add up to `equals` (streamed deltas that make the final text).',
    ),
  anyOrder: z
    .literal(true)
    .optional()
    .describe('The client did not rely on this message arriving after the previous received one.'),
  note: z.string().optional(),
});

export const StepSchema = z.union([SendStepSchema, ReceiveStepSchema]);
export type SendStep = z.infer<typeof SendStepSchema>;
export type ReceiveStep = z.infer<typeof ReceiveStepSchema>;
export type Step = z.infer<typeof StepSchema>;

export const SessionFixtureSchema = z.strictObject({
  format: z.literal(FIXTURE_FORMAT),
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  description: z.string(),
  client: z.strictObject({
    name: z.string(),
    version: z.string().optional(),
    builtFrom: z.string().describe('What the client was written against: a protocol release, the Codex schema.'),
  }),
  protocol: z.string().describe('The protocol release current when the session was recorded or written.'),
  source: z.enum(['hand-written', 'recorded']),
  basedOn: z.string().optional().describe('Where the session comes from (a reference transcript, a recorder run).'),
  workspace: z.strictObject({ files: z.record(z.string(), z.string()) }).optional(),
  config: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional()
    .describe('Top-level keys of config.toml beside the scripted model provider.'),
  model: z.array(JsonSchema).describe('What the scripted model answers, in order (test/support/model-script.ts).'),
  connections: z
    .array(z.strictObject({ note: z.string().optional(), steps: z.array(StepSchema).min(1) }))
    .min(1)
    .describe('One daemon process each, on the same home: a second one is a restart.'),
});
export type SessionFixture = z.infer<typeof SessionFixtureSchema>;

export function isSendStep(step: Step): step is SendStep {
  return 'send' in step;
}

/** Parses and checks a fixture file's JSON; the error names the file and the offending path. */
export function parseSessionFixture(json: unknown, file = 'fixture'): SessionFixture {
  const parsed = SessionFixtureSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${file} is not a valid session fixture:\n${issues.join('\n')}`);
  }
  parseScript(parsed.data.model);
  return parsed.data;
}
