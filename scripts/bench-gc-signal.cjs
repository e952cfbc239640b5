/**
 * Preloaded into both servers of `bench:capacity` (node --expose-gc --require): on SIGUSR2
 * the process runs two full garbage collections. The benchmark sends it before each RSS
 * reading, so that memory per socket is what the sockets keep, not how much garbage the
 * collector had not yet taken at that moment (which moved the figure by ±2 KB per socket
 * between runs). Not used with BENCH_HEAP_SNAPSHOT, which takes SIGUSR2 for snapshots.
 */
process.on('SIGUSR2', () => {
  if (typeof global.gc !== 'function') return;
  global.gc();
  global.gc();
});
