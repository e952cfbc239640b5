#!/usr/bin/env node
/**
 * Benchmark (not a test): durable answers and the launch, this project beside the bare
 * baseline (scripts/bench-baseline-server.mjs), same load client, same run, alternating.
 *
 *   npm run bench:answers [-- --students 1000 --rate 2000 --seconds 15 --rounds 2 --warmup 3]
 *   npm run bench:launch                       (= --students 5000 --rate 0)
 *
 * Each round starts each server afresh with the students enrolled; the load client joins
 * every student, the teacher launches (time until the last student has exam_launch), then
 * every student answers at a fixed total rate (latency send -> answer_ack, after COMMIT).
 * The first `--warmup` seconds (3) of answering are not measured, on either side: a fresh
 * process spends them compiling its hot path. Server CPU is read from /proc over the
 * measured answering phase only. The table gives the median
 * round of each side and the ratio project / bare. BENCH_PROFILE=<dir> writes a V8 CPU
 * profile of this project's server; `--only real` (or baseline) runs one side.
 */
import { cpus } from 'node:os';
import { benchArgs } from './bench-support.mjs';
import {
  cpuByThread,
  cpuOf,
  median,
  ratioTable,
  runClient,
  sideBySide,
  threadCpuLine,
} from './bench-targets.mjs';

const args = benchArgs();
const STUDENTS = Number(args.students ?? 1000);
const RATE = Number(args.rate ?? 2000);
const SECONDS = RATE ? Number(args.seconds ?? 15) : 0;
const ROUNDS = Number(args.rounds ?? 2);
const WARMUP = RATE ? Number(args.warmup ?? 3) : 0;

const runs = await sideBySide(
  { rounds: ROUNDS, students: STUDENTS, only: args.only, profile: process.env.BENCH_PROFILE },
  async (t, round) => {
    let cpuAt = NaN;
    let threadsAt = {};
    const r = await runClient(
      { ...t.cfg, wsUrl: t.wsUrl, rate: RATE, seconds: SECONDS, warmup: WARMUP },
      (m) => {
        if (m.phase === 'answering') {
          cpuAt = cpuOf(t.pid);
          if (process.env.BENCH_THREADS) threadsAt = cpuByThread(t.pid);
        }
      },
    );
    r.cpuMs = cpuOf(t.pid) - cpuAt;
    if (process.env.BENCH_THREADS)
      console.log(`[${t.label}] CPU by thread: ${threadCpuLine(threadsAt, cpuByThread(t.pid))}`);
    r.rows = await t.rows();
    const cpuPer = r.acked ? `${((r.cpuMs / r.acked) * 1000).toFixed(0)} µs CPU/answer` : '';
    console.log(
      `[${t.label}, round ${round}] launch to last of ${STUDENTS}: ${r.launch.last} ms` +
        (RATE
          ? ` | ${r.ackedPerSec.toFixed(0)} acks/s (${r.acked} of ${r.offered}, ${r.errors} errors, ${r.rows} rows) | ack p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms | grid p99 ${r.grid.p99.toFixed(0)} ms | ${cpuPer} | client lag p99 ${r.clientLag.p99.toFixed(0)} ms`
          : ''),
    );
    return r;
  },
);

const m = (kind, f) => median(runs[kind].map(f));
const rows = [
  { name: `launch to the last of ${STUDENTS} students`, unit: 'ms', f: (r) => r.launch.last },
];
if (RATE) {
  rows.push(
    { name: `durable acks/s (offered ${RATE}/s)`, f: (r) => r.ackedPerSec },
    { name: 'ack latency p50', unit: 'ms', f: (r) => r.p50 },
    { name: 'ack latency p99', unit: 'ms', f: (r) => r.p99 },
    { name: "answer to teacher's grid p99", unit: 'ms', f: (r) => r.grid.p99 },
    { name: 'server CPU per answer', unit: 'µs', f: (r) => (r.cpuMs / r.acked) * 1000 },
  );
}
ratioTable(
  `bench:answers, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPU(s), ${STUDENTS} students` +
    (RATE ? `, ${RATE} answers/s for ${SECONDS} s after ${WARMUP} s of warm-up` : '') +
    `, median of ${ROUNDS} round(s) each`,
  rows.map((r) => ({
    name: r.name,
    unit: r.unit,
    bare: m('baseline', r.f),
    project: m('real', r.f),
  })),
);
process.exit(0);
