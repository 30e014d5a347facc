/** Everything `npm run generate` writes, computed in memory, and where it goes. */
import { fileURLToPath } from 'node:url';
import { buildJsonSchemaBundle, renderJsonSchemaBundle } from './json-schema.js';
import { renderMethodTable } from './method-table.js';
import { buildTypeScript } from './typescript.js';

export const OUTPUT_PATHS = {
  schema: fileURLToPath(new URL('../../generated/v2/agentd-protocol.schema.json', import.meta.url)),
  typescript: fileURLToPath(new URL('../../generated/v2/agentd-protocol.d.ts', import.meta.url)),
  readme: fileURLToPath(new URL('../../../README.md', import.meta.url)),
} as const;

export interface GeneratedOutputs {
  /** protocol-schema/generated/v2/agentd-protocol.schema.json */
  readonly schema: string;
  /** protocol-schema/generated/v2/agentd-protocol.d.ts */
  readonly typescript: string;
  /** The README text between the method-table markers. */
  readonly methodTable: string;
}

export async function generateOutputs(): Promise<GeneratedOutputs> {
  const bundle = buildJsonSchemaBundle();
  return {
    schema: renderJsonSchemaBundle(bundle),
    typescript: await buildTypeScript(bundle),
    methodTable: renderMethodTable(bundle.methods),
  };
}
