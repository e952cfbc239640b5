/**
 * Finished sessions leave memory (R20): once a session has ended and nobody has looked at
 * it for a while, with no socket in its room, its live state and resume buffer are dropped;
 * the next use loads it again from the database (scores included), and a resume from before
 * gets a snapshot, never a silent gap. A student's memory keeps only the latest idempotency
 * keys; a retry of an older one still gets its original reply (R3), from the database.
 */
import type { AnswerAckPayload, TeacherSnapshot } from '@exam/contracts';
import { SessionStore } from '../../backend/src/app/exam-session/live/session-store';
import { RECENT_KEYS } from '../../backend/src/app/exam-session/live/live-state';
import { LiveSessionService } from '../../backend/src/app/exam-session/live-session.service';
import { api } from '../support/http';
import {
  answerOnce,
  answerRows,
  joined,
  lastSeqOf,
  liveWorld,
  seen,
  sleep,
} from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('finished sessions leave memory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('drops an ended, unwatched session and loads it again on the next use', async () => {
    const w = await liveWorld(t, 'Memory Academy', 2);
    const live = t.app.get(LiveSessionService);
    const sid = w.fx.sessionId;
    const teacher = await joined(t, w.teacher.token, sid);
    const student = await joined(t, w.students[0].token, sid);
    const launch = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/launch`, {
      token: w.teacher.token,
      body: {},
    });
    expect(launch.status).toBe(200);
    await seen(student, (f) => f.event === 'exam_launch');
    const ack = await answerOnce(student, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'b' },
      seq: 1,
    });
    expect(ack.data.status).toBe('autosaved');
    await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/complete`, {
      token: w.teacher.token,
      body: {},
    });
    await seen(teacher, (f) => f.event === 'attempt_graded');
    const lastSeq = lastSeqOf(teacher);
    const later = Date.now() + 11 * 60_000;

    // Watched (sockets in the room), or used recently: kept. (Other finished sessions, such
    // as the demo's practice round, may go.)
    live.sweepEnded(later);
    live.sweepEnded(Date.now());
    expect(live.cachedSessions()).toContain(sid);
    teacher.close();
    student.close();
    // Progress still to persist keeps it too (written every 5 s; settle() writes it now).
    await live.settle();
    for (let i = 0; i < 50 && live.cachedSessions().includes(sid); i++) {
      await sleep(20);
      live.sweepEnded(later);
    }
    expect(live.cachedSessions()).not.toContain(sid);

    // Loaded again from the database on the next use, scores and all.
    const snap = await api<TeacherSnapshot>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/snapshot`,
      { token: w.teacher.token },
    );
    expect(snap.body.status).toBe('completed');
    const graded = snap.body.roster.find((r) => r.studentId === w.students[0].id)!;
    expect(graded.score).toMatchObject({ score: 1, result: 'failed' });
    expect(graded.endReason).toBe('teacher');
    expect(live.cachedSessions()).toContain(sid);

    // A resume from before the drop gets a snapshot.
    const back = await joined(t, w.teacher.token, sid, lastSeq);
    expect(back.frames.some((f) => f.event === 'session_snapshot')).toBe(true);
    expect(back.frames.some((f) => f.event === 'session_resumed')).toBe(false);
    back.close();
  });

  it('keeps the latest keys per student; an older key still gets its original reply and no row', async () => {
    const w = await liveWorld(t, 'Keys Academy', 1);
    const sid = w.fx.sessionId;
    const q = w.fx.questionIds[1];
    const teacher = await joined(t, w.teacher.token, sid);
    const student = await joined(t, w.students[0].token, sid);
    teacher.send('exam_launch', { sessionId: sid });
    await seen(student, (f) => f.event === 'exam_launch');
    const n = RECENT_KEYS + 8;
    const acks: AnswerAckPayload[] = [];
    for (let i = 1; i <= n; i++) {
      const a = await answerOnce(student, {
        sessionId: sid,
        questionId: q,
        answer: { text: `v${i}` },
        seq: i,
        key: `answer-key-${i}`,
      });
      expect(a.data.status).toBe('autosaved');
      acks.push(a.data);
    }
    const me = (await t.app.get(SessionStore).state(sid))!.students.get(w.students[0].id)!;
    expect(me.keys.size).toBe(RECENT_KEYS);
    expect(me.keys.has('answer-key-1')).toBe(false);

    // A retry of the first answer (older seq than the stored one): its own reply, not "stale".
    const retry = await answerOnce(student, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'v1' },
      seq: 1,
      key: 'answer-key-1',
    });
    expect(retry.data).toEqual(acks[0]);
    // An old key sent again with a newer seq and body: the original reply, nothing stored.
    const reused = await answerOnce(student, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'changed' },
      seq: n + 1,
      key: 'answer-key-2',
    });
    expect(reused.data).toEqual(acks[1]);
    // The REST mirror too.
    const rest = await api<AnswerAckPayload>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/answers`,
      {
        token: w.students[0].token,
        body: { questionId: q, answer: { text: 'v3' }, key: 'answer-key-3', seq: 3 },
      },
    );
    expect(rest.body).toEqual(acks[2]);
    // The refused reuse did not move the question's seq: the next answer is taken.
    const next = await answerOnce(student, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'next' },
      seq: n + 1,
      key: 'answer-key-next',
    });
    expect(next.data).toMatchObject({ status: 'autosaved', seq: n + 1 });
    // An unknown key with an old seq is still "stale".
    const stale = await answerOnce(student, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'old' },
      seq: 4,
      key: 'answer-key-unknown',
    });
    expect(stale.data).toMatchObject({ status: 'stale', currentSeq: n + 1 });
    const rows = await answerRows(t, sid);
    expect(rows).toHaveLength(n + 1);
    expect(rows.filter((r) => r.idempotency_key === 'answer-key-2')).toEqual([
      expect.objectContaining({ seq: 2, value: JSON.stringify({ text: 'v2' }) }),
    ]);
    expect(me.keys.size).toBeLessThanOrEqual(RECENT_KEYS);
    teacher.close();
    student.close();
  });
});
