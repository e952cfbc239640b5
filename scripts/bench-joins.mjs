#!/usr/bin/env node
/**
 * Benchmark (not a test): a join storm. 1,000 students answer at 1,000/s; after 5 s,
 * 5,000 more connect and join at once. Ack latency of the answering students before and
 * during the storm, how long the storm takes, and server CPU per join (the storm's CPU
 * minus what the answers alone cost over the same time), beside the bare baseline.
 *
 *   npm run bench:joins [-- --students 1000 --storm 5000 --rate 1000 --rounds 2]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchArgs } from './bench-support.mjs';
import { cpuOf, median, ratioTable, runClient, sideBySide } from './bench-targets.mjs';

const args = benchArgs();
const STUDENTS = Number(args.students ?? 1000);
const STORM = Number(args.storm ?? 5000);
const RATE = Number(args.rate ?? 1000);
const STEADY = 5;
const ROUNDS = Number(args.rounds ?? 2);

const runs = await sideBySide(
  {
    rounds: ROUNDS,
    students: STUDENTS + STORM,
    only: args.only,
    profile: process.env.BENCH_PROFILE,
  },
  async (t, round) => {
    const marks = {};
    const mark = (name) => (marks[name] = { cpu: cpuOf(t.pid), at: performance.now() });
    const r = await runClient(
      {
        ...t.cfg,
        wsUrl: t.wsUrl,
        mode: 'joins',
        students: t.cfg.students.slice(0, STUDENTS),
        stormStudents: t.cfg.students.slice(STUDENTS),
        rate: RATE,
        steadySeconds: STEADY,
      },
      (m) => {
        if (m.phase === 'storm') mark('storm');
        if (m.phase === 'stormed') mark('stormed');
      },
    );
    // The answers' CPU per ms, measured over the 2 s after the storm (same rate, no joins).
    const end = { cpu: cpuOf(t.pid), at: performance.now() };
    const answersPerMs = (end.cpu - marks.stormed.cpu) / (end.at - marks.stormed.at);
    const stormCpu = marks.stormed.cpu - marks.storm.cpu;
    const stormMs = marks.stormed.at - marks.storm.at;
    r.cpuPerJoin = (Math.max(0, stormCpu - answersPerMs * stormMs) / r.joins) * 1000;
    console.log(
      `[${t.label}, round ${round}] ${r.joins} joins in ${r.stormMs} ms (connected in ${r.connectedMs} ms) | ack p99 before ${r.before.p99.toFixed(1)} ms, during ${r.storm.p99.toFixed(1)} ms, after ${r.after.p99.toFixed(1)} ms | ${r.cpuPerJoin.toFixed(0)} µs CPU per join | ${r.errors} errors`,
    );
    return r;
  },
);
const m = (kind, f) => median(runs[kind].map(f));
ratioTable(
  `bench:joins, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPU(s), ${STUDENTS} answering at ${RATE}/s, ${STORM} joining at once, median of ${ROUNDS}`,
  [
    { name: `${STORM} joins, first connect to last snapshot`, unit: 'ms', f: (r) => r.stormMs },
    { name: 'ack p99 before the storm', unit: 'ms', f: (r) => r.before.p99 },
    { name: 'ack p99 during the storm', unit: 'ms', f: (r) => r.storm.p99 },
    { name: 'server CPU per join', unit: 'µs', f: (r) => r.cpuPerJoin },
  ].map((r) => ({ name: r.name, unit: r.unit, bare: m('baseline', r.f), project: m('real', r.f) })),
);
process.exit(0);
