/**
 * Gateway fuzzing (R17, issue 6): 10,000 seeded, generated frames — malformed JSON, wrong
 * types, deep nesting, __proto__/constructor keys, strings near and over the size limits,
 * invalid UTF-8, binary frames, unknown events, real event names with garbage payloads and
 * real ids with unknown fields — from a student joined to a live session. Every frame gets
 * an answer (an `error`/`auth_failed` frame, or a close code for oversize/invalid UTF-8),
 * the server never crashes, the fuzzer stores nothing, and a well-behaved student on the
 * same server keeps getting heartbeats and answer acks throughout. Rate limits are high
 * here so that they do not mask validation. Seeded: a failure reproduces exactly.
 */
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  CONNECTION_EVENTS,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
} from '@exam/contracts';
import { tableCounts } from '../support/fixtures';
import { api } from '../support/http';
import { answerOnce, joined, liveWorld, sleep, type LiveWorld } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestSocket } from '../support/ws-client';

const FRAMES = 10_000;
const MAX_BYTES = 51_200;
const SEED = 20251127;
const ANSWERED = new Set(['error', 'auth_failed', 'heartbeat']);

interface Frame {
  kind: string;
  data: string | Buffer;
  binary: boolean;
  /** Expected to close the socket (over maxPayload, invalid UTF-8) instead of an error frame. */
  closes: boolean;
}

const KNOWN = [
  CONNECTION_EVENTS.AUTH_REQUEST,
  CONNECTION_EVENTS.HEARTBEAT,
  ...Object.values(SESSION_CONTROL_EVENTS),
  ...Object.values(STUDENT_EVENTS),
  ...Object.values(LIVE_ANSWER_EVENTS),
  ...Object.values(LIVE_EVENTS),
  ...Object.values(SESSION_EVENTS),
] as string[];

function frames(w: LiveWorld): Frame[] {
  const sid = w.fx.sessionId;
  const qid = w.fx.questionIds[0];
  const text = (kind: string, s: string): Frame => ({
    kind,
    data: s,
    binary: false,
    closes: Buffer.byteLength(s) > MAX_BYTES,
  });
  const json = fc.jsonValue({ maxDepth: 4 });
  const known = fc.constantFrom(...KNOWN);
  const arb: fc.Arbitrary<Frame> = fc.oneof(
    { weight: 12, arbitrary: fc.string({ maxLength: 300 }).map((s) => text('malformed', `{${s}`)) },
    {
      weight: 6,
      arbitrary: json
        .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
        .map((v) => text('not-an-object', JSON.stringify(v))),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({
          event: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
          data: json,
        })
        .map((v) => text('event-wrong-type', JSON.stringify(v))),
    },
    {
      weight: 10,
      arbitrary: fc
        .record({ event: fc.string({ minLength: 1, maxLength: 80 }), data: json })
        .filter((v) => !KNOWN.includes(v.event))
        .map((v) => text('unknown-event', JSON.stringify(v))),
    },
    {
      weight: 22,
      arbitrary: fc
        .record({ event: known, data: json })
        .filter(
          (v) => !(v.event === 'heartbeat' && (v.data === null || typeof v.data !== 'object')),
        )
        .map((v) => text('known-event-garbage', JSON.stringify(v))),
    },
    {
      weight: 12,
      arbitrary: fc
        .record({
          event: known,
          junk: fc
            .string({ minLength: 1, maxLength: 20 })
            .filter((k) => !/^(sessionId|questionId)$/.test(k)),
          value: json,
        })
        .map(({ event, junk, value }) =>
          text(
            'real-ids-unknown-field',
            JSON.stringify({ event, data: { sessionId: sid, questionId: qid, [junk]: value } }),
          ),
        ),
    },
    {
      weight: 10,
      arbitrary: fc
        .record({
          event: fc.constantFrom(...Object.values(LIVE_ANSWER_EVENTS)),
          answer: json,
          seq: fc.integer(),
        })
        .map(({ event, answer, seq }) =>
          text(
            'answer-garbage',
            JSON.stringify({
              event,
              data: {
                sessionId: sid,
                questionId: qid,
                answer: { garbage: answer },
                key: `fuzz-${seq}-key`,
                seq,
              },
            }),
          ),
        ),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({ event: known, payload: fc.constantFrom('__proto__', 'constructor', 'prototype') })
        .map(({ event, payload }) =>
          text(
            'proto-keys',
            `{"event":"${event}","__proto__":{"admin":true},"data":{"${payload}":{"polluted":true,"prototype":{"x":1}},"sessionId":"${sid}","constructor":{"name":"x"}}}`,
          ),
        ),
    },
    {
      weight: 5,
      arbitrary: fc
        .record({ depth: fc.integer({ min: 50, max: 9_000 }), arrays: fc.boolean(), event: known })
        .map(({ depth, arrays, event }) =>
          text(
            'deep-nesting',
            `{"event":"${event}","data":${arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)}}`,
          ),
        ),
    },
    {
      // An answer nested thousands of levels deep, small enough to pass the size limits.
      weight: 4,
      arbitrary: fc
        .record({
          depth: fc.integer({ min: 40, max: 5_000 }),
          event: fc.constantFrom(...Object.values(LIVE_ANSWER_EVENTS)),
        })
        .map(({ depth, event }) =>
          text(
            'deep-answer',
            `{"event":"${event}","data":{"sessionId":"${sid}","questionId":"${qid}","key":"fuzz-deep-key","seq":1,"answer":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
          ),
        ),
    },
    {
      weight: 5,
      arbitrary: fc
        .record({ size: fc.integer({ min: 9_000, max: 51_000 }), event: known })
        .map(({ size, event }) =>
          text(
            'huge-string',
            JSON.stringify({
              event,
              data: {
                sessionId: sid,
                questionId: qid,
                answer: { text: 'x'.repeat(size) },
                key: 'fuzz-huge-key',
                seq: 1,
              },
            }),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 2_000 })
        .map((extra) =>
          text(
            'over-max-payload',
            JSON.stringify({ event: 'heartbeat', data: { pad: 'y'.repeat(MAX_BYTES + extra) } }),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({
        kind: 'invalid-utf8',
        data: Buffer.concat([
          Buffer.from('{"event":"heartbeat","data":"'),
          Buffer.from(b),
          Buffer.from([0xff, 0xfe, 0xc0]),
          Buffer.from('"}'),
        ]),
        binary: false,
        closes: true,
      })),
    },
    {
      weight: 4,
      arbitrary: fc.uint8Array({ minLength: 0, maxLength: 2_000 }).map((b) => ({
        kind: 'binary',
        data: Buffer.from(b),
        binary: true,
        closes: false,
      })),
    },
  );
  return fc.sample(arb, { numRuns: FRAMES, seed: SEED });
}

describe('gateway fuzzing (R17): 10,000 generated frames', () => {
  let t: TestApp;
  let w: LiveWorld;
  beforeAll(async () => {
    t = await startTestApp({ WS_AUTH_TIMEOUT_MS: '120000' });
    w = await liveWorld(t, 'Fuzz', 2, { questions: 4 });
  });
  afterAll(() => t.close());

  it('answers every frame, never crashes, stores nothing, and a good client keeps working', async () => {
    const sid = w.fx.sessionId;
    const teacher = await joined(t, w.teacher.token, sid);
    let fuzzer = await joined(t, w.students[0].token, sid);
    const fuzzers = [fuzzer];
    const good = await joined(t, w.students[1].token, sid);
    teacher.send('exam_launch', { sessionId: sid });
    await good.next('exam_launch');
    await fuzzer.next('exam_launch');
    await sleep(300);
    const ds = t.app.get(DataSource);
    const before = await tableCounts(t);

    // The well-behaved student: heartbeats and saved answers all along.
    let done = false;
    let goodAcks = 0;
    let worstMs = 0;
    const goodLoop = (async () => {
      let seq = 1;
      while (!done) {
        const t0 = Date.now();
        good.send('heartbeat', { clientNow: Date.now() });
        await good.next('heartbeat', () => true, 3000);
        const ack = await answerOnce(good, {
          sessionId: sid,
          questionId: w.fx.questionIds[1],
          answer: { text: `good ${seq}` },
          seq: seq++,
        });
        expect(ack.data.status).toMatch(/saved|autosaved/);
        goodAcks++;
        worstMs = Math.max(worstMs, Date.now() - t0);
        await sleep(25);
      }
    })();

    const all = frames(w);
    const kinds = new Map<string, number>();
    for (const f of all) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    const answered = (s: TestSocket, from: number) =>
      s.frames.slice(from).filter((f) => ANSWERED.has(f.event)).length;
    let closes = 0;
    let pending: Frame[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const mark = fuzzer.frames.length;
      for (const f of pending) fuzzer.sendRaw(f.data, f.binary);
      const until = Date.now() + 10_000;
      while (answered(fuzzer, mark) < pending.length) {
        if (fuzzer.closed || Date.now() > until) {
          throw new Error(
            `${answered(fuzzer, mark)}/${pending.length} answered (closed: ${fuzzer.closed?.code}); kinds: ${pending.map((f) => f.kind).join(',')}`,
          );
        }
        await sleep(2);
      }
      pending = [];
    };
    for (const f of all) {
      if (!f.closes) {
        pending.push(f);
        if (pending.length >= 100) await flush();
        continue;
      }
      await flush();
      fuzzer.sendRaw(f.data, f.binary);
      const { code } = await fuzzer.waitClose(5000);
      expect([1009, 1007]).toContain(code);
      closes++;
      fuzzer = await joined(t, w.students[0].token, sid);
      fuzzers.push(fuzzer);
    }
    await flush();
    done = true;
    await goodLoop;

    // Still alive and well.
    expect((await api(t.baseUrl, 'GET', '/api/health/live')).status).toBe(200);
    fuzzer.send('heartbeat', {});
    await fuzzer.next('heartbeat');
    expect(goodAcks).toBeGreaterThan(5);
    expect(worstMs).toBeLessThan(3000);
    expect(closes).toBeGreaterThan(0);
    expect(kinds.size).toBeGreaterThanOrEqual(12);
    // Every refusal is a clear error, never a crash (deep nesting included).
    const crashes = fuzzers
      .flatMap((x) => x.frames)
      .filter(
        (f) => f.event === 'error' && (f.data as { code?: string }).code === 'INTERNAL_ERROR',
      );
    expect(crashes).toEqual([]);

    // Nothing stored for the fuzzer; the only new rows are the good student's answers and
    // connection bookkeeping (reconnects after a close) and the security log.
    const fuzzRows = (await ds.query(
      `SELECT COUNT(*) AS n FROM answers a JOIN student_sessions s ON s.id = a.student_session_id
       WHERE s.student_id = ?`,
      [w.students[0].id],
    )) as Array<{ n: number }>;
    expect(Number(fuzzRows[0].n)).toBe(0);
    const after = await tableCounts(t);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(
      changed.filter(
        (k) =>
          ![
            'answers',
            'connections',
            'session_events',
            'security_events',
            'integrity_signals',
          ].includes(k),
      ),
    ).toEqual([]);
    // Integrity signals: only what the server saw of the sockets (reconnects, another
    // socket), never one the fuzzer reported.
    const reported = (await ds.query(
      'SELECT COUNT(*) AS n FROM integrity_signals WHERE client_id IS NOT NULL AND student_id = ?',
      [w.students[0].id],
    )) as Array<{ n: number }>;
    expect(Number(reported[0].n)).toBe(0);
    for (const s of [teacher, fuzzer, good]) s.close();
  }, 120_000);
});
