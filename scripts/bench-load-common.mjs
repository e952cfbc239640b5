/**
 * What the load client's modes share: tokens the servers accept, opening and joining
 * sockets in batches, and latency histograms of constant size (a long soak records millions
 * of latencies; keeping them in an array and spreading it into Math.max overflowed the
 * stack after 180,000).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createHistogram, performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An access token as the server signs it (HS256, the bench secret). */
export function token(secret, sub, role, academyId, sid = randomUUID()) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({
    sub,
    role,
    academyId,
    sid,
    jti: randomUUID(),
    iat: now,
    exp: now + 6 * 3600,
    iss: 'realtime-exam',
    aud: 'realtime-exam-clients',
  });
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Tokens for a run's users (config: secret, academyId, families). */
export function tokens(cfg) {
  return (id, role = 'student') =>
    token(cfg.secret, id, role, cfg.academyId, cfg.families?.[id] ?? randomUUID());
}

/** Latencies in ms, kept as a histogram of microseconds (constant memory). */
export class Latencies {
  constructor() {
    this.h = createHistogram();
  }
  add(ms) {
    this.h.record(Math.max(1, Math.round(ms * 1000)));
  }
  get count() {
    return this.h.count;
  }
  pct(p) {
    return this.h.count === 0 ? 0 : this.h.percentile(p) / 1000;
  }
  get max() {
    return this.h.count === 0 ? 0 : this.h.max / 1000;
  }
  summary() {
    return { p50: this.pct(50), p99: this.pct(99), max: this.max, n: this.count };
  }
}

/** Opens a socket with its token; resolves at auth_success. */
export function open(url, tok) {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`${url}?access_token=${tok}`, { origin: 'http://localhost:4200' });
    ws.once('error', rej);
    ws.once('message', () => res(ws));
  });
}

/** Opens sockets for these users, `batch` at a time, round-robin over the urls. */
export async function openMany(urls, users, tokenOf, batch = 50) {
  const socks = [];
  for (let i = 0; i < users.length; i += batch) {
    socks.push(
      ...(await Promise.all(
        users.slice(i, i + batch).map((u, j) => open(urls[(i + j) % urls.length], tokenOf(u))),
      )),
    );
  }
  return socks;
}

/** Sends session_join on every socket; resolves when each has its snapshot. */
export function joinAll(socks, sessionId) {
  let left = socks.length;
  return new Promise((done) => {
    if (left === 0) done();
    for (const ws of socks) {
      const on = (raw) => {
        const s = raw.toString();
        if (
          s.startsWith('{"event":"session_snapshot"') ||
          s.startsWith('{"event":"session_resumed"')
        ) {
          ws.off('message', on);
          if (--left === 0) done();
        }
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ event: 'session_join', data: { sessionId } }));
    }
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

/**
 * Answers at a fixed total rate over some sockets (round-robin), paced by elapsed time so
 * that late timers do not lower the offered rate. Latency send -> answer_ack goes to the
 * current window (`window(name)` starts another: before and during a join storm, say) and
 * to `all`. `onAck(i, sentAt)` hears each acknowledged answer of socket i.
 */
export class AnswerLoad {
  constructor(socks, sessionId, questionIds, onAck = () => {}) {
    Object.assign(this, { socks, sessionId, questionIds, onAck });
    this.pending = new Map();
    this.seqs = new Array(socks.length).fill(0);
    this.all = new Latencies();
    this.windows = { main: new Latencies() };
    this.current = this.windows.main;
    this.acked = 0;
    this.errors = 0;
    this.sent = 0;
    this.lastAckAt = 0;
    socks.forEach((ws, i) => ws.on('message', (raw) => this.onFrame(i, raw.toString())));
  }

  onFrame(i, s) {
    if (s.startsWith('{"event":"answer_ack"')) {
      const f = JSON.parse(s);
      const t0 = this.pending.get(f.data.key);
      if (t0 === undefined) return;
      this.pending.delete(f.data.key);
      if (f.data.status === 'autosaved' || f.data.status === 'saved') {
        this.acked++;
        this.lastAckAt = now();
        this.all.add(this.lastAckAt - t0);
        this.current.add(this.lastAckAt - t0);
        this.onAck(i, t0);
      } else this.errors++;
    } else if (s.startsWith('{"event":"error"')) {
      const f = JSON.parse(s);
      if (f.data.key && this.pending.delete(f.data.key)) this.errors++;
    }
  }

  window(name) {
    this.current = this.windows[name] = new Latencies();
    return this.current;
  }

  /** Forgets what was measured so far (after a warm-up); the students' seqs go on. */
  reset() {
    this.all = new Latencies();
    this.windows = { main: new Latencies() };
    this.current = this.windows.main;
    this.acked = 0;
    this.errors = 0;
    this.offeredBefore = this.sent;
  }

  /** Answers sent since the last reset(). */
  get offered() {
    return this.sent - (this.offeredBefore ?? 0);
  }

  /** Sends at `rate`/s until stop(), or for `seconds` (rate x seconds answers in all). */
  start(rate, seconds = Infinity) {
    const start = now();
    const base = this.sent;
    return new Promise((done) => {
      this.timer = setInterval(() => {
        const elapsed = now() - start;
        const last = elapsed >= seconds * 1000;
        const due = base + (last ? rate * seconds : Math.floor((rate * elapsed) / 1000));
        while (this.sent < due) this.send(this.sent++ % this.socks.length);
        if (last || this.stopped) {
          clearInterval(this.timer);
          this.sentDone = now();
          done();
        }
      }, 10);
    });
  }

  stop() {
    this.stopped = true;
  }

  send(i) {
    const key = randomUUID();
    const seq = ++this.seqs[i];
    this.pending.set(key, now());
    this.socks[i].send(
      JSON.stringify({
        event: 'answer_autosaved',
        data: {
          sessionId: this.sessionId,
          questionId: this.questionIds[seq % this.questionIds.length],
          answer: { text: `answer ${seq}` },
          key,
          seq,
        },
      }),
    );
  }

  /** Waits (at most 10 s) for the answers still unacknowledged. */
  async settle() {
    const until = now() + 10_000;
    while (this.pending.size > 0 && now() < until) await sleep(20);
  }
}

/** The teacher launches; resolves with launch -> exam_launch per student (ms) once all have it. */
export async function launch(teacher, socks, sessionId) {
  const at = new Array(socks.length).fill(0);
  const start = now();
  socks.forEach((ws, i) => {
    const on = (raw) => {
      if (raw.toString().startsWith('{"event":"exam_launch"')) {
        at[i] = now() - start;
        ws.off('message', on);
      }
    };
    ws.on('message', on);
  });
  teacher.send(JSON.stringify({ event: 'exam_launch', data: { sessionId } }));
  const until = now() + 120_000;
  while (at.some((x) => x === 0)) {
    if (now() > until) throw new Error(`${at.filter((x) => x === 0).length} never got exam_launch`);
    await sleep(5);
  }
  const s = [...at].sort((a, b) => a - b);
  return {
    last: Math.round(s[s.length - 1]),
    p50: Math.round(s[Math.floor(s.length / 2)]),
    p99: Math.round(s[Math.floor(s.length * 0.99)]),
  };
}

/** The teacher's socket, joined to the session. */
export async function teacherOf(cfg, url, tokenOf) {
  const teacher = await open(url, tokenOf(cfg.teacherId, 'teacher'));
  await joinAll([teacher], cfg.sessionId);
  return teacher;
}

/**
 * Answer -> teacher's grid: per student the send time of the oldest acked answer not yet
 * shown; the next student_progress of that student at the teacher's socket records
 * now - that time.
 */
export class GridWatch {
  constructor(teacher, students) {
    this.index = new Map(students.map((s, i) => [s, i]));
    this.unshown = new Array(students.length).fill(-1);
    this.lat = new Latencies();
    teacher.on('message', (raw) => {
      const s = raw.toString();
      if (!s.startsWith('{"event":"student_progress"')) return;
      const i = this.index.get(JSON.parse(s).data.studentId);
      if (i === undefined || this.unshown[i] < 0) return;
      this.lat.add(now() - this.unshown[i]);
      this.unshown[i] = -1;
    });
  }
  acked(i, sentAt) {
    if (this.unshown[i] < 0 || sentAt < this.unshown[i]) this.unshown[i] = sentAt;
  }
  /** Forgets the latencies measured so far (after a warm-up). */
  reset() {
    this.lat = new Latencies();
  }
  /** Waits (at most 3 s) for the last acked answers to reach the grid. */
  async settle() {
    const until = now() + 3_000;
    while (this.unshown.some((t) => t >= 0) && now() < until) await sleep(20);
  }
}
