import { describe, expect, it } from 'vitest';
import { createAjv, formatErrors } from '../../test/reference.js';
import {
  clientRequestResultSamples,
  serverNotificationParamSamples,
  serverRequestParamSamples,
} from '../../test/samples.js';
import { buildJsonSchemaBundle } from './json-schema.js';

const bundle = buildJsonSchemaBundle();

describe('the generated JSON Schema bundle', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(buildJsonSchemaBundle())).toBe(JSON.stringify(bundle));
  });

  it('lists definitions in name order and resolves every $ref', () => {
    const names = Object.keys(bundle.definitions);
    expect(names).toEqual([...names].sort());
    const refs = [...JSON.stringify(bundle.definitions).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in bundle.definitions))).toEqual([]);
    for (const entry of bundle.methods) {
      for (const name of [entry.params, entry.result]) {
        if (typeof name === 'string') expect(bundle.definitions).toHaveProperty(name);
      }
    }
  });

  it('accepts the sample payloads, as the zod schemas do', () => {
    const ajv = createAjv();
    ajv.addSchema({ ...bundle, $id: 'agentd' });
    const check = (definition: string | null | undefined, samples: readonly unknown[]) => {
      const validate = ajv.getSchema(`agentd#/definitions/${definition}`)!;
      for (const sample of samples) {
        const wire: unknown = JSON.parse(JSON.stringify(sample));
        expect(validate(wire), `${definition}: ${formatErrors(validate.errors)}`).toBe(true);
      }
    };
    for (const entry of bundle.methods) {
      const samples =
        entry.direction === 'clientRequest'
          ? { def: entry.result, list: clientRequestResultSamples[entry.method as keyof typeof clientRequestResultSamples] }
          : entry.direction === 'serverRequest'
            ? { def: entry.params, list: serverRequestParamSamples[entry.method as keyof typeof serverRequestParamSamples] }
            : entry.direction === 'serverNotification'
              ? {
                  def: entry.params,
                  list: serverNotificationParamSamples[entry.method as keyof typeof serverNotificationParamSamples],
                }
              : undefined;
      if (samples) check(samples.def, samples.list);
    }
  });
});
