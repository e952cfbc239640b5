#!/usr/bin/env node
/**
 * The baseline of the benchmarks (issue 16): a bare `ws` + sqlite3 server speaking the
 * subset of the exam protocol the load client uses, with the same durability for answers.
 * It is what "as fast as a bare WebSocket server" means in the benchmarks' ratios; it is
 * never a product (no roles, no limits, no resume, no validation beyond shapes).
 *
 *   node scripts/bench-baseline-server.mjs <port> <sqlite file> <seed.json>
 *
 * seed.json: { secret, sessionId, teacherId, questionIds: [...], students: [...] }.
 * Protocol subset, same frames as the real server:
 *   handshake ?access_token=<HS256 JWT>  -> auth_success
 *   heartbeat {clientNow?}               -> heartbeat {serverNow, clientNow}
 *   session_join {sessionId}             -> session_snapshot
 *   exam_launch (the teacher)            -> exam_launch to every socket in the session
 *   answer_autosaved {sessionId, questionId, answer, key, seq}
 *                                        -> answer_ack after COMMIT (group commit, one
 *                                           multi-row INSERT per event-loop turn,
 *                                           synchronous=FULL), student_progress to the
 *                                           teachers coalesced every 25 ms
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import sqlite3 from 'sqlite3';
import { WebSocketServer } from 'ws';

const [port, dbFile, seedFile] = process.argv.slice(2);
const seed = JSON.parse(readFileSync(seedFile, 'utf8'));
const questionSet = new Set(seed.questionIds);
const attemptOf = new Map(seed.students.map((s) => [s, randomUUID()]));

// --- the database: WAL, synchronous=FULL, one answers table with the same unique key ---
const db = new sqlite3.Database(dbFile);
const run = (sql, params = []) =>
  new Promise((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
await run('PRAGMA journal_mode = WAL');
await run('PRAGMA synchronous = FULL');
await run(`CREATE TABLE IF NOT EXISTS answers (
  id INTEGER PRIMARY KEY, attempt TEXT NOT NULL, question_id TEXT NOT NULL, key TEXT NOT NULL,
  seq INTEGER NOT NULL, value TEXT NOT NULL, created_at INTEGER NOT NULL,
  UNIQUE (attempt, key))`);

// --- JWT (HS256), as the real server signs and checks it ---
const secret = seed.secret;
function verify(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  const sig = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== sig.length || !timingSafeEqual(given, sig)) return null;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
  return claims;
}

const frame = (event, data) => JSON.stringify({ event, data });

// --- rooms: the one bench session's sockets ---
const teachers = new Set();
const students = new Map(); // user id -> socket
let status = 'preparing';
let launchFrame = null;

// --- group commit ---
let queue = [];
let flushing = false;
let scheduled = false;
function schedule() {
  if (scheduled || flushing) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    flush();
  });
}
function flush() {
  if (flushing || queue.length === 0) return;
  const batch = queue.splice(0, 500);
  flushing = true;
  const now = Date.now();
  const params = [];
  for (const a of batch) params.push(a.attempt, a.questionId, a.key, a.seq, a.value, now);
  const sql = `INSERT INTO answers (attempt, question_id, key, seq, value, created_at) VALUES ${batch
    .map(() => '(?, ?, ?, ?, ?, ?)')
    .join(', ')} ON CONFLICT (attempt, key) DO NOTHING`;
  db.run(sql, params, (err) => {
    flushing = false;
    for (const a of batch) {
      if (a.ws.readyState !== 1) continue;
      if (err) a.ws.send(frame('error', { code: 'INTERNAL_ERROR', key: a.key }));
      else {
        a.ws.send(
          frame('answer_ack', { key: a.key, seq: a.seq, status: 'autosaved', savedAt: now }),
        );
        progress.set(a.userId, (progress.get(a.userId) ?? 0) + 1);
      }
    }
    if (queue.length > 0) schedule();
  });
}

// --- progress to the teachers, coalesced per student every 25 ms (as the real server) ---
const progress = new Map();
const answered = new Map();
setInterval(() => {
  if (progress.size === 0) return;
  for (const [userId, n] of progress) {
    const total = (answered.get(userId) ?? 0) + n;
    answered.set(userId, total);
    const f = frame('student_progress', {
      sessionId: seed.sessionId,
      studentId: userId,
      answered: Math.min(total, questionSet.size),
      total: questionSet.size,
    });
    for (const t of teachers) t.send(f);
  }
  progress.clear();
}, 25).unref();

// --- the socket server ---
const http = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('baseline');
});
const wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: 50 * 1024 });
wss.on('connection', (ws, req) => {
  const token = new URL(req.url, 'http://x').searchParams.get('access_token');
  const claims = verify(token);
  if (!claims) return ws.close(4001, 'not authenticated');
  const userId = claims.sub;
  const isTeacher = claims.role === 'teacher';
  ws.send(frame('auth_success', { userId, role: claims.role }));
  ws.on('message', (raw, isBinary) => {
    if (isBinary) return ws.send(frame('error', { code: 'VALIDATION_FAILED' }));
    let msg;
    try {
      msg = JSON.parse(raw.toString('utf8'));
    } catch {
      return ws.send(frame('error', { code: 'MALFORMED_JSON' }));
    }
    const data = msg?.data;
    switch (msg?.event) {
      case 'heartbeat':
        return ws.send(frame('heartbeat', { serverNow: Date.now(), clientNow: data?.clientNow }));
      case 'session_join':
        if (data?.sessionId !== seed.sessionId)
          return ws.send(frame('error', { code: 'NOT_FOUND' }));
        if (isTeacher) teachers.add(ws);
        else students.set(userId, ws);
        ws.send(
          frame('session_snapshot', { sessionId: seed.sessionId, status, serverNow: Date.now() }),
        );
        if (launchFrame && !isTeacher) ws.send(launchFrame);
        return;
      case 'exam_launch':
        if (!isTeacher) return ws.send(frame('error', { code: 'FORBIDDEN' }));
        status = 'active';
        launchFrame = frame('exam_launch', {
          sessionId: seed.sessionId,
          startedAt: Date.now(),
          questions: seed.questionIds.map((id, i) => ({
            id,
            type: 'short_text',
            prompt: `Question ${i + 1}`,
            points: 1,
          })),
        });
        for (const s of students.values()) s.send(launchFrame);
        for (const t of teachers) t.send(launchFrame);
        return;
      case 'answer_autosaved': {
        const attempt = attemptOf.get(userId);
        if (
          !attempt ||
          status !== 'active' ||
          data?.sessionId !== seed.sessionId ||
          !questionSet.has(data.questionId) ||
          typeof data.key !== 'string' ||
          !Number.isInteger(data.seq)
        )
          return ws.send(frame('error', { code: 'VALIDATION_FAILED', key: data?.key }));
        queue.push({
          ws,
          userId,
          attempt,
          questionId: data.questionId,
          key: data.key,
          seq: data.seq,
          value: JSON.stringify(data.answer ?? null),
        });
        if (queue.length >= 500) flush();
        else schedule();
        return;
      }
      default:
        return ws.send(frame('error', { code: 'UNKNOWN_EVENT' }));
    }
  });
  ws.on('close', () => {
    teachers.delete(ws);
    if (students.get(userId) === ws) students.delete(userId);
  });
});
http.listen(Number(port), '127.0.0.1');
const stop = () => wss.close(() => db.close(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
