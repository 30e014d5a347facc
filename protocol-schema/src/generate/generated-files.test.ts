/**
 * The generated files are committed; this fails when they no longer match the zod schemas.
 * Fix: `npm run generate`, then commit the result.
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { OUTPUT_PATHS, generateOutputs } from './files.js';
import { extractMethodSection } from './method-table.js';

const outputs = await generateOutputs();

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function expectUpToDate(what: string, onDisk: string | undefined, expected: string): void {
  if (onDisk === expected) return;
  if (onDisk === undefined) throw new Error(`${what} is missing: run npm run generate`);
  const have = onDisk.split('\n');
  const want = expected.split('\n');
  const line = want.findIndex((text, index) => have[index] !== text);
  const at = line < 0 ? have.length : line;
  throw new Error(
    `${what} is stale (first difference at line ${at + 1}): run npm run generate\n` +
      `  committed: ${JSON.stringify(have[at])}\n  expected:  ${JSON.stringify(want[at])}`,
  );
}

describe('generated files are up to date', () => {
  it('generated/v2/agentd-protocol.schema.json', () => {
    expectUpToDate('agentd-protocol.schema.json', readOrUndefined(OUTPUT_PATHS.schema), outputs.schema);
  });

  it('generated/v2/agentd-protocol.d.ts', () => {
    expectUpToDate('agentd-protocol.d.ts', readOrUndefined(OUTPUT_PATHS.typescript), outputs.typescript);
  });

  it('src/generated/initialize-params-check.ts', () => {
    expectUpToDate('initialize-params-check.ts', readOrUndefined(OUTPUT_PATHS.handshakeCheck), outputs.handshakeCheck);
  });

  it('the method table in README.md', () => {
    const readme = readOrUndefined(OUTPUT_PATHS.readme);
    const section = readme === undefined ? undefined : extractMethodSection(readme);
    expectUpToDate('the method table in README.md', section, outputs.methodTable);
  });
});
