import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REGISTER_TS = fileURLToPath(new URL('../../../test/support/register-ts.mjs', import.meta.url));
const MODULE = fileURLToPath(new URL('./young-generation.ts', import.meta.url));

describe('whileYoungGenerationKept', () => {
  it('keeps the young generation as it is while a read builds what survives, and lets it grow after', () => {
    // In a process of its own: V8's flags are the process's.
    const script = `
      import { getHeapSpaceStatistics } from 'node:v8';
      const { whileYoungGenerationKept } = await import(${JSON.stringify(MODULE)});
      const youngMb = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 1024 / 1024;
      const kept = [];
      const build = () => { for (let i = 0; i < 10_000; i++) kept.push({ i, text: String(i).padEnd(4_000, 'x') }); };
      await whileYoungGenerationKept(async () => build());
      const during = youngMb();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      build();
      console.log(JSON.stringify({ during, after: youngMb() }));
    `;
    const output = execFileSync(process.execPath, ['--import', REGISTER_TS, '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { during, after } = JSON.parse(output) as { during: number; after: number };
    // Its starting size (1 MB per semi-space, both in use); left to itself it grows to 8 MB here.
    expect(during).toBeLessThanOrEqual(2);
    expect(after).toBeGreaterThan(during);
  });
});
