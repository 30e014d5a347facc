// Benchmark: what bubblewrap adds to each command. Runs `bash -c true` the way the daemon runs a
// model's command (runCommand, own process group, clean env), directly and inside the
// workspace-write sandbox (cwd and /tmp writable, .git re-bound read-only, no network), alternating,
// and prints the medians. Target: overhead ≤ 15 ms per command.
//
//   npm run bench:sandbox            (50 runs each)
//   npm run bench:sandbox -- 200     (more runs)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BubblewrapSandbox, probeBubblewrap, runCommand, type SandboxPolicy } from '@agentd/core';

export const TARGET_OVERHEAD_MS = 15;

export interface Figures {
  readonly runs: number;
  /** Milliseconds per command. */
  readonly direct: Stats;
  readonly bubblewrap: Stats;
  /** Median with bubblewrap minus median without. */
  readonly overheadMs: number;
  /** The one-time probe at the first thread that needs the sandbox. */
  readonly probeMs: number;
}

export interface Stats {
  readonly median: number;
  readonly p90: number;
  readonly min: number;
}

export async function measureSandboxOverhead(options: { runs: number }): Promise<Figures> {
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
    // Warm up: load execa, fill caches.
    for (let i = 0; i < 3; i++) {
      await once(false);
      await once(true);
    }
    const direct: number[] = [];
    const confined: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      direct.push(await once(false));
      confined.push(await once(true));
    }
    const directStats = stats(direct);
    const bubblewrapStats = stats(confined);
    return { runs: options.runs, direct: directStats, bubblewrap: bubblewrapStats, overheadMs: bubblewrapStats.median - directStats.median, probeMs };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? at(0.5) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, p90: at(0.9), min: sorted[0] ?? Number.NaN };
}

export function report(figures: Figures): string {
  const row = (name: string, s: Stats) => `  ${name.padEnd(12)} median ${s.median.toFixed(2)} ms   p90 ${s.p90.toFixed(2)} ms   min ${s.min.toFixed(2)} ms`;
  const verdict = figures.overheadMs <= TARGET_OVERHEAD_MS ? 'met' : 'NOT met';
  return [
    `sandbox overhead per command (bash -c true, ${figures.runs} runs each, alternating)`,
    row('direct', figures.direct),
    row('bubblewrap', figures.bubblewrap),
    `  overhead     ${figures.overheadMs.toFixed(2)} ms (median − median); target ≤ ${TARGET_OVERHEAD_MS} ms: ${verdict}`,
    `  probe        ${figures.probeMs.toFixed(2)} ms, once per daemon, at the first thread that needs the sandbox`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 50);
  const figures = await measureSandboxOverhead({ runs });
  console.log(report(figures));
}
