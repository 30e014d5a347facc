/**
 * vitest's global setup: every test run gets a temporary directory of its own as TMPDIR, removed
 * when the run ends. Tests and the daemons they spawn make their scratch homes, workspaces and
 * sockets under os.tmpdir(); without this, each run would leave thousands of them in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'agentd-tests-'));
  // Set before vitest starts its workers, which inherit it (and pass it on to what they spawn).
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
