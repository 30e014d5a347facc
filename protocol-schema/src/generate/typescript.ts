/** TypeScript declarations for every definition of the JSON Schema bundle, via json-schema-to-typescript. */
import { compile } from 'json-schema-to-typescript';
import type { JsonSchemaBundle } from './json-schema.js';

const BANNER = [
  '/* eslint-disable */',
  '/**',
  ' * agentd protocol v2: TypeScript declarations generated from agentd-protocol.schema.json.',
  ' * Do not edit by hand; change the zod schemas in protocol-schema/src/v2 and run `npm run generate`.',
  ' */',
].join('\n');

export async function buildTypeScript(bundle: JsonSchemaBundle): Promise<string> {
  // The root only carries the definitions; its own (empty) interface is dropped below.
  const root = { title: 'AgentdProtocolV2', type: 'object', definitions: bundle.definitions };
  const source = await compile(root as Parameters<typeof compile>[0], 'AgentdProtocolV2', {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: true,
    unknownAny: true,
    strictIndexSignatures: true,
    format: true,
    style: { printWidth: 110, singleQuote: true, trailingComma: 'all' },
  });
  const tidy = source
    .replace(/\nexport interface AgentdProtocolV2 \{\}\n/, '\n')
    // json-schema-to-typescript notes where each definition came from; the names already say it.
    .replace(/( \*\n)? \* This interface was referenced by `AgentdProtocolV2`'s JSON-Schema\n \* via the `definition` "[^"]+"\.\n/g, '')
    .replace(/\/\*\*\n \*\/\n/g, '');
  return `${tidy.trimEnd()}\n`;
}
