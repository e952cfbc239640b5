#!/usr/bin/env node
/**
 * Benchmark (not a test): a join storm. 1,000 students answer at 1,000/s (one load client,
 * reporting ack latency every second); after 5 s a second load client connects and joins
 * 5,000 more students at once. Ack p99 of the answering students before and during the
 * storm, how long the storm takes, and server CPU per join (the storm's CPU minus what the
 * answers cost per second just before it), beside the bare baseline, same clients.
 *
 *   npm run bench:joins [-- --students 1000 --storm 5000 --rate 1000 --rounds 2]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
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
const STORM = Number(args.storm ?? 5000);
const RATE = Number(args.rate ?? 1000);
const STEADY_S = 5;
const ROUNDS = Number(args.rounds ?? 2);

const runs = await sideBySide(
  {
    rounds: ROUNDS,
    students: STUDENTS + STORM,
    only: args.only,
    profile: process.env.BENCH_PROFILE,
  },
  async (t, round) => {
    // BENCH_THREADS=1: the storm's CPU per thread too (main, sqlite3's pool, V8's helpers).
    const mark = () => ({
      cpu: cpuOf(t.pid),
      at: performance.now(),
      threads: process.env.BENCH_THREADS ? cpuByThread(t.pid) : null,
    });
    const ticks = [];
    let steady;
    let stormStart;
    let stormEnd;
    let storming;
    let leaveStart;
    let connected;
    const answering = runClient(
      {
        ...t.cfg,
        wsUrl: t.wsUrl,
        students: t.cfg.students.slice(0, STUDENTS),
        rate: RATE,
        seconds: STEADY_S + 16,
        reportEvery: 1,
      },
      (m) => {
        if (m.phase === 'answering') {
          // One second to settle, then the steady CPU rate, then the storm.
          setTimeout(() => (steady = mark()), 1000);
          setTimeout(() => {
            stormStart = mark();
            storming = runClient(
              { ...t.cfg, wsUrl: t.wsUrl, mode: 'storm', students: t.cfg.students.slice(STUDENTS) },
              (s, child) => {
                if (s.phase === 'connected') connected = mark();
                if (s.phase !== 'stormed') return;
                stormEnd = mark();
                setTimeout(() => {
                  leaveStart = performance.now();
                  child.send({ leave: true });
                }, 2000);
              },
            );
          }, STEADY_S * 1000);
        }
        if (m.phase === 'tick') ticks.push({ at: performance.now(), ...m.ack });
      },
    );
    const a = await answering;
    if (process.env.BENCH_TICKS)
      console.log(
        ticks
          .map((k) => `${((k.at - stormStart.at) / 1000).toFixed(1)}s:${k.p99.toFixed(0)}`)
          .join(' '),
        `| storm end ${((stormEnd.at - stormStart.at) / 1000).toFixed(1)}s, leaving at ${((leaveStart - stormStart.at) / 1000).toFixed(1)}s`,
      );
    const s = await storming;
    const steadyRate = (stormStart.cpu - steady.cpu) / (stormStart.at - steady.at);
    const stormCpu = stormEnd.cpu - stormStart.cpu - steadyRate * (stormEnd.at - stormStart.at);
    if (process.env.BENCH_THREADS) {
      // Each phase's CPU less what the answers cost at the steady rate meanwhile.
      const net = (x, y) => Math.max(0, y.cpu - x.cpu - steadyRate * (y.at - x.at));
      console.log(
        `[${t.label}] storm CPU by thread: ${threadCpuLine(stormStart.threads, stormEnd.threads)}; per socket: connecting ${((net(stormStart, connected) / s.joins) * 1000).toFixed(0)} µs, joining ${((net(connected, stormEnd) / s.joins) * 1000).toFixed(0)} µs`,
      );
    }
    // A tick covers the second before it: those that overlap the storm.
    const during = ticks.filter((k) => k.at > stormStart.at && k.at - 1000 < stormEnd.at);
    const before = ticks.filter((k) => k.at < stormStart.at && k.at > steady.at);
    const leaving = ticks.filter((k) => k.at > leaveStart && k.at - 1000 < leaveStart + 2000);
    const r = {
      ...s,
      beforeP99: Math.max(...before.map((k) => k.p99)),
      duringP99: Math.max(...during.map((k) => k.p99)),
      leavingP99: Math.max(...leaving.map((k) => k.p99)),
      cpuPerJoin: (Math.max(0, stormCpu) / s.joins) * 1000,
      errors: a.errors,
    };
    console.log(
      `[${t.label}, round ${round}] ${r.joins} joins in ${r.stormMs} ms (connected in ${r.connectedMs} ms) | ack p99 per second before ${r.beforeP99.toFixed(1)} ms, during the storm up to ${r.duringP99.toFixed(1)} ms, as they all leave up to ${r.leavingP99.toFixed(1)} ms | ${r.cpuPerJoin.toFixed(0)} µs CPU per join | ${a.acked} acked, ${a.errors} errors`,
    );
    return r;
  },
);
const m = (kind, f) => median(runs[kind].map(f));
ratioTable(
  `bench:joins, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPU(s), ${STUDENTS} answering at ${RATE}/s, ${STORM} joining at once, median of ${ROUNDS}`,
  [
    { name: `${STORM} joins, first connect to last snapshot`, unit: 'ms', f: (r) => r.stormMs },
    { name: 'ack p99 before the storm (worst second)', unit: 'ms', f: (r) => r.beforeP99 },
    { name: 'ack p99 during the storm (worst second)', unit: 'ms', f: (r) => r.duringP99 },
    { name: 'server CPU per join', unit: 'µs', f: (r) => r.cpuPerJoin },
    {
      name: `ack p99 as the ${STORM} all leave at once (worst second)`,
      unit: 'ms',
      f: (r) => r.leavingP99,
    },
  ].map((r) => ({ name: r.name, unit: r.unit, bare: m('baseline', r.f), project: m('real', r.f) })),
);
process.exit(0);
