// The checkout the test kit belongs to, whether it runs from its TypeScript sources (vitest) or
// compiled to test/support/dist (`npm run demo`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'packages/app-server/bin/agentd.js'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the agentd checkout above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot();
export const AGENTD_BIN = join(REPO_ROOT, 'packages/app-server/bin/agentd.js');
export const REFERENCE_CLIENT_BIN = join(REPO_ROOT, 'examples/reference-client/bin/agentd-client.js');
