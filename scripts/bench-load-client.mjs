/**
 * The load client of bench-answers.mjs and bench-cluster.mjs (a separate process so its CPU
 * does not count against the servers'): one socket per student, one launch, then answers at
 * a fixed total rate. Config `wsUrl` (one server) or `wsUrls` (several instances: students
 * round-robin over them, the teacher on the first).
 *
 * Besides send -> answer_ack it measures answer -> teacher's grid: per student the send time
 * of the oldest acked answer not yet shown to the teacher; the next student_progress of that
 * student at the teacher's socket records now - that time.
 *
 * The server accepts a token only while its login (`sid`, a refresh_tokens family) is live:
 * config `families` maps each user id (teacher and students) to a family id the caller
 * stored in refresh_tokens; without it every token gets a random (unknown) family.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(secret, sub, role, academyId, sid = randomUUID()) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({
    sub,
    role,
    academyId,
    sid,
    jti: randomUUID(),
    iat: now,
    exp: now + 3600,
    iss: 'realtime-exam',
    aud: 'realtime-exam-clients',
  });
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
const pct = (xs, p) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function open(url, tok) {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`${url}?access_token=${tok}`, { origin: 'http://localhost:4200' });
    ws.once('error', rej);
    ws.once('message', () => res(ws)); // auth_success
  });
}

process.once('message', async (cfg) => {
  const { secret, academyId, teacherId, students, sessionId, questionIds, rate, seconds } = cfg;
  const wsUrls = cfg.wsUrls ?? [cfg.wsUrl];
  const tokenOf = (id, role) => token(secret, id, role, academyId, cfg.families?.[id]);
  const teacher = await open(wsUrls[0], tokenOf(teacherId, 'teacher'));
  // Answer -> teacher's grid: send time of each student's oldest acked answer not yet shown.
  const studentIndex = new Map(students.map((s, i) => [s, i]));
  const unshownSince = new Array(students.length).fill(-1);
  const grid = [];
  teacher.on('message', (raw) => {
    const s = raw.toString();
    if (!s.startsWith('{"event":"student_progress"')) return;
    const i = studentIndex.get(JSON.parse(s).data.studentId);
    if (i === undefined || unshownSince[i] < 0) return;
    grid.push(performance.now() - unshownSince[i]);
    unshownSince[i] = -1;
  });
  teacher.send(JSON.stringify({ event: 'session_join', data: { sessionId } }));
  const socks = [];
  for (let i = 0; i < students.length; i += 50) {
    socks.push(
      ...(await Promise.all(
        students
          .slice(i, i + 50)
          .map((s, j) => open(wsUrls[(i + j) % wsUrls.length], tokenOf(s, 'student'))),
      )),
    );
  }
  const launchAt = new Array(socks.length).fill(0);
  const pending = new Map();
  const lat = [];
  let acked = 0;
  let lastAckAt = 0;
  let errors = 0;
  let launchStart = 0;
  let joined = 0;
  const allJoined = new Promise((resolveJoined) => {
    socks.forEach((ws, i) => {
      ws.on('message', (raw) => {
        const s = raw.toString();
        if (s.startsWith('{"event":"answer_ack"')) {
          const f = JSON.parse(s);
          const t0 = pending.get(f.data.key);
          pending.delete(f.data.key);
          if (f.data.status === 'autosaved' || f.data.status === 'saved') {
            acked++;
            lastAckAt = performance.now();
            lat.push(lastAckAt - t0);
            if (unshownSince[i] < 0 || t0 < unshownSince[i]) unshownSince[i] = t0;
          } else errors++;
        } else if (s.startsWith('{"event":"exam_launch"')) {
          launchAt[i] = performance.now() - launchStart;
        } else if (s.startsWith('{"event":"session_snapshot"')) {
          if (++joined === socks.length) resolveJoined();
        } else if (s.startsWith('{"event":"error"')) {
          errors++;
          const f = JSON.parse(s);
          if (f.data.key) pending.delete(f.data.key);
        }
      });
      ws.send(JSON.stringify({ event: 'session_join', data: { sessionId } }));
    });
  });
  await allJoined;
  await new Promise((r) => setTimeout(r, 500));
  launchStart = performance.now();
  teacher.send(JSON.stringify({ event: 'exam_launch', data: { sessionId } }));
  const launchUntil = performance.now() + 120_000;
  while (launchAt.some((x) => x === 0)) {
    if (performance.now() > launchUntil) {
      throw new Error(`${launchAt.filter((x) => x === 0).length} students never got exam_launch`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 1000));

  // Fixed total rate, paced by elapsed time, round-robin over the students.
  const seqs = new Array(socks.length).fill(0);
  let next = 0;
  let sent = 0;
  const start = performance.now();
  // The client's own event-loop lag while sending: if it is high, the client (not the
  // server) delays sends and reads, and the latencies are the client's.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  await new Promise((done) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      const last = elapsed >= seconds * 1000;
      // Catch up by elapsed time: timers fire late under load, the offered rate must not drop.
      // The last tick sends what is due at exactly `seconds`: rate x seconds answers in all.
      const due = last ? rate * seconds : Math.floor((rate * elapsed) / 1000);
      while (sent < due) {
        sent++;
        const i = next++ % socks.length;
        const key = randomUUID();
        const seq = ++seqs[i];
        pending.set(key, performance.now());
        socks[i].send(
          JSON.stringify({
            event: 'answer_autosaved',
            data: {
              sessionId,
              questionId: questionIds[seq % questionIds.length],
              answer: { text: `answer ${seq}` },
              key,
              seq,
            },
          }),
        );
      }
      if (last) {
        clearInterval(timer);
        done();
      }
    }, 10);
  });
  const sentDone = performance.now();
  const sentPerSec = sent / seconds;
  const waitUntil = performance.now() + 10_000;
  while (pending.size > 0 && performance.now() < waitUntil)
    await new Promise((r) => setTimeout(r, 20));
  // The last acked answers' progress reaches the teacher within a push interval or two.
  const gridUntil = performance.now() + 3_000;
  while (unshownSince.some((t) => t >= 0) && performance.now() < gridUntil)
    await new Promise((r) => setTimeout(r, 20));
  process.send({
    launch: {
      last: Math.round(Math.max(...launchAt)),
      p50: Math.round(pct(launchAt, 50)),
      p99: Math.round(pct(launchAt, 99)),
    },
    acked,
    errors: errors + pending.size,
    // Offered at a fixed rate for `seconds`: the durable rate is what got acked in that time
    // (every ack also printed against its own latency and the tail below).
    ackedPerSec: acked / seconds,
    offered: sent,
    tailMs: Math.max(0, lastAckAt - sentDone),
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    max: Math.max(0, ...lat),
    grid: { p50: pct(grid, 50), p99: pct(grid, 99), n: grid.length },
    sentPerSec,
    clientLag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
  });
  lag.disable();
});
