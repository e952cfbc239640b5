/**
 * The two servers the benchmarks compare in one run (issue 16), started the same way and
 * handed to the same load client:
 *   real      this project (dist/e2e-server) on a temporary SQLite file, limits raised for
 *             the load, students, an exam of 20 short_text questions and a session written
 *             straight into the database;
 *   baseline  scripts/bench-baseline-server.mjs (bare ws + sqlite3 group commit) with the
 *             same students and questions.
 * Also: the load client as a child process (phases reported back), and the servers' CPU
 * and memory read from /proc.
 */
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { BENCH_QUESTIONS, seedBench } from './bench-seed.mjs';
import { benchServerEnv, buildServer, freePort, ROOT, SERVER_OUT } from './bench-support.mjs';

export const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

/** User + system CPU of a process so far, in ms. */
export function cpuOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks (100/s) -> ms
  } catch {
    return NaN;
  }
}

/**
 * CPU per thread name so far, in ms (`BENCH_THREADS=1`: where a server's CPU goes: its main
 * thread, libuv's pool running sqlite3, V8's compiler and GC helpers).
 */
export function cpuByThread(pid) {
  const out = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const raw = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Node names no thread; the main thread's id is the process id.
      const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const name = tid === String(pid) ? 'main' : comm === 'node' ? `thread ${tid}` : comm;
      const f = raw.slice(raw.lastIndexOf(') ') + 2).split(' ');
      out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) * 10;
    }
  } catch {
    /* the process is gone */
  }
  return out;
}

/** The difference of two cpuByThread() readings, as one line. */
export function threadCpuLine(before, after) {
  return Object.entries(after)
    .map(([k, v]) => [k, v - (before[k] ?? 0)])
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ');
}

/** Resident memory of a process, in KB. */
export function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

let built = false;

/**
 * Starts one server with `students` students (all enrolled in the session).
 * kind: 'real' | 'baseline'. opts.profile: a directory for a V8 CPU profile (both servers; the bare one's in its bare/ folder).
 */
export async function startTarget(kind, students, opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), `exam-bench-${kind}-`));
  const dbFile = join(dir, 'bench.sqlite');
  const port = await freePort();
  let child;
  let cfg;
  if (kind === 'baseline') {
    cfg = {
      secret: SECRET,
      academyId: randomUUID(),
      teacherId: randomUUID(),
      students: Array.from({ length: students }, () => randomUUID()),
      sessionId: randomUUID(),
      questionIds: Array.from({ length: BENCH_QUESTIONS }, () => randomUUID()),
    };
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(cfg));
    child = spawn(
      process.execPath,
      [
        ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(opts.profile, 'bare')}`] : []),
        ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
        ...gcSignal(opts),
        join(ROOT, 'scripts/bench-baseline-server.mjs'),
        String(port),
        dbFile,
        seedFile,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await waitHttp(`http://127.0.0.1:${port}/`, child);
  } else {
    if (!built) buildServer();
    built = true;
    const profile = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [];
    // BENCH_ALLOC_PROFILE=<dir>: every allocation sampled (scripts/bench-alloc-sampler.cjs).
    if (process.env.BENCH_ALLOC_PROFILE)
      profile.push('--require', join(ROOT, 'scripts/bench-alloc-sampler.cjs'));
    // BENCH_HEAP_SNAPSHOT=<dir>: the server writes a heap snapshot there on SIGUSR2
    // (bench:capacity sends it before the students connect and once they have joined).
    if (process.env.BENCH_HEAP_SNAPSHOT)
      profile.push(
        '--heapsnapshot-signal=SIGUSR2',
        `--diagnostic-dir=${process.env.BENCH_HEAP_SNAPSHOT}`,
      );
    if (process.env.BENCH_NODE_ARGS) profile.push(...process.env.BENCH_NODE_ARGS.split(' '));
    profile.push(...gcSignal(opts));
    child = spawn(process.execPath, [...profile, join(SERVER_OUT, 'backend/src/main.js')], {
      cwd: ROOT,
      // BENCH_LOG_LEVEL=info shows the server's log (its shutdown line says how long it took).
      env: benchServerEnv({
        port,
        secret: SECRET,
        dir,
        extra: { DATABASE_URL: `sqlite:${dbFile}`, ...opts.env },
      }),
      stdio: ['ignore', process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
    });
    await waitHttp(`http://127.0.0.1:${port}/api/health/live`, child);
    cfg = await seedReal(dbFile, students);
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(opts.profile ? 'SIGINT' : 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return {
    kind,
    label: kind === 'baseline' ? 'bare ws' : 'this project',
    pid: child.pid,
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    cfg,
    rows: () => countRows(dbFile, kind === 'real' ? cfg.sessionId : null),
    stop,
  };
}

/** opts.gcSignal: the server collects its garbage on SIGUSR2 (scripts/bench-gc-signal.cjs). */
function gcSignal(opts) {
  if (!opts.gcSignal || process.env.BENCH_HEAP_SNAPSHOT) return [];
  return ['--expose-gc', '--require', join(ROOT, 'scripts/bench-gc-signal.cjs')];
}

/** Asks a server started with opts.gcSignal to collect its garbage; resolves once it has. */
export async function collectGarbage(t) {
  if (process.env.BENCH_HEAP_SNAPSHOT) return;
  process.kill(t.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 1000));
}

async function waitHttp(url, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer in 60 s`);
}

/** Answers stored for the bench session (the real server's demo data has others). */
function countRows(dbFile, sessionId) {
  const [sql, params] = sessionId
    ? ['SELECT COUNT(*) AS n FROM answers WHERE exam_session_id = ?', [sessionId]]
    : ['SELECT COUNT(*) AS n FROM answers', []];
  return new Promise((res, rej) => {
    const d = new sqlite3.Database(dbFile);
    d.all(sql, params, (e, rows) => (e ? rej(e) : d.close(() => res(rows[0].n))));
  });
}

/** The benchmark's data (bench-seed.mjs) in the real server's SQLite file. */
async function seedReal(dbFile, count) {
  const db = new sqlite3.Database(dbFile);
  const q = (sql, p = []) =>
    new Promise((res, rej) => db.all(sql, p, (e, rows) => (e ? rej(e) : res(rows))));
  await q('PRAGMA busy_timeout = 10000');
  try {
    return { secret: SECRET, ...(await seedBench(q, count)) };
  } finally {
    await new Promise((r) => db.close(r));
  }
}

/**
 * Runs the load client with this config; `onPhase(message, child)` hears each phase (the
 * caller reads CPU or memory there; it may answer the child). Resolves with the result.
 */
export function runClient(config, onPhase = () => {}) {
  const child = fork(join(ROOT, 'scripts/bench-load-client.mjs'), [], { stdio: 'inherit' });
  child.send(config);
  return new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m.phase === 'done') {
        child.kill();
        resolve(m.result);
      } else onPhase(m, child);
    });
    child.on('exit', (code) => code && reject(new Error(`load client exited with ${code}`)));
  });
}

/**
 * Runs `run(target)` on both servers, `rounds` times each, alternating which goes first (a
 * slow moment of the shared machine then hits both). Each run gets a fresh server with
 * `students` students. Returns the results by kind ('baseline', 'real').
 */
export async function sideBySide({ rounds, students, only, profile, gcSignal }, run) {
  const kinds = only ? [only] : ['baseline', 'real'];
  const runs = { baseline: [], real: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const kind of round % 2 ? kinds : [...kinds].reverse()) {
      const t = await startTarget(kind, students, {
        profile,
        gcSignal,
      });
      try {
        const r = await run(t, round);
        runs[kind].push(r);
      } finally {
        await t.stop();
      }
    }
  }
  return runs;
}

/** Median of numbers (the benchmarks repeat each side; two runs give their mean). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A markdown table: measure, bare ws, this project, ratio (project / bare, or as given). */
export function ratioTable(title, rows) {
  const fmt = (v, unit) => (Number.isFinite(v) ? `${round(v)}${unit ? ` ${unit}` : ''}` : '-');
  console.log(`\n${title}`);
  console.log('| measure | bare ws | this project | ratio |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) {
    const ratio = r.project / r.bare;
    const shown = Number.isFinite(ratio) ? `${round(ratio, 2)}x` : '-';
    console.log(`| ${r.name} | ${fmt(r.bare, r.unit)} | ${fmt(r.project, r.unit)} | ${shown} |`);
  }
}

function round(v, digits) {
  if (digits !== undefined) return Number(v.toFixed(digits));
  return Math.abs(v) >= 100 ? Math.round(v) : Number(v.toFixed(1));
}
