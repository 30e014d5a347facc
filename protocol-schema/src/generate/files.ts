/** Everything `npm run generate` writes, computed in memory, and where it goes. */
import { fileURLToPath } from 'node:url';
import { buildHandshakeCheck } from './handshake-check.js';
import { buildJsonSchemaBundle, renderJsonSchemaBundle } from './json-schema.js';
import { renderMethodTable } from './method-table.js';
import { buildTypeScript } from './typescript.js';

export const OUTPUT_PATHS = {
  schema: fileURLToPath(new URL('../../generated/v2/agentd-protocol.schema.json', import.meta.url)),
  typescript: fileURLToPath(new URL('../../generated/v2/agentd-protocol.d.ts', import.meta.url)),
  readme: fileURLToPath(new URL('../../../README.md', import.meta.url)),
  // Compiled with the package (dist/generated/), not shipped as a file of its own.
  handshakeCheck: fileURLToPath(new URL('../../src/generated/initialize-params-check.ts', import.meta.url)),
} as const;

export interface GeneratedOutputs {
  /** protocol-schema/generated/v2/agentd-protocol.schema.json */
  readonly schema: string;
  /** protocol-schema/generated/v2/agentd-protocol.d.ts */
  readonly typescript: string;
  /** The README text between the method-table markers. */
  readonly methodTable: string;
  /** protocol-schema/src/generated/initialize-params-check.ts */
  readonly handshakeCheck: string;
}

export async function generateOutputs(): Promise<GeneratedOutputs> {
  const bundle = buildJsonSchemaBundle();
  return {
    schema: renderJsonSchemaBundle(bundle),
    typescript: await buildTypeScript(bundle),
    methodTable: renderMethodTable(bundle.methods),
    handshakeCheck: buildHandshakeCheck(bundle),
  };
}
