/**
 * Sums a profile written by the benchmarks per function, busiest first:
 *   node scripts/profile-summary.mjs <file.cpuprofile|file.heapprofile> [--top 40]
 *        [--inclusive] [--from 0.3] [--to 1]
 * A CPU profile (BENCH_PROFILE) gives each function's share of the busy time (idle left
 * out; --from/--to keep a slice of the run, e.g. the measured phase at its end); an
 * allocation profile (BENCH_ALLOC_PROFILE) gives each function's share of the bytes
 * allocated. --inclusive counts a function's callees too.
 */
import { readFileSync } from 'node:fs';
import { benchArgs } from './bench-support.mjs';

const file = process.argv[2];
if (!file || file.startsWith('--')) {
  console.error('usage: node scripts/profile-summary.mjs <profile> [--top N] [--inclusive]');
  process.exit(2);
}
const args = benchArgs(process.argv.slice(3));
const top = Number(args.top ?? 40);
const inclusive = process.argv.includes('--inclusive');
const prof = JSON.parse(readFileSync(file, 'utf8'));

const label = (cf) =>
  `${cf.functionName || '(anonymous)'} ${cf.url
    .replace(/.*node_modules\//, '')
    .replace(/.*\/dist\/e2e-server\//, '')}:${cf.lineNumber + 1}`;

/** weight per label; parents: label chain of a node for --inclusive. */
const totals = new Map();
function add(chain, weight) {
  const seen = new Set();
  for (const k of inclusive ? chain : chain.slice(-1)) {
    if (seen.has(k)) continue;
    seen.add(k);
    totals.set(k, (totals.get(k) ?? 0) + weight);
  }
}

let sum = 0;
let unit;
if (prof.head) {
  // Allocation profile: a tree whose nodes carry the bytes allocated in them.
  unit = 'allocated';
  const walk = (node, chain) => {
    const here = [...chain, label(node.callFrame)];
    if (node.selfSize) {
      add(here, node.selfSize);
      sum += node.selfSize;
    }
    for (const c of node.children) walk(c, here);
  };
  walk(prof.head, []);
} else {
  unit = 'busy';
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chainOf = new Map();
  const chain = (id) => {
    let c = chainOf.get(id);
    if (!c) {
      const p = parent.get(id);
      c = [...(p ? chain(p) : []), label(byId.get(id).callFrame)];
      chainOf.set(id, c);
    }
    return c;
  };
  let t = 0;
  const at = prof.timeDeltas.map((d) => (t += d));
  const from = Number(args.from ?? 0) * t;
  const to = Number(args.to ?? 1) * t;
  prof.samples.forEach((id, i) => {
    if (at[i] < from || at[i] > to) return;
    if (byId.get(id).callFrame.functionName === '(idle)') return;
    const d = prof.timeDeltas[i] ?? 0;
    add(chain(id), d);
    sum += d;
  });
}
const fmt =
  unit === 'busy' ? `${(sum / 1e6).toFixed(2)} s busy` : `${(sum / 1e6).toFixed(1)} MB sampled`;
console.log(`${file}: ${fmt}; share of ${unit}${inclusive ? ', with callees' : ''}`);
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${((100 * v) / sum).toFixed(2).padStart(6)}%  ${k}`);
