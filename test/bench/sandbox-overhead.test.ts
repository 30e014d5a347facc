// Smoke run of the sandbox benchmark: it works and reports its figures. No timing assertions here;
// `npm run bench:sandbox` measures for real.
import { expect, it } from 'vitest';
import { measureSandboxOverhead, report } from './sandbox-overhead.js';

it('the sandbox benchmark runs and reports its figures', async () => {
  const figures = await measureSandboxOverhead({ runs: 3 });
  expect(figures.runs).toBe(3);
  for (const value of [figures.direct.median, figures.bubblewrap.median, figures.probeMs]) expect(value).toBeGreaterThan(0);
  expect(report(figures)).toMatch(/overhead .* ms \(median − median\); target ≤ 15 ms: (met|NOT met)/);
});
