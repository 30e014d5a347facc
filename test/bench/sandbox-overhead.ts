/**
 * Sandbox overhead: what bubblewrap adds to each command. Runs `bash -c true` the way the daemon
 * runs a model's command (runCommand: its own process group, the clean environment), directly and
 * inside the workspace-write sandbox (cwd and /tmp writable, .git re-bound read-only, no network),
 * alternating, 50 runs each. Target: median with bubblewrap − median without ≤ 15 ms.
 *
 *   npm run bench:sandbox            (50 runs each)
 *   npm run bench:sandbox -- 200     (more)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BubblewrapSandbox, probeBubblewrap, runCommand, type SandboxPolicy } from '@agentd/core';
import { type Figure, isMain, median, percentile, printTable } from './bench-table.js';

export const TARGET_OVERHEAD_MS = 15;

export async function measureSandboxOverhead(runs: number): Promise<Figure[]> {
  const probeStart = performance.now();
  const availability = await probeBubblewrap({ env: process.env });
  const probeMs = performance.now() - probeStart;
  if (!availability.available) throw new Error(`cannot benchmark the sandbox: ${availability.reason}`);

  const cwd = mkdtempSync(join(tmpdir(), 'agentd-bench-'));
  mkdirSync(join(cwd, '.git'));
  try {
    const sandbox = new BubblewrapSandbox(availability.bwrapPath, join(cwd, 'home'));
    const policy: SandboxPolicy = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: false, excludeTmpdirEnvVar: false };
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const argv = ['bash', '-c', 'true'];
    const once = async (confined: boolean): Promise<number> => {
      const started = performance.now();
      const result = await runCommand({ argv: confined ? sandbox.wrap(argv, policy, cwd, env) : argv, cwd, env, timeoutMs: 10_000 });
      const elapsed = performance.now() - started;
      if (result.exitCode !== 0) throw new Error(`the benchmark command failed: ${result.aggregatedOutput || result.spawnError}`);
      return elapsed;
    };
    // Warm up: load execa, fill the caches.
    for (let i = 0; i < 3; i++) {
      await once(false);
      await once(true);
    }
    const direct: number[] = [];
    const confined: number[] = [];
    for (let i = 0; i < runs; i++) {
      direct.push(await once(false));
      confined.push(await once(true));
    }
    return [
      { name: 'direct, median', value: median(direct), unit: 'ms' },
      { name: 'direct, p90', value: percentile(direct, 90), unit: 'ms' },
      { name: 'bubblewrap, median', value: median(confined), unit: 'ms' },
      { name: 'bubblewrap, p90', value: percentile(confined, 90), unit: 'ms' },
      { name: 'overhead per command (median − median)', value: median(confined) - median(direct), unit: 'ms', target: { op: '<=', limit: TARGET_OVERHEAD_MS } },
      { name: 'probe, once per daemon', value: probeMs, unit: 'ms' },
    ];
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 50);
  printTable(`sandbox overhead: bash -c true, ${runs} runs each, alternating`, await measureSandboxOverhead(runs));
}
