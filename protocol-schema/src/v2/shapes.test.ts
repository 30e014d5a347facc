/**
 * Structural comparison with the Codex reference: method names and payload type names match its
 * message unions, and every named type we share with it has the same fields, the same required
 * fields, and the same enum values. Only the agentd extensions listed below may differ.
 */
import { describe, expect, it } from 'vitest';
import { readReferenceJson, referenceDefinition } from '../../test/reference.js';
import { buildJsonSchemaBundle } from '../generate/json-schema.js';

type Json = { [key: string]: unknown };

/** Fields agentd adds to reference types (the reference objects are open, so they stay valid). */
const EXTENSIONS: Record<string, readonly string[]> = {
  ThreadResumeParams: ['afterSeq'],
  ThreadStartResponse: ['sandboxEnforcement'],
  ThreadResumeResponse: ['sandboxEnforcement'],
  ThreadForkResponse: ['sandboxEnforcement'],
  // Sent by the real server (see the recorded sessions) but missing from its published schema.
  CommandExecutionRequestApprovalParams: ['availableDecisions'],
  JSONRPCNotification: ['emittedAtMs'],
};
const NOTIFICATION_EXTENSIONS = ['seq'];

const bundle = buildJsonSchemaBundle();

function unionBranches(schema: Json): Json[] | undefined {
  const branches = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  return Array.isArray(branches) ? branches : undefined;
}

/** `"a"` for `{const: "a"}` or `{enum: ["a"]}`. */
function literal(schema: Json | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.const === 'string') return schema.const;
  const values = schema.enum as unknown[] | undefined;
  return values?.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}

/** All values of a string enum, however the generator spelled it; undefined if not a pure enum. */
function enumValues(schema: Json): string[] | undefined {
  if (Array.isArray(schema.enum)) return (schema.enum as string[]).slice().sort();
  const branches = unionBranches(schema);
  if (!branches || schema.properties) return undefined;
  const values: string[] = [];
  for (const branch of branches) {
    if (!Array.isArray(branch.enum)) return undefined;
    values.push(...(branch.enum as string[]));
  }
  return values.sort();
}

interface ObjectShape {
  properties: Set<string>;
  required: Set<string>;
}

function objectShape(schema: Json, inherited: Json = {}): ObjectShape {
  const properties = new Set(Object.keys({ ...(inherited.properties as Json), ...(schema.properties as Json) }));
  // Alternatives like "url or fileId" are spelled as an inner anyOf in the reference.
  for (const branch of (schema.anyOf as Json[] | undefined) ?? []) {
    for (const key of Object.keys((branch.properties as Json | undefined) ?? {})) properties.add(key);
  }
  return { properties, required: new Set((schema.required as string[] | undefined) ?? []) };
}

function compareObjects(name: string, ours: ObjectShape, reference: ObjectShape, extensions: readonly string[]) {
  const unknown = [...ours.properties].filter((key) => !reference.properties.has(key) && !extensions.includes(key));
  expect(unknown, `${name}: fields the reference does not have`).toEqual([]);
  expect([...ours.required].sort(), `${name}: required fields`).toEqual([...reference.required].sort());
}

/** Variants of a union tagged by `type`, by tag. */
function taggedVariants(schema: Json): Map<string, Json> | undefined {
  const branches = unionBranches(schema);
  if (!branches || branches.length === 0) return undefined;
  const variants = new Map<string, Json>();
  for (const branch of branches) {
    const tag = literal((branch.properties as Record<string, Json> | undefined)?.type);
    if (tag === undefined) return undefined;
    variants.set(tag, branch);
  }
  return variants;
}

describe('the method tables match the reference message unions', () => {
  const unions = {
    clientRequest: readReferenceJson('ClientRequest.json'),
    clientNotification: readReferenceJson('ClientNotification.json'),
    serverRequest: readReferenceJson('ServerRequest.json'),
    serverNotification: readReferenceJson('ServerNotification.json'),
  };

  function referenceBranch(direction: keyof typeof unions, method: string): Json | undefined {
    const branches = unions[direction].oneOf as Json[];
    return branches.find((branch) => literal((branch.properties as Record<string, Json>).method) === method);
  }

  for (const entry of bundle.methods) {
    it(`${entry.method}`, () => {
      const branch = referenceBranch(entry.direction, entry.method);
      expect(branch, `${entry.method} is not a ${entry.direction} of the reference`).toBeDefined();
      // The published schema leaves experimental methods out, so everything in it is stable.
      expect(entry.experimental).toBe(false);
      const params = (branch!.properties as Record<string, Json>).params;
      const referenceParams = typeof params?.$ref === 'string' ? params.$ref.split('/').pop()! : null;
      expect(entry.params).toBe(referenceParams);
      if (entry.result !== undefined) {
        const expected = referenceParams!.replace(/Params$/, 'Response');
        expect(entry.result).toBe(expected);
        expect(referenceDefinition(expected), `reference lacks ${expected}`).toBeDefined();
      }
    });
  }
});

describe('named types have the reference shape', () => {
  const shared = Object.keys(bundle.definitions).filter((name) => referenceDefinition(name) !== undefined);

  it('most of our types are reference types', () => {
    expect(shared.length).toBeGreaterThan(180);
  });

  for (const name of shared) {
    it(name, () => {
      const ours = bundle.definitions[name]!;
      const reference = referenceDefinition(name)!;
      const extensions = [
        ...(EXTENSIONS[name] ?? []),
        ...(name.endsWith('Notification') ? NOTIFICATION_EXTENSIONS : []),
      ];

      const ourEnum = enumValues(ours);
      if (ourEnum) {
        expect(ourEnum, `${name}: enum values`).toEqual(enumValues(reference));
        return;
      }
      if (ours.properties && reference.properties) {
        compareObjects(name, objectShape(ours), objectShape(reference), extensions);
        return;
      }
      const ourVariants = taggedVariants(ours);
      const referenceVariants = taggedVariants(reference);
      if (ourVariants && referenceVariants) {
        expect([...ourVariants.keys()].sort(), `${name}: variants`).toEqual([...referenceVariants.keys()].sort());
        for (const [tag, variant] of ourVariants) {
          // A variant with an id is a definition of its own: compare that one.
          const resolved =
            typeof variant.$ref === 'string' ? bundle.definitions[variant.$ref.split('/').pop()!]! : variant;
          compareObjects(`${name}.${tag}`, objectShape(resolved), objectShape(referenceVariants.get(tag)!, reference), []);
        }
      }
      // Other unions (string-or-object forms) are covered by the sample tests.
    });
  }
});
