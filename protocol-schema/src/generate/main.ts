/**
 * `npm run generate`: writes the JSON Schema bundle and the TypeScript declarations of the v2
 * protocol and the handshake's zod-free check, and refreshes the method table between the
 * markers of the repository README.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OUTPUT_PATHS, generateOutputs } from './files.js';
import { spliceMethodTable } from './method-table.js';

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeIfChanged(path: string, content: string): Promise<void> {
  if ((await readIfPresent(path)) === content) return;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  process.stdout.write(`wrote ${path}\n`);
}

const outputs = await generateOutputs();
await writeIfChanged(OUTPUT_PATHS.schema, outputs.schema);
await writeIfChanged(OUTPUT_PATHS.typescript, outputs.typescript);
await writeIfChanged(OUTPUT_PATHS.handshakeCheck, outputs.handshakeCheck);
// Read the README as late as possible: other people edit the rest of it.
await writeIfChanged(OUTPUT_PATHS.readme, spliceMethodTable(await readIfPresent(OUTPUT_PATHS.readme), outputs.methodTable));
