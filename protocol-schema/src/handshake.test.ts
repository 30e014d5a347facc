import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInitializeParams } from './handshake.js';
import { InitializeParamsSchema } from './v2/initialize.js';

/** Values shaped like InitializeParams, each part sometimes of the wrong type or missing. */
const almost = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, valid, fc.anything(), fc.constant(undefined), fc.constant(null));
const clientInfo = fc.record({ name: almost(fc.string()), title: almost(fc.string()), version: almost(fc.string()) }, { requiredKeys: [] });
const capabilities = fc.record(
  { experimentalApi: almost(fc.boolean()), optOutNotificationMethods: almost(fc.array(almost(fc.string()))) },
  { requiredKeys: [] },
);
const params = fc.oneof(
  fc.record({ clientInfo: almost(clientInfo), capabilities: almost(capabilities), extra: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);

describe('isInitializeParams', () => {
  it('judges as InitializeParamsSchema does', () => {
    fc.assert(
      fc.property(params, (value) => {
        // What arrives is JSON: no undefined members, no functions.
        const wire = value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null');
        expect(isInitializeParams(wire)).toBe(InitializeParamsSchema.safeParse(wire).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the handshake of a real client and refuses a broken one', () => {
    expect(isInitializeParams({ clientInfo: { name: 'zed', title: null, version: '1' }, capabilities: { experimentalApi: true, optOutNotificationMethods: ['turn/started'] } })).toBe(true);
    expect(isInitializeParams({ clientInfo: { name: 'zed', version: '1' }, capabilities: null, unknown: 1 })).toBe(true);
    expect(isInitializeParams({ clientInfo: { name: 'zed' } })).toBe(false);
    expect(isInitializeParams({ clientInfo: { name: 'zed', version: '1' }, capabilities: { experimentalApi: 'yes' } })).toBe(false);
    expect(isInitializeParams(undefined)).toBe(false);
  });
});
