/**
 * Everything agentd sends must validate against the Codex reference schema. Each sample payload is
 * parsed with our outbound schema, serialized as it would go on the wire, and validated with ajv
 * against the reference definition of the same name.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formatErrors, referenceValidator } from '../../test/reference.js';
import {
  clientRequestResultSamples,
  serverNotificationParamSamples,
  serverRequestParamSamples,
  threadItemSamples,
} from '../../test/samples.js';
import { ThreadItemSchema, clientRequests, serverNotifications, serverRequests } from './index.js';

function definitionName(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('outbound schema without an id');
  return id;
}

/** Parses a sample with our schema and checks the wire JSON against the reference definition. */
function expectValidOnTheWire(schema: z.ZodType, sample: unknown, label: string): void {
  const parsed = schema.safeParse(sample);
  expect(parsed.success, `${label}: our schema rejects the sample: ${parsed.error?.message}`).toBe(true);
  const wire: unknown = JSON.parse(JSON.stringify(parsed.data));
  const validate = referenceValidator(definitionName(schema));
  const valid = validate(wire);
  expect(valid, `${label}: not valid against the reference: ${formatErrors(validate.errors)}`).toBe(true);
}

describe('outbound payloads validate against the Codex reference schema', () => {
  for (const [method, spec] of Object.entries(clientRequests)) {
    const samples = clientRequestResultSamples[method as keyof typeof clientRequestResultSamples];
    it(`result of ${method}`, () => {
      expect(samples.length).toBeGreaterThan(0);
      samples.forEach((sample, index) => expectValidOnTheWire(spec.result, sample, `${method} #${index}`));
    });
  }

  for (const [method, spec] of Object.entries(serverRequests)) {
    const samples = serverRequestParamSamples[method as keyof typeof serverRequestParamSamples];
    it(`params of server request ${method}`, () => {
      expect(samples.length).toBeGreaterThan(0);
      samples.forEach((sample, index) => expectValidOnTheWire(spec.params, sample, `${method} #${index}`));
    });
  }

  for (const [method, spec] of Object.entries(serverNotifications)) {
    const samples = serverNotificationParamSamples[method as keyof typeof serverNotificationParamSamples];
    it(`params of notification ${method}`, () => {
      expect(samples.length).toBeGreaterThan(0);
      samples.forEach((sample, index) => expectValidOnTheWire(spec.params, sample, `${method} #${index}`));
    });
  }

  it('covers every ThreadItem variant of the reference', () => {
    const sampled = new Set(threadItemSamples.map((item) => item.type));
    const variants = ThreadItemSchema.options.map((option) => option.shape.type.value);
    expect([...sampled].sort()).toEqual([...variants].sort());
    threadItemSamples.forEach((item) => expectValidOnTheWire(ThreadItemSchema, item, item.type));
  });
});

describe('what the reference forbids, our outbound schemas refuse too', () => {
  it('a commandExecution item needs its commandActions', () => {
    const { commandActions: _omitted, ...item } = threadItemSamples.find((i) => i.type === 'commandExecution')!;
    expect(ThreadItemSchema.safeParse(item).success).toBe(false);
  });

  it('a thread needs projectId, even when null', () => {
    const { thread } = clientRequestResultSamples['thread/read'][0]!;
    const { projectId: _omitted, ...rest } = thread;
    expect(clientRequests['thread/read'].result.safeParse({ thread: rest }).success).toBe(false);
  });

  it('an mcpToolCall item needs its arguments, even when null', () => {
    const { arguments: _omitted, ...item } = threadItemSamples.find((i) => i.type === 'mcpToolCall')!;
    expect(ThreadItemSchema.safeParse(item).success).toBe(false);
  });
});
