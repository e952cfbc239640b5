#!/usr/bin/env node
/**
 * Benchmark (not a test): the per-frame path. Authenticated sockets each keep a few
 * heartbeats in flight; heartbeats answered per second through the real gateway (auth,
 * validation and limits on) beside the bare baseline, same client, same run.
 *
 *   npm run bench:echo [-- --sockets 100 --inflight 4 --seconds 10 --rounds 3]
 */
import { cpus } from 'node:os';
import { benchArgs } from './bench-support.mjs';
import { cpuOf, median, ratioTable, runClient, sideBySide } from './bench-targets.mjs';

const args = benchArgs();
const SOCKETS = Number(args.sockets ?? 100);
const INFLIGHT = Number(args.inflight ?? 4);
const SECONDS = Number(args.seconds ?? 10);
const ROUNDS = Number(args.rounds ?? 3);

const runs = await sideBySide(
  { rounds: ROUNDS, students: SOCKETS, only: args.only, profile: process.env.BENCH_PROFILE },
  async (t, round) => {
    let cpuAt = NaN;
    let cpuMs = NaN;
    const r = await runClient(
      {
        ...t.cfg,
        wsUrl: t.wsUrl,
        mode: 'echo',
        sockets: SOCKETS,
        inflight: INFLIGHT,
        seconds: SECONDS,
      },
      (m) => {
        if (m.phase === 'echoing') cpuAt = cpuOf(t.pid);
        if (m.phase === 'echoed') cpuMs = cpuOf(t.pid) - cpuAt;
      },
    );
    r.cpuPerEcho = (cpuMs / (r.echoesPerSec * SECONDS)) * 1000;
    console.log(
      `[${t.label}, round ${round}] ${Math.round(r.echoesPerSec)} echoes/s, round trip p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms, ${r.cpuPerEcho.toFixed(1)} µs CPU per echo`,
    );
    return r;
  },
);
const m = (kind, f) => median(runs[kind].map(f));
ratioTable(
  `bench:echo, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPU(s), ${SOCKETS} sockets x ${INFLIGHT} in flight, ${SECONDS} s, median of ${ROUNDS}`,
  [
    { name: 'heartbeats answered per second', f: (r) => r.echoesPerSec },
    { name: 'round trip p99', unit: 'ms', f: (r) => r.p99 },
    { name: 'server CPU per heartbeat', unit: 'µs', f: (r) => r.cpuPerEcho },
  ].map((r) => ({ name: r.name, unit: r.unit, bare: m('baseline', r.f), project: m('real', r.f) })),
);
process.exit(0);
