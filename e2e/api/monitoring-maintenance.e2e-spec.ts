/**
 * Maintenance jobs against a real SQLite database with an injected clock (the Clock
 * provider is moved days ahead): stale connection rows, abandoned sessions, the weekly
 * archive (and reading it back over REST), and the scheduler's registration from env.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MaintenanceScheduler } from '../../backend/src/app/maintenance/maintenance.scheduler';
import { MaintenanceService } from '../../backend/src/app/maintenance/maintenance.service';
import { Clock } from '../../backend/src/app/monitoring/clock';
import { ConnectionRegistry } from '../../backend/src/app/realtime/connection-registry.service';
import { api, login } from '../support/http';
import { insertSession, userId } from '../support/session-rows';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

const DAY = 86_400_000;

describe('maintenance jobs (injected clock, real SQLite)', () => {
  let t: TestApp;
  let ds: DataSource;
  let jobs: MaintenanceService;
  let clock: Clock;
  const t0 = Date.now();
  const setNow = (ms: number) => jest.spyOn(clock, 'now').mockReturnValue(ms);

  beforeAll(async () => {
    t = await startTestApp({
      STALE_CONNECTION_HOURS: '24',
      ABANDONED_SESSION_DAYS: '30',
      ARCHIVE_AFTER_DAYS: '30',
    });
    ds = t.app.get(DataSource);
    jobs = t.app.get(MaintenanceService);
    clock = t.app.get(Clock);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await ds.query(sql, params)) as Array<{ n: number }>)[0].n);

  it('closes open connection rows older than STALE_CONNECTION_HOURS unless the socket is live; idempotent', async () => {
    const student = await userId(ds, 'student1@demo.school');
    const token = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    const live = await TestSocket.authed(t.wsUrl, token);
    const liveCtxId = [...t.app.get(ConnectionRegistry).clients()][0].ctx.id;
    const insert = async (id: string, connectedAt: number, disconnectedAt: number | null) => {
      await ds.query('DELETE FROM connections WHERE id = ?', [id]);
      await ds.query(
        `INSERT INTO connections (id, academy_id, user_id, ip, user_agent, connected_at, disconnected_at, last_ping_at)
         VALUES (?, ?, ?, '127.0.0.1', 'test', ?, ?, ?)`,
        [id, student.academyId, student.id, connectedAt, disconnectedAt, connectedAt + 60_000],
      );
    };
    const crashed = randomUUID();
    const recent = randomUUID();
    const closed = randomUUID();
    await insert(crashed, t0 - 3 * DAY, null);
    await insert(recent, t0 - 3_600_000, null);
    await insert(closed, t0 - 3 * DAY, t0 - 2 * DAY);
    await insert(liveCtxId, t0 - 3 * DAY, null); // old but its socket is connected right now
    setNow(t0);
    const first = await jobs.cleanupStaleConnections();
    expect(first.closed).toBe(1);
    const [row] = (await ds.query(
      'SELECT disconnected_at, close_code FROM connections WHERE id = ?',
      [crashed],
    )) as Array<{ disconnected_at: number; close_code: number }>;
    expect(Number(row.disconnected_at)).toBe(t0 - 3 * DAY + 60_000);
    expect(row.close_code).toBe(1006);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM connections WHERE id IN (?, ?) AND disconnected_at IS NULL',
        [recent, liveCtxId],
      ),
    ).toBe(2);
    expect((await jobs.cleanupStaleConnections()).closed).toBe(0);
    // Two days later the "recent" one is stale too.
    setNow(t0 + 2 * DAY);
    expect((await jobs.cleanupStaleConnections()).closed).toBe(1);
    live.close();
  });

  it('marks sessions preparing for more than ABANDONED_SESSION_DAYS as terminated (abandoned); idempotent', async () => {
    const old = await insertSession(t, { status: 'preparing', createdAt: t0 - 31 * DAY });
    const fresh = await insertSession(t, { status: 'preparing', createdAt: t0 - 2 * DAY });
    const activeOld = await insertSession(t, { status: 'active', createdAt: t0 - 40 * DAY });
    setNow(t0);
    expect((await jobs.cleanupAbandonedSessions()).terminated).toBe(1);
    const status = async (id: string) =>
      (
        (await ds.query('SELECT status, end_reason, ended_at FROM exam_sessions WHERE id = ?', [
          id,
        ])) as Array<{
          status: string;
          end_reason: string | null;
          ended_at: number | null;
        }>
      )[0];
    expect(await status(old.sessionId)).toMatchObject({
      status: 'terminated',
      end_reason: 'abandoned',
    });
    expect(Number((await status(old.sessionId)).ended_at)).toBe(t0);
    expect((await status(fresh.sessionId)).status).toBe('preparing');
    expect((await status(activeOld.sessionId)).status).toBe('active');
    expect((await jobs.cleanupAbandonedSessions()).terminated).toBe(0);
    // Enrolments are kept (marked, not deleted).
    expect(
      await count('SELECT COUNT(*) AS n FROM student_sessions WHERE exam_session_id = ?', [
        old.sessionId,
      ]),
    ).toBe(2);
  });

  it('archives finished sessions older than ARCHIVE_AFTER_DAYS with their students, answers and events; readable over REST', async () => {
    const done = await insertSession(t, {
      status: 'completed',
      title: 'Finished chemistry',
      createdAt: t0 - 50 * DAY,
      endedAt: t0 - 45 * DAY,
      students: [
        [1, 'disconnected'],
        [0.5, 'disconnected'],
      ],
    });
    const recentDone = await insertSession(t, {
      status: 'completed',
      createdAt: t0 - 3 * DAY,
      endedAt: t0 - 2 * DAY,
    });
    const teacher = await userId(ds, 'teacher@demo.school');
    for (let i = 0; i < 3; i++) {
      await ds.query(
        `INSERT INTO answers (academy_id, exam_session_id, student_session_id, question_id, idempotency_key, seq, final, value, created_at)
         VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)`,
        [
          teacher.academyId,
          done.sessionId,
          done.studentSessionIds[0],
          randomUUID(),
          `k${i}`,
          JSON.stringify({ choice: i }),
          t0 - 46 * DAY,
        ],
      );
    }
    await ds.query(
      `INSERT INTO session_events (academy_id, exam_session_id, type, actor_id, actor_type, data, created_at)
       VALUES (?, ?, 'session_ended', ?, 'teacher', '{}', ?)`,
      [teacher.academyId, done.sessionId, teacher.id, t0 - 45 * DAY],
    );

    // An integrity signal goes with its session: archived with it, then gone (retention).
    await ds.query(
      `INSERT INTO integrity_signals (id, academy_id, exam_session_id, student_session_id, student_id, kind, at, chars, offline, created_at)
       VALUES (?, ?, ?, ?, ?, 'paste', ?, 12, ?, ?)`,
      [
        randomUUID(),
        teacher.academyId,
        done.sessionId,
        done.studentSessionIds[0],
        teacher.id,
        t0 - 46 * DAY,
        false,
        t0 - 46 * DAY,
      ],
    );

    setNow(t0);
    const r = await jobs.archiveFinishedSessions();
    // The abandoned session of the previous test ended "now", so it is not due yet.
    expect(r).toEqual({ archived: 1, answers: 3, events: 1 });
    expect(
      await count('SELECT COUNT(*) AS n FROM exam_sessions WHERE id = ?', [done.sessionId]),
    ).toBe(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM student_sessions WHERE exam_session_id = ?', [
        done.sessionId,
      ]),
    ).toBe(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM answers WHERE exam_session_id = ?', [done.sessionId]),
    ).toBe(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM session_events WHERE exam_session_id = ?', [
        done.sessionId,
      ]),
    ).toBe(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM integrity_signals WHERE exam_session_id = ?', [
        done.sessionId,
      ]),
    ).toBe(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM exam_sessions WHERE id = ?', [recentDone.sessionId]),
    ).toBe(1);
    expect(await jobs.archiveFinishedSessions()).toEqual({ archived: 0, answers: 0, events: 0 });

    const teacherToken = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    const got = await api<{
      title: string;
      status: string;
      studentSessions: unknown[];
      answers: Array<{ value: string }>;
      events: unknown[];
      session: { id: string };
      results: Record<string, Array<Record<string, unknown>>>;
    }>(t.baseUrl, 'GET', `/api/v1/archive/exam-sessions/${done.sessionId}`, {
      token: teacherToken,
    });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      title: 'Finished chemistry',
      status: 'completed',
      session: { id: done.sessionId },
    });
    expect(got.body.studentSessions).toHaveLength(2);
    expect(got.body.answers).toHaveLength(3);
    expect(got.body.events).toHaveLength(1);
    expect(got.body.results['integrity_signals']).toEqual([
      expect.objectContaining({ kind: 'paste', chars: 12 }),
    ]);
    const student = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    expect(
      (
        await api(t.baseUrl, 'GET', `/api/v1/archive/exam-sessions/${done.sessionId}`, {
          token: student,
        })
      ).status,
    ).toBe(403);
    const admin = (await login(t.baseUrl, 'admin@demo.school')).accessToken;
    expect(
      (
        await api(t.baseUrl, 'GET', `/api/v1/archive/exam-sessions/${randomUUID()}`, {
          token: admin,
        })
      ).status,
    ).toBe(404);

    // 40 days on, the abandoned and the recently completed sessions are due as well, and so
    // is the demo's practice round: its results (scores, session questions) go along.
    const practice = (
      (await ds.query(
        "SELECT id FROM exam_sessions WHERE title = 'English Assessment - practice round'",
      )) as Array<{ id: string }>
    )[0].id;
    expect(
      await count('SELECT COUNT(*) AS n FROM question_scores WHERE exam_session_id = ?', [
        practice,
      ]),
    ).toBe(24 * 25);
    setNow(t0 + 40 * DAY);
    expect((await jobs.archiveFinishedSessions()).archived).toBe(3);
    for (const table of ['question_scores', 'session_questions', 'manual_grades', 'regrades']) {
      expect(
        await count(`SELECT COUNT(*) AS n FROM ${table} WHERE exam_session_id = ?`, [practice]),
      ).toBe(0);
    }
    const archived = await api<{ results: Record<string, unknown[]> }>(
      t.baseUrl,
      'GET',
      `/api/v1/archive/exam-sessions/${practice}`,
      { token: teacherToken },
    );
    expect(archived.body.results.question_scores).toHaveLength(24 * 25);
    expect(archived.body.results.session_questions).toHaveLength(25);
  });

  it('schedules the jobs from the environment; BACKUP_CRON is off by default', () => {
    expect(t.app.get(MaintenanceScheduler).scheduled.sort()).toEqual([
      'maintenance:archive',
      'maintenance:cleanup',
    ]);
  });
});

describe('maintenance scheduling from env', () => {
  it('switches jobs on and off with cron settings', async () => {
    const t = await startTestApp({ CLEANUP_CRON: 'off', BACKUP_CRON: '0 2 * * *' });
    try {
      expect(t.app.get(MaintenanceScheduler).scheduled.sort()).toEqual([
        'maintenance:archive',
        'maintenance:backup',
      ]);
    } finally {
      await t.close();
    }
  });
});
