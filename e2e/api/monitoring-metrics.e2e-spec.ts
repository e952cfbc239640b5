/**
 * GET /metrics (Prometheus), its protection, request ids, health checks and the admin
 * overview, against the real app on a temporary SQLite file with real ws clients.
 */
import type { MonitoringOverview } from '@exam/contracts';
import { MetricsService } from '../../backend/src/app/monitoring/metrics.service';
import { OverviewService } from '../../backend/src/app/monitoring/overview.service';
import { api, login } from '../support/http';
import { answerOnce, joined, liveWorld } from '../support/live-helpers';
import { insertSession } from '../support/session-rows';
import { createTestDatabase, PG_URL, REDIS_URL, type TestDatabase } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

/** The value of one sample line, e.g. metric('exam_x_total{event="a"}'); 0 when absent. */
function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(t: TestApp, headers: Record<string, string> = {}) {
  const r = await fetch(`${t.baseUrl}/metrics`, { headers });
  return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
}

describe('monitoring: /metrics, request ids, health, admin overview', () => {
  let t: TestApp;
  let studentToken: string;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    studentToken = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    adminToken = (await login(t.baseUrl, 'admin@demo.school')).accessToken;
  });
  afterAll(() => t.close());

  it('serves Prometheus text with process, event-loop and database metrics (loopback allowed)', async () => {
    const m = await scrape(t);
    expect(m.status).toBe(200);
    expect(m.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(m.text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(m.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(m.text).toMatch(/^nodejs_heap_size_used_bytes /m);
    // Logins ran real queries: the TypeORM subscriber measured them.
    expect(
      metric(m.text, 'exam_db_query_duration_seconds_count{operation="select",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(m.text).toContain('# TYPE exam_answer_ack_latency_seconds histogram');
    expect(m.text).toContain('exam_sessions{status="active"} 0');
  });

  it('counts connections by role, messages by event, processing time, ws errors and connection duration', async () => {
    const s = await TestSocket.authed(t.wsUrl, studentToken);
    s.send('heartbeat', { clientNow: 1 });
    await s.next('heartbeat');
    s.send('launch_missiles', {});
    await s.next('error');
    s.sendRaw('{oops');
    await s.next('error');
    let m = (await scrape(t)).text;
    expect(metric(m, 'exam_ws_connections_active{role="student"}')).toBe(1);
    expect(metric(m, 'exam_ws_messages_received_total{event="heartbeat"}')).toBe(1);
    // Client-chosen event names never become label values.
    expect(metric(m, 'exam_ws_messages_received_total{event="_unknown"}')).toBe(1);
    expect(metric(m, 'exam_ws_messages_received_total{event="_invalid"}')).toBe(1);
    expect(m).not.toContain('launch_missiles');
    expect(metric(m, 'exam_ws_messages_sent_total{event="auth_success"}')).toBe(1);
    expect(metric(m, 'exam_ws_messages_sent_total{event="heartbeat"}')).toBe(1);
    expect(metric(m, 'exam_ws_messages_sent_total{event="error"}')).toBe(2);
    expect(metric(m, 'exam_errors_total{code="UNKNOWN_EVENT",transport="ws"}')).toBe(1);
    expect(metric(m, 'exam_errors_total{code="MALFORMED_JSON",transport="ws"}')).toBe(1);
    expect(metric(m, 'exam_ws_message_processing_seconds_count{event="heartbeat"}')).toBe(1);
    s.close();
    await s.waitClose();
    await new Promise((r) => setTimeout(r, 100));
    m = (await scrape(t)).text;
    expect(metric(m, 'exam_ws_connections_active{role="student"}')).toBe(0);
    expect(metric(m, 'exam_ws_connection_duration_seconds_count{role="student"}')).toBe(1);
  });

  it('counts HTTP errors by code and times requests by route pattern', async () => {
    await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'student1@demo.school', password: 'wrong-password' },
    });
    await api(t.baseUrl, 'GET', '/api/v1/users');
    const m = (await scrape(t)).text;
    expect(metric(m, 'exam_errors_total{code="INVALID_CREDENTIALS",transport="http"}')).toBe(1);
    expect(metric(m, 'exam_errors_total{code="AUTH_REQUIRED",transport="http"}')).toBe(1);
    expect(
      metric(
        m,
        'exam_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="401"}',
      ),
    ).toBe(1);
  });

  it('honours X-Request-Id, generates one otherwise, and puts it in error bodies', async () => {
    const mine = await api<{ requestId: string }>(t.baseUrl, 'GET', '/api/v1/users', {
      headers: { 'x-request-id': 'trace-abc.123' },
    });
    expect(mine.status).toBe(401);
    expect(mine.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(mine.body.requestId).toBe('trace-abc.123');
    const gen = await api<{ requestId: string }>(t.baseUrl, 'GET', '/api/v1/nowhere');
    expect(gen.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(gen.body.requestId).toBe(gen.headers.get('x-request-id'));
    // A header that is not a plain token is replaced, not echoed.
    const bad = await api(t.baseUrl, 'GET', '/api/health/live', {
      headers: { 'x-request-id': 'x'.repeat(300) },
    });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports database, event-loop lag and memory in /api/health; live and ready answer', async () => {
    const h = await api<{
      status: string;
      info: Record<string, { status: string; lagP99Ms?: number }>;
    }>(t.baseUrl, 'GET', '/api/health');
    expect(h.status).toBe(200);
    expect(h.body.info.database.status).toBe('up');
    expect(h.body.info.event_loop.status).toBe('up');
    expect(typeof h.body.info.event_loop.lagP99Ms).toBe('number');
    expect(h.body.info.memory_heap.status).toBe('up');
    expect(h.body.info.redis).toBeUndefined();
    expect((await api(t.baseUrl, 'GET', '/api/health/live')).status).toBe(200);
    const ready = await api<{ info: Record<string, unknown> }>(
      t.baseUrl,
      'GET',
      '/api/health/ready',
    );
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.info)).toEqual(['database', 'accepting']);
  });

  it('gives admins the overview: connections, live sessions with progress, rates, ack latency, history', async () => {
    const metrics = t.app.get(MetricsService);
    for (const ms of [10, 20, 30, 40, 200]) metrics.observeAnswerAck(ms);
    const { sessionId } = await insertSession(t, {
      title: 'Live physics',
      students: [
        [50, 'connected'],
        [25, 'disconnected'],
      ],
    });
    await insertSession(t, { status: 'completed', title: 'Old one' });
    const s = await TestSocket.authed(t.wsUrl, studentToken);
    s.send('heartbeat', {});
    await s.next('heartbeat');
    t.app.get(OverviewService).sample();

    const r = await api<MonitoringOverview>(t.baseUrl, 'GET', '/api/v1/monitoring/overview', {
      token: adminToken,
    });
    expect(r.status).toBe(200);
    const o = r.body;
    expect(o.connections).toEqual({ total: 1, byRole: { admin: 0, teacher: 0, student: 1 } });
    expect(o.activeSessions).toHaveLength(1);
    expect(o.activeSessions[0]).toMatchObject({
      id: sessionId,
      title: 'Live physics',
      status: 'active',
      teacher: { displayName: expect.any(String) as string },
      enrolled: 2,
      connected: 1,
      averageProgress: 37.5,
    });
    expect(o.activeSessions[0].teacher.displayName.length).toBeGreaterThan(0);
    expect(o.lastMinute.ackP50Ms).toBe(30);
    expect(o.lastMinute.ackP99Ms).toBe(200);
    expect(o.lastMinute.acks).toBe(5);
    expect(o.lastMinute.messagesInPerSecond).toBeGreaterThan(0);
    expect(o.history.length).toBeGreaterThanOrEqual(1);
    expect(o.history.at(-1)?.connections).toBe(1);
    expect(o.sampleIntervalMs).toBe(10_000);
    const m = (await scrape(t)).text;
    expect(metric(m, 'exam_sessions{status="active"}')).toBe(1);
    // This test's session and the demo's practice round.
    expect(metric(m, 'exam_sessions{status="completed"}')).toBe(2);
    expect(metric(m, 'exam_answer_ack_latency_seconds_count')).toBe(5);
    s.close();

    const teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    expect(
      (await api(t.baseUrl, 'GET', '/api/v1/monitoring/overview', { token: teacher })).status,
    ).toBe(403);
    expect((await api(t.baseUrl, 'GET', '/api/v1/monitoring/overview')).status).toBe(401);
  });

  it('feeds the ack latency histogram from real answers acknowledged over a socket', async () => {
    const before = metric((await scrape(t)).text, 'exam_answer_ack_latency_seconds_count');
    const w = await liveWorld(t, 'Metrics', 1);
    const teacher = await login(t.baseUrl, w.teacher.email);
    const launch = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${w.fx.sessionId}/launch`, {
      token: teacher.accessToken,
      body: {},
    });
    expect(launch.status).toBe(200);
    const s = await joined(t, w.students[0].token, w.fx.sessionId);
    for (let i = 1; i <= 7; i++) {
      const ack = await answerOnce(s, {
        sessionId: w.fx.sessionId,
        questionId: w.fx.questionIds[0],
        answer: { optionId: 'b' },
        seq: i,
      });
      expect(ack.data.status).toBe('autosaved');
    }
    s.close();
    const m = (await scrape(t)).text;
    expect(metric(m, 'exam_answer_ack_latency_seconds_count') - before).toBe(7);
    expect(metric(m, 'exam_answer_ack_latency_seconds_sum')).toBeGreaterThan(0);
    const o = await api<MonitoringOverview>(t.baseUrl, 'GET', '/api/v1/monitoring/overview', {
      token: adminToken,
    });
    expect(o.body.lastMinute.acks).toBeGreaterThanOrEqual(7);
    expect(o.body.lastMinute.ackP99Ms).toBeGreaterThan(0);
  });

  it('documents the overview, the archive and /metrics in OpenAPI', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>(t.baseUrl, 'GET', '/api/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/monitoring/overview',
        '/api/v1/archive/exam-sessions/{id}',
        '/metrics',
      ]),
    );
  });
});

describe('monitoring: /metrics protection', () => {
  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const t = await startTestApp({ METRICS_TOKEN: 'scrape-token-123' });
    try {
      const none = await scrape(t);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.text)).toMatchObject({ code: 'AUTH_REQUIRED' });
      expect((await scrape(t, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await scrape(t, { authorization: 'Bearer scrape-token-123' })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses clients outside METRICS_ALLOW_CIDRS when no token is set', async () => {
    const t = await startTestApp({ METRICS_ALLOW_CIDRS: '10.0.0.0/8' });
    try {
      const r = await scrape(t);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text)).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await t.close();
    }
  });

  // Redis is for several instances, which run on PostgreSQL (SQLite with REDIS_URL is refused).
  (PG_URL ? describe : describe.skip)('Redis in /api/health (on PostgreSQL)', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('answers 503 naming Redis when REDIS_URL does not answer', async () => {
      const t = await startTestApp({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1' });
      try {
        const h = await api<{ status: string; error: Record<string, { status: string }> }>(
          t.baseUrl,
          'GET',
          '/api/health',
        );
        expect(h.status).toBe(503);
        expect(h.body.error.redis.status).toBe('down');
      } finally {
        await t.close();
      }
    });

    (REDIS_URL ? it : it.skip)('reports Redis up when it answers (TEST_REDIS_URL)', async () => {
      const t = await startTestApp({ DATABASE_URL: db.url, REDIS_URL: REDIS_URL ?? '' });
      try {
        const h = await api<{ info: Record<string, { status: string }> }>(
          t.baseUrl,
          'GET',
          '/api/health',
        );
        expect(h.status).toBe(200);
        expect(h.body.info.redis.status).toBe('up');
      } finally {
        await t.close();
      }
    });
  });
});
