#!/usr/bin/env node
/**
 * Benchmark (not a test): durable answer throughput and launch fan-out.
 *
 *   npm run bench:answers [-- --students 1000 --rate 2000 --seconds 15]
 *
 * 1. builds the server (dist/e2e-server) and starts it on a temporary SQLite file with
 *    connection and rate limits raised for the load;
 * 2. creates 1,000 students and one exam session in the database;
 * 3. runs the load client (scripts/bench-load-client.mjs) in a separate process: 1,000
 *    sockets join, the teacher launches (time until the last student has exam_launch), then
 *    every student answers at a fixed total rate; latency = send -> answer_ack (after COMMIT).
 */
import { fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { benchArgs, buildServer, freePort, ROOT, SERVER_OUT } from './bench-support.mjs';

const args = benchArgs();
const STUDENTS = Number(args.students ?? 1000);
const RATE = Number(args.rate ?? 2000);
const SECONDS = Number(args.seconds ?? 15);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

const out = SERVER_OUT;
buildServer();

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'exam-bench-'));
const dbFile = join(dir, 'bench.sqlite');
// BENCH_PROFILE=<dir> writes a V8 CPU profile of the server (stopped with SIGINT at the end).
const profile = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
const server = spawn(process.execPath, [...profile, join(out, 'backend/src/main.js')], {
  cwd: ROOT,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${dbFile}`,
    JWT_SECRET: SECRET,
    JWT_ACCESS_TTL_SECONDS: '3600',
    ALLOWED_ORIGINS: 'http://localhost:4200',
    STATIC_DIR: join(dir, 'no-spa'),
    WS_MESSAGES_PER_MINUTE: '100000',
    WS_ANSWERS_PER_10S: '100000',
    WS_MAX_CONNECTIONS_PER_IP: '1000000',
    WS_MAX_CONNECTIONS: '1000000',
    LOG_LEVEL: 'error',
    ...(process.env.TRACE_ANSWER_WRITER ? { TRACE_ANSWER_WRITER: '1' } : {}),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => {
  if (server.exitCode === null) server.kill(profile.length ? 'SIGINT' : 'SIGTERM');
};
process.on('exit', () => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health/live`)).ok) break;
  } catch {
    /* starting */
  }
  if (i > 300) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

// --- data: 1,000 students and a session, straight into the database ---
const db = new sqlite3.Database(dbFile);
const q = (sql, p = []) =>
  new Promise((res, rej) => db.all(sql, p, (e, rows) => (e ? rej(e) : res(rows))));
await q('PRAGMA busy_timeout = 10000');
const [demo] = await q(
  "SELECT academy_id, password_hash FROM users WHERE email = 'student1@demo.school'",
);
const [teacher] = await q("SELECT id FROM users WHERE email = 'teacher@demo.school'");
const now = Date.now();
const students = [];
await q('BEGIN');
for (let i = 0; i < STUDENTS; i++) {
  const id = randomUUID();
  students.push(id);
  await q(
    `INSERT INTO users (id, academy_id, email, display_name, role, password_hash, extra_time_percent, password_changed_at, created_at)
     VALUES (?, ?, ?, ?, 'student', ?, 0, ?, ?)`,
    [id, demo.academy_id, `bench${i}@demo.school`, `Bench ${i}`, demo.password_hash, now, now],
  );
}
const examId = randomUUID();
await q(
  `INSERT INTO exams (id, academy_id, author_id, title, description, instructions, duration_minutes, passing_score,
     shuffle_questions, shuffle_options, is_active, version, created_at, updated_at)
   VALUES (?, ?, ?, 'Bench exam', '', '', 120, 50, 0, 0, 1, 1, ?, ?)`,
  [examId, demo.academy_id, teacher.id, now, now],
);
const questionIds = [];
for (let i = 0; i < 20; i++) {
  const id = randomUUID();
  questionIds.push(id);
  await q(
    `INSERT INTO questions (id, exam_id, academy_id, position, type, prompt, points, body) VALUES (?, ?, ?, ?, 'short_text', ?, 1, '{}')`,
    [id, examId, demo.academy_id, i, `Question ${i + 1}`],
  );
  await q('INSERT INTO question_keys (question_id, academy_id, key) VALUES (?, ?, ?)', [
    id,
    demo.academy_id,
    JSON.stringify({
      acceptedAnswers: [{ text: 'x', creditPercent: 100 }],
      caseSensitive: false,
      foldAccents: false,
      wildcards: false,
    }),
  ]);
}
const sessionId = randomUUID();
await q(
  `INSERT INTO exam_sessions (id, academy_id, exam_id, teacher_id, title, status, duration_minutes, config, total_paused_ms, extra_ms, exam_version, created_at, updated_at)
   VALUES (?, ?, ?, ?, 'Bench session', 'preparing', 120, ?, 0, 0, 1, ?, ?)`,
  [
    sessionId,
    demo.academy_id,
    examId,
    teacher.id,
    JSON.stringify({ timeWarningMinutes: [10, 5, 1], gracePeriodSeconds: 30, allowLateJoin: true }),
    now,
    now,
  ],
);
for (const sid of students) {
  await q(
    `INSERT INTO student_sessions (id, academy_id, exam_session_id, student_id, status, extra_ms, extra_time_percent, progress, answered_count, time_spent_ms, connection_status, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'enrolled', 0, 0, 0, 0, 0, 'not_joined', ?, ?)`,
    [randomUUID(), demo.academy_id, sessionId, sid, now, now],
  );
}
// A live login (refresh-token family) per user: the server refuses tokens of unknown ones.
const families = {};
for (const userId of [teacher.id, ...students]) {
  families[userId] = randomUUID();
  await q(
    `INSERT INTO refresh_tokens (id, user_id, academy_id, family_id, token_hash, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      randomUUID(),
      userId,
      demo.academy_id,
      families[userId],
      randomBytes(32).toString('hex'),
      now + 3_600_000,
      now,
    ],
  );
}
await q('COMMIT');
await new Promise((r) => db.close(r));

// --- the load client, in its own process ---
const client = fork(join(ROOT, 'scripts/bench-load-client.mjs'), [], { stdio: 'inherit' });
client.send({
  wsUrl: `ws://127.0.0.1:${port}/ws`,
  secret: SECRET,
  academyId: demo.academy_id,
  teacherId: teacher.id,
  students,
  sessionId,
  questionIds,
  rate: RATE,
  seconds: SECONDS,
  families,
});
// Server CPU (user + system) during the load: the steadier figure on a shared machine.
const cpuOf = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks (100/s) -> ms
  } catch {
    return NaN;
  }
};
const cpuBefore = cpuOf(server.pid);
const result = await new Promise((res) => client.on('message', res));
const cpuMs = cpuOf(server.pid) - cpuBefore;
const [{ n }] = await new Promise((res, rej) => {
  const d = new sqlite3.Database(dbFile);
  d.all('SELECT COUNT(*) AS n FROM answers', (e, rows) => (e ? rej(e) : d.close(() => res(rows))));
});
console.log(
  `\nbench:answers on ${cpus().length} CPU(s), ${STUDENTS} students, offered ${RATE} answers/s for ${SECONDS} s`,
);
console.log(
  `  launch -> last student received exam_launch: ${result.launch.last} ms (per-student p50 ${result.launch.p50} ms, p99 ${result.launch.p99} ms)`,
);
console.log(
  `  durable acks/s: ${result.ackedPerSec.toFixed(0)} (acked ${result.acked} of ${result.offered} offered, errors ${result.errors}, rows in DB ${n}; last ack ${result.tailMs.toFixed(0)} ms after the last send)`,
);
console.log(
  `  load client: sent ${result.sentPerSec.toFixed(0)}/s, its own event-loop lag p99 ${result.clientLag.p99.toFixed(1)} ms, max ${result.clientLag.max.toFixed(1)} ms`,
);
if (!Number.isNaN(cpuMs)) {
  console.log(
    `  server CPU from join to last ack: ${(cpuMs / 1000).toFixed(1)} s (${((cpuMs / result.acked) * 1000).toFixed(0)} µs per acked answer, joins and launch included)`,
  );
}
console.log(
  `  ack latency: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms`,
);
client.kill();
stop();
await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r()));
process.exit(0);
