import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { EmptyResultSchema, experimental, nullish, v2 } from '@agentd/protocol';
import { experimentalRefusal, findExperimentalField } from './experimental-gate.js';

const ItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), url: z.string(), detail: experimental(z.string().optional(), 'Image detail.') }),
]);

const ParamsSchema = z.object({
  threadId: z.string(),
  input: z.array(ItemSchema),
  afterSeq: experimental(z.int().nonnegative().optional(), 'Replay from here.'),
  extra: nullish(z.record(z.string(), z.object({ hint: experimental(z.string().optional(), 'A hint.') }))),
});

describe('findExperimentalField', () => {
  it('finds a top-level experimental field', () => {
    expect(findExperimentalField(ParamsSchema, { threadId: 't', input: [], afterSeq: 3 })).toEqual(['afterSeq']);
  });

  it('finds one inside the union variant the value is, in an array', () => {
    const params = { threadId: 't', input: [{ type: 'text', text: 'hi' }, { type: 'image', url: 'u', detail: 'high' }] };
    expect(findExperimentalField(ParamsSchema, params)).toEqual(['input', 1, 'detail']);
  });

  it('finds one inside a record', () => {
    expect(findExperimentalField(ParamsSchema, { threadId: 't', input: [], extra: { a: { hint: 'x' } } })).toEqual(['extra', 'a', 'hint']);
  });

  it('still finds it when the value is also wrong', () => {
    expect(findExperimentalField(ParamsSchema, { threadId: 't', input: [], afterSeq: 'soon' })).toEqual(['afterSeq']);
  });

  it('ignores absent and null experimental fields and stable params', () => {
    expect(findExperimentalField(ParamsSchema, { threadId: 't', input: [{ type: 'text', text: 'x' }], afterSeq: null })).toBeUndefined();
    expect(findExperimentalField(ParamsSchema, undefined)).toBeUndefined();
    expect(findExperimentalField(ParamsSchema, 'not an object')).toBeUndefined();
  });

  it('finds the experimental field of the real thread/resume params', () => {
    expect(findExperimentalField(v2.clientRequests['thread/resume'].params, { threadId: 't', afterSeq: 0 })).toEqual(['afterSeq']);
    expect(findExperimentalField(v2.clientRequests['thread/resume'].params, { threadId: 't', excludeTurns: true })).toBeUndefined();
  });
});

describe('experimentalRefusal', () => {
  it('refuses an experimental field with -32602 naming the field and the capability', () => {
    const refusal = experimentalRefusal('turn/start', { params: ParamsSchema, result: EmptyResultSchema, summary: '' }, {
      threadId: 't',
      input: [{ type: 'image', url: 'u', detail: 'low' }],
    });
    expect(refusal?.code).toBe(-32602);
    expect(refusal?.message).toBe(
      'turn/start: the field `input[0].detail` is experimental; send capabilities.experimentalApi = true at initialize to use it',
    );
    expect(refusal?.data).toEqual({ method: 'turn/start', field: 'input[0].detail', capability: 'experimentalApi' });
  });

  it('refuses an experimental method with -32600 naming the method and the capability', () => {
    const refusal = experimentalRefusal('thread/sample', { params: ParamsSchema, result: EmptyResultSchema, summary: '', experimental: true }, {});
    expect(refusal?.code).toBe(-32600);
    expect(refusal?.message).toBe('thread/sample is experimental: send capabilities.experimentalApi = true at initialize to use it');
    expect(refusal?.data).toEqual({ method: 'thread/sample', capability: 'experimentalApi' });
  });

  it('lets stable requests through', () => {
    expect(experimentalRefusal('turn/start', { params: ParamsSchema, result: EmptyResultSchema, summary: '' }, { threadId: 't', input: [] })).toBeUndefined();
  });
});
