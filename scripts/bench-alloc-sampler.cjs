/**
 * Preloaded into the server by `BENCH_ALLOC_PROFILE=<dir> npm run bench:*` (--require): samples
 * every allocation, including objects the garbage collector already took (what `--heap-prof`
 * leaves out), so the profile shows what makes garbage per answer or per frame. Written as
 * `<dir>/alloc-<pid>.heapprofile` when the server stops; open it in Chrome DevTools (Memory)
 * or sum it with `node scripts/profile-summary.mjs`.
 */
const inspector = require('node:inspector');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_ALLOC_PROFILE;
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: 16384,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post('HeapProfiler.stopSampling', (err, res) => {
    if (err) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `alloc-${process.pid}.heapprofile`), JSON.stringify(res.profile));
  });
}
// The server exits from its own SIGTERM/SIGINT handler; write just before.
process.on('exit', write);
for (const sig of ['SIGINT', 'SIGTERM']) process.prependListener(sig, write);
