// Preloaded into the daemon by the scale benchmark only (`node --expose-gc --require`): on SIGUSR2
// it runs a full garbage collection and reports the memory left on stderr, so the benchmark can
// measure what threads really keep rather than garbage not yet collected. With
// AGENTD_BENCH_HEAP_DIR set it also writes a heap snapshot there, to see what that memory is.
'use strict';
process.on('SIGUSR2', () => {
  globalThis.gc();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  // The young generation's resident part: it grows with what the daemon has allocated, not kept.
  const youngResident = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0;
  if (process.env.AGENTD_BENCH_HEAP_DIR) require('node:v8').writeHeapSnapshot(`${process.env.AGENTD_BENCH_HEAP_DIR}/${process.pid}-${Date.now()}.heapsnapshot`);
  process.stderr.write(`agentd-bench-memory ${JSON.stringify({ rss, heapTotal, heapUsed, external, arrayBuffers, youngResident })}\n`);
});
