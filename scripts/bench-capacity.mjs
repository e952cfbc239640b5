#!/usr/bin/env node
/**
 * Benchmark (not a test): how many connected, joined students one process holds, and what
 * each costs in memory. Every student connects and joins (200 sockets at a time); the
 * server's RSS before and after, idle, gives the cost per socket (also read after a full
 * garbage collection in both servers, a steadier figure); then 200 students spread
 * over the room answer once and the teacher's grid must show each of them (still live).
 * Beside the bare baseline, same client, same run.
 *
 *   npm run bench:capacity [-- --students 19500 --rounds 1]
 *
 * 20,000 is the open-files limit of one process on these machines (ulimit -n, not
 * raisable here): the server needs a few descriptors besides its sockets, so the default
 * is 19,500 students plus the teacher.
 */
import { cpus } from 'node:os';
import { benchArgs } from './bench-support.mjs';
import {
  collectGarbage,
  median,
  ratioTable,
  rssOf,
  runClient,
  sideBySide,
} from './bench-targets.mjs';

const args = benchArgs();

/**
 * BENCH_HEAP_SNAPSHOT=<dir>: this project's server writes a heap snapshot there (SIGUSR2,
 * see bench-targets.mjs); writing blocks its event loop, so this waits until it answers again.
 */
async function heapSnapshot(t) {
  if (!process.env.BENCH_HEAP_SNAPSHOT || t.kind !== 'real') return;
  process.kill(t.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 500));
  await fetch(t.wsUrl.replace(/^ws/, 'http').replace(/\/ws$/, '/api/health/live'));
}

const STUDENTS = Number(args.students ?? 19_500);
const ROUNDS = Number(args.rounds ?? 1);

const runs = await sideBySide(
  { rounds: ROUNDS, students: STUDENTS, only: args.only, gcSignal: true },
  async (t, round) => {
    let before = NaN;
    let after = NaN;
    let beforeGc = NaN;
    let afterGc = NaN;
    const r = await runClient({ ...t.cfg, wsUrl: t.wsUrl, mode: 'capacity' }, async (m, child) => {
      // Each reading as is, then after a full collection (what the sockets really keep).
      if (m.phase === 'connecting') {
        before = rssOf(t.pid);
        await collectGarbage(t);
        beforeGc = rssOf(t.pid);
        await heapSnapshot(t);
        child.send({ go: true });
      }
      if (m.phase === 'joined') {
        after = rssOf(t.pid);
        await collectGarbage(t);
        afterGc = rssOf(t.pid);
        await heapSnapshot(t);
        child.send({ go: true });
      }
    });
    r.rssBeforeMb = before / 1024;
    r.rssAfterMb = after / 1024;
    r.kbPerSocket = (after - before) / r.sockets;
    r.kbPerSocketGc = (afterGc - beforeGc) / r.sockets;
    console.log(
      `[${t.label}, round ${round}] ${r.sockets} joined in ${r.joinedMs} ms | RSS ${r.rssBeforeMb.toFixed(0)} -> ${r.rssAfterMb.toFixed(0)} MB: ${r.kbPerSocket.toFixed(1)} KB per joined socket; after a full GC ${(beforeGc / 1024).toFixed(0)} -> ${(afterGc / 1024).toFixed(0)} MB: ${r.kbPerSocketGc.toFixed(1)} KB | 200 answers: ${r.acked} acked, ack p99 ${r.ack.p99.toFixed(0)} ms, on the grid: ${r.grid.n}, p99 ${r.grid.p99.toFixed(0)} ms`,
    );
    return r;
  },
);
const m = (kind, f) => median(runs[kind].map(f));
ratioTable(
  `bench:capacity, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPU(s), ${STUDENTS} students`,
  [
    { name: `connect and join ${STUDENTS}`, unit: 'ms', f: (r) => r.joinedMs },
    { name: 'memory per joined socket (RSS)', unit: 'KB', f: (r) => r.kbPerSocket },
    { name: 'the same after a full GC', unit: 'KB', f: (r) => r.kbPerSocketGc },
    { name: 'answers shown on the grid (of 200)', f: (r) => r.grid.n },
    { name: 'answer to grid p99', unit: 'ms', f: (r) => r.grid.p99 },
  ].map((r) => ({ name: r.name, unit: r.unit, bare: m('baseline', r.f), project: m('real', r.f) })),
);
process.exit(0);
