#!/usr/bin/env node
/**
 * Soak (not a test): this project's server under a steady load for a long time; prints its
 * memory and event-loop lag over time, which must stay flat.
 *
 *   npm run bench:soak [-- --minutes 10 --students 1000 --rate 300 --every 30]
 *
 * Every `every` seconds: server RSS and heap (from /metrics), event-loop lag p99 since the
 * last line (prom-client resets it at each scrape), acks and their p99 in the interval.
 * The end compares the first and last third of the run.
 */
import { benchArgs } from './bench-support.mjs';
import { rssOf, runClient, startTarget } from './bench-targets.mjs';

const args = benchArgs();
const MINUTES = Number(args.minutes ?? 10);
const STUDENTS = Number(args.students ?? 1000);
const RATE = Number(args.rate ?? 300);
const EVERY = Number(args.every ?? 30);

const t = await startTarget(args.only ?? 'real', STUDENTS);
const base = `http://127.0.0.1:${t.port}`;
async function metric(names) {
  if (t.kind !== 'real') return {};
  const text = await (await fetch(`${base}/metrics`)).text();
  const out = {};
  for (const n of names) {
    const m = new RegExp(`^${n}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
    out[n] = m ? Number(m[1]) : NaN;
  }
  return out;
}
await metric(['nodejs_eventloop_lag_p99_seconds']); // resets the lag histogram
const lines = [];
let started = Date.now();
console.log(`soak of ${t.label}: ${STUDENTS} students, ${RATE} answers/s for ${MINUTES} min`);
console.log(
  '| minute | RSS MB | heap used MB | event-loop lag p99 ms | acks in interval p99 ms | unacked |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
const r = await runClient(
  { ...t.cfg, wsUrl: t.wsUrl, rate: RATE, seconds: MINUTES * 60, reportEvery: EVERY },
  async (m) => {
    if (m.phase === 'answering') started = Date.now();
    if (m.phase !== 'tick') return;
    const x = await metric(['nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes']);
    const line = {
      minute: (Date.now() - started) / 60_000,
      rss: rssOf(t.pid) / 1024,
      heap: x.nodejs_heap_size_used_bytes / 1048576,
      lag: x.nodejs_eventloop_lag_p99_seconds * 1000,
      ackP99: m.ack.p99,
    };
    lines.push(line);
    console.log(
      `| ${line.minute.toFixed(1)} | ${line.rss.toFixed(0)} | ${line.heap.toFixed(0)} | ${line.lag.toFixed(1)} | ${m.ack.n} acks, p99 ${line.ackP99.toFixed(1)} | ${m.pending} |`,
    );
  },
);
const rows = await t.rows();
await t.stop();
const third = Math.max(1, Math.floor(lines.length / 3));
const avg = (xs, f) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
const first = lines.slice(0, third);
const last = lines.slice(-third);
console.log(
  `\n${r.acked} of ${r.offered} answers acknowledged (${r.errors} errors, ${rows} rows); ack p99 over the run ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(0)} ms`,
);
if (lines.length >= 3) {
  console.log(
    `RSS first third ${avg(first, (l) => l.rss).toFixed(0)} MB, last third ${avg(last, (l) => l.rss).toFixed(0)} MB; heap ${avg(first, (l) => l.heap).toFixed(0)} -> ${avg(last, (l) => l.heap).toFixed(0)} MB; lag p99 ${avg(first, (l) => l.lag).toFixed(1)} -> ${avg(last, (l) => l.lag).toFixed(1)} ms`,
  );
}
process.exit(0);
