#!/usr/bin/env node
/**
 * Benchmark (not a test): results at class and school scale.
 *
 *   npm run bench:results [-- --runs 3 --students 1000 --big 5000]
 *
 * 1. builds the server (dist/e2e-server) and starts it on a temporary SQLite file with the
 *    demo data; the exam is the demo's English Assessment (25 questions of every type);
 * 2. writes `runs` sessions of `students` students and one of `big` students, each student
 *    with plausible answers to most questions (some drafts overwritten), straight into the
 *    database while the server is stopped, so the server loads them like any saved answers;
 * 3. per class session: launch, then times the teacher's "complete" (REST round trip: drain,
 *    finalise every attempt, grade every latest answer, store 25 score rows per attempt and
 *    the totals, commit) and checks every score row is there;
 * 4. the big session: complete (timed), statistics (cold and cached), and the two CSV exports
 *    (time, size and the server's peak memory while streaming them).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import {
  benchArgs,
  benchServerEnv,
  buildServer,
  freePort,
  ROOT,
  SERVER_OUT,
} from './bench-support.mjs';

const args = benchArgs();
const RUNS = Number(args.runs ?? 3);
const STUDENTS = Number(args.students ?? 1000);
const BIG = Number(args.big ?? 5000);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

const out = SERVER_OUT;
buildServer();

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'exam-bench-results-'));
const dbFile = join(dir, 'bench.sqlite');
const base = `http://127.0.0.1:${port}`;
let server;

// BENCH_PROFILE=<dir> writes a V8 CPU profile of the server (one per start).
const profile = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
// BENCH_HEAP=<dir>: a heap snapshot of the server at the end (what holds memory).
if (process.env.BENCH_HEAP)
  profile.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${process.env.BENCH_HEAP}`);

async function start() {
  server = spawn(process.execPath, [...profile, join(out, 'backend/src/main.js')], {
    cwd: ROOT,
    // Results routes only: the REST limits raised, the socket ones do not matter here.
    env: benchServerEnv({
      port,
      secret: SECRET,
      dir,
      extra: {
        DATABASE_URL: `sqlite:${dbFile}`,
        REST_RATE_LIMIT: '100000',
        REST_USER_RATE_LIMIT: '100000',
      },
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function stop() {
  if (!server || server.exitCode !== null) return;
  const gone = new Promise((r) => server.once('exit', r));
  server.kill(profile.length ? 'SIGINT' : 'SIGTERM');
  await gone;
}
process.on('exit', () => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function call(method, path, token, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}
const timed = async (fn) => {
  const t0 = performance.now();
  const r = await fn();
  return { ms: performance.now() - t0, r };
};

/** A plausible answer (right with probability `skill`) from the question with its key. */
function answerFor(q, right, rnd) {
  const pick = (l) => l[Math.floor(rnd() * l.length)];
  switch (q.type) {
    case 'single_choice':
      return {
        optionId: right
          ? q.correctOptionId
          : pick(q.options.filter((o) => o.id !== q.correctOptionId)).id,
      };
    case 'true_false':
      return { value: right ? q.correct : !q.correct };
    case 'multiple_response': {
      const good = q.options.filter((o) => o.weight > 0).map((o) => o.id);
      const bad = q.options.filter((o) => o.weight <= 0).map((o) => o.id);
      return { optionIds: right ? good : [pick(good), ...(bad.length ? [pick(bad)] : [])] };
    }
    case 'short_text':
      return { text: right ? q.acceptedAnswers[0].text : q.acceptedAnswers[0].text.slice(0, -1) };
    case 'numeric': {
      const a = q.acceptedAnswers[0];
      const v = a.value ?? a.min;
      return { value: right ? v : v + 3 };
    }
    case 'essay':
      return { text: 'I went to the seaside with my family and we swam every day.' };
    case 'ordering':
      return { order: right ? [...q.correctOrder] : [...q.correctOrder].reverse() };
    case 'matching':
      return { pairs: { ...q.correctPairs } };
  }
  return null;
}
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Downloads a CSV, sampling the server's RSS every 20 ms; returns time, size, peak growth. */
async function download(path, token) {
  const before = rssKb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(server.pid))), 20);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  return { ms, bytes, lines, rssBeforeMb: before / 1024, peakGrowthMb: (peak - before) / 1024 };
}

// --- setup ---
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
await start();
const login = async (email) =>
  (
    await (
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo1234' }),
      })
    ).json()
  ).accessToken;
const token = await login('teacher@demo.school');
const exams = await call('GET', '/exams?search=English', token);
const exam = await call('GET', `/exams/${exams.items[0].id}`, token);
console.log(`exam: "${exam.title}", ${exam.questions.length} questions`);

const db = new sqlite3.Database(dbFile);
const q = (sql, p = []) =>
  new Promise((res, rej) => db.all(sql, p, (e, rows) => (e ? rej(e) : res(rows))));
await q('PRAGMA busy_timeout = 10000');
const [{ academy_id: academyId }] = await q(
  "SELECT academy_id FROM users WHERE email = 'teacher@demo.school'",
);
const now = Date.now();
const students = [];
await q('BEGIN');
for (let i = 0; i < Math.max(STUDENTS, BIG); i++) {
  const id = randomUUID();
  students.push(id);
  await q(
    `INSERT INTO users (id, academy_id, email, display_name, role, password_hash, extra_time_percent, password_changed_at, created_at)
     VALUES (?, ?, ?, ?, 'student', 'x', 0, ?, ?)`,
    [
      id,
      academyId,
      `bench${i}@bench.test`,
      `Bench Student ${String(i).padStart(5, '0')}`,
      now,
      now,
    ],
  );
}
await q('COMMIT');

// Class sessions over REST (enrolment plans every student's order); the big one by SQL.
const classSessions = [];
for (let r = 0; r < RUNS; r++) {
  const s = await call('POST', '/exam-sessions', token, {
    examId: exam.id,
    title: `Bench class ${r + 1}`,
    studentIds: students.slice(0, STUDENTS),
  });
  classSessions.push(s.id);
}
const big = await call('POST', '/exam-sessions', token, {
  examId: exam.id,
  title: 'Bench school',
  studentIds: [],
});
await stop();

await q('BEGIN');
const bigRows = [];
for (let i = 0; i < BIG; i++)
  bigRows.push([randomUUID(), academyId, big.id, students[i], now, now]);
for (let i = 0; i < bigRows.length; i += 500) {
  const chunk = bigRows.slice(i, i + 500);
  await q(
    `INSERT INTO student_sessions (id, academy_id, exam_session_id, student_id, status, extra_ms, extra_time_percent,
       progress, answered_count, time_spent_ms, connection_status, created_at, updated_at)
     VALUES ${chunk.map(() => "(?, ?, ?, ?, 'enrolled', 0, 0, 0, 0, 0, 'not_joined', ?, ?)").join(', ')}`,
    chunk.flat(),
  );
}
let answerRows = 0;
for (const sid of [...classSessions, big.id]) {
  const attempts = await q(
    'SELECT id FROM student_sessions WHERE exam_session_id = ? ORDER BY id',
    [sid],
  );
  const rows = [];
  attempts.forEach((a, ai) => {
    const rnd = rng(ai * 7919 + 17);
    const skill = 0.35 + rnd() * 0.6;
    exam.questions.forEach((question, qi) => {
      if (rnd() < 0.06) return; // left out
      const right = rnd() < skill;
      if (rnd() < 0.1) {
        // A draft, overwritten by the answer that counts.
        rows.push([
          academyId,
          sid,
          a.id,
          question.id,
          `d-${ai}-${qi}`,
          1,
          JSON.stringify(answerFor(question, !right, rnd)),
          now,
        ]);
      }
      rows.push([
        academyId,
        sid,
        a.id,
        question.id,
        `a-${ai}-${qi}`,
        2,
        JSON.stringify(answerFor(question, right, rnd)),
        now,
      ]);
    });
  });
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await q(
      `INSERT INTO answers (academy_id, exam_session_id, student_session_id, question_id, idempotency_key, seq, final, value, created_at)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, 0, ?, ?)').join(', ')}`,
      chunk.flat(),
    );
  }
  answerRows += rows.length;
}
await q('COMMIT');
console.log(
  `data: ${students.length} students, ${RUNS} x ${STUDENTS} + ${BIG} attempts, ${answerRows} answer rows`,
);

await start();
const count = async (sid) =>
  (await q('SELECT COUNT(*) AS n FROM question_scores WHERE exam_session_id = ?', [sid]))[0].n;

// --- 1. completing a class session ---
console.log(
  `\ncompleting a session of ${STUDENTS} students x ${exam.questions.length} questions (REST round trip):`,
);
const classMs = [];
for (const sid of classSessions) {
  await call('POST', `/exam-sessions/${sid}/launch`, token, {});
  const { ms } = await timed(() => call('POST', `/exam-sessions/${sid}/complete`, token, {}));
  const rows = await count(sid);
  const [{ n: ungraded }] = await q(
    'SELECT COUNT(*) AS n FROM student_sessions WHERE exam_session_id = ? AND graded_at IS NULL',
    [sid],
  );
  classMs.push(ms);
  console.log(`  ${ms.toFixed(0)} ms  (${rows} score rows stored, ${ungraded} attempts ungraded)`);
}

// --- 2. the big session ---
await call('POST', `/exam-sessions/${big.id}/launch`, token, {});
const end = await timed(() => call('POST', `/exam-sessions/${big.id}/complete`, token, {}));
console.log(
  `\ncompleting a session of ${BIG} students: ${end.ms.toFixed(0)} ms (${await count(big.id)} score rows)`,
);
const cold = await timed(() => call('GET', `/exam-sessions/${big.id}/statistics`, token));
const warm = await timed(() => call('GET', `/exam-sessions/${big.id}/statistics`, token));
console.log(
  `statistics of ${cold.r.exam.n} attempts: ${cold.ms.toFixed(0)} ms computed, ${warm.ms.toFixed(0)} ms when nothing changed` +
    ` (alpha ${cold.r.exam.cronbachAlpha}, mean ${cold.r.exam.mean} / ${cold.r.exam.maxScore})`,
);
const grid = await timed(() =>
  call('GET', `/exam-sessions/${big.id}/results?pageSize=100&sort=score&order=desc`, token),
);
console.log(`results grid, first page sorted by score: ${grid.ms.toFixed(0)} ms`);
for (const kind of ['results', 'responses']) {
  const d = await download(`/exam-sessions/${big.id}/export/${kind}.csv`, token);
  console.log(
    `${kind}.csv: ${d.lines} lines, ${(d.bytes / 1e6).toFixed(1)} MB in ${d.ms.toFixed(0)} ms; server RSS ${d.rssBeforeMb.toFixed(0)} MB, peak growth ${d.peakGrowthMb.toFixed(1)} MB`,
  );
}
const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const heapUsed = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(metrics)?.[1] ?? 0);
console.log(`server heap in use at the end: ${(heapUsed / 1e6).toFixed(0)} MB`);
if (process.env.BENCH_HEAP) {
  server.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 30_000));
}
classMs.sort((a, b) => a - b);
console.log(
  `\nsummary: class complete ${classMs.map((m) => m.toFixed(0)).join(' / ')} ms; ${BIG}-attempt statistics ${cold.ms.toFixed(0)} ms`,
);
db.close();
await stop();
