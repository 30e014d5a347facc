import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { NoParamsSchema, experimental, isExperimental, nullish } from './define.js';
import { v2 } from './index.js';

describe('isExperimental', () => {
  it('finds afterSeq on thread/resume', () => {
    expect(isExperimental(v2.clientRequests['thread/resume'].params.shape.afterSeq)).toBe(true);
  });

  it('sees through optional and nullable wrappers', () => {
    const field = nullish(experimental(z.string(), 'an experimental string'));
    expect(isExperimental(field)).toBe(true);
    expect(isExperimental(nullish(z.string()))).toBe(false);
  });

  it('finds no other experimental field among client request params', () => {
    const found = Object.entries(v2.clientRequests).flatMap(([method, spec]) => {
      const shape = (spec.params as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
      return Object.entries(shape)
        .filter(([, field]) => isExperimental(field))
        .map(([name]) => `${method} ${name}`);
    });
    expect(found).toEqual(['thread/resume afterSeq']);
  });
});

describe('NoParamsSchema', () => {
  it('accepts an absent, empty or null params member', () => {
    for (const params of [undefined, {}, null]) expect(NoParamsSchema.safeParse(params).success).toBe(true);
  });
});
