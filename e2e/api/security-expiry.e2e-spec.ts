/**
 * Token expiry on an open socket (issue 13, item 5), with 4-second access tokens (allowed
 * under NODE_ENV=test only): TOKEN_EXPIRING arrives before expiry, an answer sent after
 * expiry is refused (TOKEN_EXPIRED, with its key, nothing stored), heartbeats still work,
 * and the socket closes with 4003 one grace period (here 4 s) after expiry - not at the
 * next sweep. A socket that re-authenticates in time keeps working past the old expiry.
 */
import { randomUUID } from 'node:crypto';
import type { AuthSuccessPayload, ErrorPayload } from '@exam/contracts';
import { api, login } from '../support/http';
import { answerOnce, answerRows, joined, liveWorld, seen, sleep } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestSocket } from '../support/ws-client';

const TTL_S = 4;
const GRACE_MS = TTL_S * 1000; // expiryPlan: min(30 s, token lifetime)
/** Scheduling slack on a shared machine; the old sweep-based close came 30-60 s late. */
const SLACK_MS = 2500;

describe('token expiry on an open socket', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  beforeAll(async () => {
    t = await startTestApp({ JWT_ACCESS_TTL_SECONDS: String(TTL_S) });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  const expiresAtOf = (s: TestSocket) =>
    (s.frames.find((f) => f.event === 'auth_success')!.data as AuthSuccessPayload).tokenExpiresAt;

  async function launchedWorld(name: string, students: number) {
    const w = await liveWorld(t, name, students);
    const teacher = await login(t.baseUrl, w.teacher.email);
    const r = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${w.fx.sessionId}/launch`, {
      token: teacher.accessToken,
      body: {},
    });
    expect(r.status).toBe(200);
    return w;
  }

  it('warns before expiry, refuses answers after it, closes 4003 on time', async () => {
    const w = await launchedWorld('Expiry', 1);
    const sid = w.fx.sessionId;
    const fresh = await login(t.baseUrl, w.students[0].email);
    const s = track(await joined(t, fresh.accessToken, sid));
    const exp = expiresAtOf(s);

    const warning = await seen<ErrorPayload>(
      s,
      (f) => f.event === 'error' && f.data.code === 'TOKEN_EXPIRING',
      TTL_S * 1000 + SLACK_MS,
    );
    expect(warning.ts).toBeLessThan(exp);
    expect((warning.data.details as { closesAt: number }).closesAt).toBe(exp + GRACE_MS);

    await sleep(Math.max(0, exp - Date.now()) + 50);
    const key = randomUUID();
    s.send('answer_autosaved', {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'b' },
      seq: 1,
      key,
    });
    const refused = await seen<ErrorPayload>(
      s,
      (f) => f.event === 'error' && f.data.code === 'TOKEN_EXPIRED' && f.data.key === key,
    );
    expect(refused.data.recoverable).toBe(true);
    expect(s.frames.some((f) => f.event === 'answer_ack')).toBe(false);
    expect((await answerRows(t, sid)).length).toBe(0);

    s.send('heartbeat', { clientNow: Date.now() });
    await seen(s, (f) => f.event === 'heartbeat');

    const closed = await s.waitClose(GRACE_MS + SLACK_MS + 2000);
    const closedAt = Date.now();
    expect(closed.code).toBe(4003);
    expect(closedAt).toBeGreaterThanOrEqual(exp + GRACE_MS - 100);
    expect(closedAt).toBeLessThan(exp + GRACE_MS + SLACK_MS);
  }, 30_000);

  it('a socket that re-authenticates in time answers past the old expiry and closes by the new one', async () => {
    const w = await launchedWorld('Renewing', 1);
    const sid = w.fx.sessionId;
    const me = w.students[0];
    const s = track(await joined(t, (await login(t.baseUrl, me.email)).accessToken, sid));
    const oldExp = expiresAtOf(s);
    await seen<ErrorPayload>(
      s,
      (f) => f.event === 'error' && f.data.code === 'TOKEN_EXPIRING',
      TTL_S * 1000 + SLACK_MS,
    );
    const renewed = await login(t.baseUrl, me.email);
    const before = s.frames.length;
    s.send('auth_request', { token: renewed.accessToken });
    const again = await seen<AuthSuccessPayload>(
      s,
      (f) => f.event === 'auth_success' && s.frames.indexOf(f) >= before,
    );
    const newExp = again.data.tokenExpiresAt;
    expect(newExp).toBeGreaterThan(oldExp);

    // Past the old expiry, the renewed token carries the answer.
    await sleep(Math.max(0, oldExp - Date.now()) + 200);
    expect(Date.now()).toBeLessThan(newExp);
    const ack = await answerOnce(s, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'b' },
      seq: 1,
    });
    expect(ack.data.key).toBeDefined();
    expect((await answerRows(t, sid)).length).toBe(1);
    // The close follows the renewed token, not the old one.
    const closed = await s.waitClose(newExp + GRACE_MS + SLACK_MS + 2000 - Date.now());
    expect(closed.code).toBe(4003);
    expect(Date.now()).toBeGreaterThanOrEqual(newExp + GRACE_MS - 100);
  }, 30_000);
});
