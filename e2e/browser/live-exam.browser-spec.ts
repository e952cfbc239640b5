/**
 * A whole live exam in real Chromium: the teacher's dashboard and three students in separate
 * browser contexts, over the real protocol on the built server. Covers the lobby, launch,
 * every question type, an offline student whose answers arrive when back, a refresh that
 * resumes, added time moving a countdown, a broadcast, a pause that stops every student's
 * clock and a resume that restarts it, keyboard-only completion, live teacher
 * updates, everyone completed; then a student whose network blocks WebSockets saving answers
 * through the REST fallback. axe-core on the dashboard, lobby and exam pages; screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  ExamSessionView,
  MyExamSessionView,
  Page as ListPage,
  StudentSnapshot,
  TeacherSnapshot,
} from '@exam/contracts';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';
import {
  expectSaved,
  goTo,
  row,
  rowAnswered,
  seconds,
  snapshotAs,
  submitByClicks,
  T,
  tabTo,
  token,
} from '../support/exam-page';
import { api, login } from '../support/http';

describe('a live exam in the browser', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  let sessionId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    base = server.baseUrl;
    const list = await api<ListPage<ExamSessionView>>(base, 'GET', '/api/v1/exam-sessions', {
      token: await token(base, 'teacher@demo.school'),
    });
    sessionId = list.body.items[0].id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(email: string, width = 1280, height = 900): Promise<[BrowserContext, Page]> {
    const ctx = await newContext(browser, width, height);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, base, email);
    return [ctx, page];
  }

  it('teacher and three students run a whole exam', async () => {
    // --- the teacher opens the dashboard; the students reach the lobby
    const [, teacher] = await open('teacher@demo.school', 1400, 1000);
    await teacher.goto(`${base}/teacher/sessions/${sessionId}/live`);
    await teacher.getByRole('button', { name: /^Launch exam/ }).waitFor(T);
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    const [, s1] = await open('student1@demo.school');
    await s1.getByRole('link', { name: /waiting room/i }).waitFor(T);
    await screenshot(s1, 'student-sessions-list');
    expect(await seriousA11yViolations(s1)).toEqual([]);
    await s1.getByRole('link', { name: /waiting room/i }).click();
    await s1.getByTestId('lobby').waitFor(T);
    await s1.getByText(/Waiting for your teacher/).waitFor(T);
    await s1.getByText(/Answer every question/).waitFor(T); // the exam's instructions
    await screenshot(s1, 'student-lobby');
    expect(await seriousA11yViolations(s1)).toEqual([]);

    const [s2ctx, s2] = await open('student2@demo.school');
    await s2.goto(`${base}/student/sessions/${sessionId}`);
    await s2.getByTestId('lobby').waitFor(T);
    const [, s3] = await open('student3@demo.school', 320, 700);
    await s3.goto(`${base}/student/sessions/${sessionId}`);
    await s3.getByTestId('lobby').waitFor(T);
    await screenshot(s3, 'student-lobby-320');

    await teacher.getByTestId('connected-count').filter({ hasText: '3 / 3' }).waitFor(T);
    await screenshot(teacher, 'teacher-dashboard-lobby');

    // --- launch: every student gets question 1 and a running clock
    await teacher.getByRole('button', { name: /^Launch exam/ }).click();
    // The dashboard may ask to confirm the launch.
    const launchNow = teacher.getByRole('button', { name: 'Launch now' });
    await launchNow.waitFor({ timeout: 2_000 }).then(
      () => launchNow.click(),
      () => undefined,
    );
    await teacher.getByTestId('session-status').filter({ hasText: 'Running' }).waitFor(T);
    for (const p of [s1, s2, s3]) {
      await p.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);
    }
    await s1.getByTestId('countdown').waitFor(T);
    expect(seconds(await s1.getByTestId('countdown').innerText())).toBeGreaterThan(58 * 60);
    expect(await seriousA11yViolations(s1)).toEqual([]);

    // --- student 1 answers every question type
    await s1.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(s1);
    await screenshot(s1, 'student-exam-single-choice');
    await goTo(s1, 6);
    await s1.getByRole('radio', { name: 'True' }).check();
    await expectSaved(s1);
    await goTo(s1, 9);
    await s1.getByRole('checkbox', { name: 'go' }).check();
    await s1.getByRole('checkbox', { name: 'see' }).check();
    await s1.getByRole('checkbox', { name: 'take' }).check();
    await expectSaved(s1);
    await goTo(s1, 12);
    await s1.getByLabel('Your answer').fill('wrote');
    await expectSaved(s1);
    await goTo(s1, 17);
    await s1.getByLabel(/Your answer \(a number\)/).fill('26');
    await expectSaved(s1);
    await goTo(s1, 20);
    // Items are shuffled per student: move the first one down.
    await s1
      .getByRole('button', { name: /^Move .+ down$/ })
      .first()
      .click();
    await expectSaved(s1);
    await screenshot(s1, 'student-exam-ordering');
    await goTo(s1, 22);
    await s1.getByLabel('hot').selectOption({ label: 'cold' });
    await s1.getByLabel('early').selectOption({ label: 'late' });
    await s1.getByLabel('borrow').selectOption({ label: 'lend' });
    await expectSaved(s1);
    await screenshot(s1, 'student-exam-matching');
    await goTo(s1, 25);
    await s1.getByLabel('Your answer').fill('I would like to visit Kyoto because of its temples.');
    // The counter follows the question's own words ("80-120 words"), not only maxWords.
    await s1.getByText('10 words (the question asks for 80-120)').waitFor(T);
    await expectSaved(s1);
    await screenshot(s1, 'student-exam-essay');
    expect(await seriousA11yViolations(s1)).toEqual([]);
    // The teacher sees it live.
    await rowAnswered(teacher, 'Sam Student', 8);

    // --- student 2 goes offline, answers two questions, comes back: both saved
    await s2.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(s2);
    await s2ctx.setOffline(true);
    await s2.getByTestId('offline-banner').waitFor(T);
    await goTo(s2, 6);
    await s2.getByRole('radio', { name: 'False' }).check();
    await goTo(s2, 12);
    await s2.getByLabel('Your answer').fill('wrote');
    await s2
      .getByTestId('save-state')
      .filter({ hasText: /Kept on this device/ })
      .waitFor(T);
    await s2.getByTestId('saving-summary').filter({ hasText: '2 answers waiting' }).waitFor(T);
    await screenshot(s2, 'student-offline');
    await rowAnswered(teacher, 'Sara Student', 1);
    await s2ctx.setOffline(false);
    await expectSaved(s2);
    await s2.getByTestId('saving-summary').filter({ hasText: 'All answers saved' }).waitFor(T);
    await rowAnswered(teacher, 'Sara Student', 3);
    const snap2 = await snapshotAs<StudentSnapshot>(base, 'student2@demo.school', sessionId);
    expect(snap2.answers).toHaveLength(3);
    expect(snap2.answers.map((a) => a.answer)).toEqual(
      expect.arrayContaining([{ value: false }, { text: 'wrote' }]),
    );

    // --- student 3 (320 px) answers, refreshes, and resumes with the answer
    await s3.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(s3);
    await goTo(s3, 2);
    await screenshot(s3, 'student-exam-320');
    const overflow = await s3.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await s3.reload();
    await s3.getByRole('heading', { name: 'Question 2 of 25' }).waitFor(T);
    await goTo(s3, 1);
    expect(await s3.getByRole('radio', { name: 'goes' }).isChecked()).toBe(true);
    await expectSaved(s3);

    // --- the teacher adds 10 minutes for student 3: their countdown moves
    const before = seconds(await s3.getByTestId('countdown').innerText());
    await teacher.getByLabel('For').selectOption({ label: 'Sol Student' });
    await teacher.getByLabel('Minutes', { exact: true }).fill('10');
    await teacher.getByRole('button', { name: 'Add time' }).click();
    await row(teacher, 'Sol Student')
      .getByTestId('row-extra')
      .filter({ hasText: '+10 min' })
      .waitFor(T);
    await s3.waitForFunction(
      (b) => {
        const t = document.querySelector('[data-testid="countdown"]')?.textContent ?? '';
        const s = t
          .trim()
          .split(':')
          .map(Number)
          .reduce((a, n) => a * 60 + n, 0);
        return s > b + 500;
      },
      before,
      T,
    );
    // ... and broadcasts a message to everyone.
    await teacher
      .getByLabel('Message', { exact: true })
      .fill('Ten minutes more for Sol. Keep going!');
    await teacher.getByRole('button', { name: 'Send message' }).click();
    await s1.getByTestId('broadcast').filter({ hasText: 'Keep going!' }).waitFor(T);
    await teacher
      .getByTestId('activity-feed')
      .getByText(/Message to everyone/)
      .waitFor(T);
    await screenshot(teacher, 'teacher-dashboard-running');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    // --- the teacher pauses: every student sees it and their clock stops; resume goes on
    await teacher.getByRole('button', { name: 'Pause', exact: true }).click();
    await teacher.getByTestId('session-status').filter({ hasText: 'Paused' }).waitFor(T);
    for (const p of [s1, s2, s3]) await p.getByTestId('paused-overlay').waitFor(T);
    await screenshot(s1, 'student-paused');
    expect(await seriousA11yViolations(s1)).toEqual([]);
    const frozen = (await s1.getByTestId('countdown').innerText()).trim();
    await s1.waitForTimeout(2_100);
    expect((await s1.getByTestId('countdown').innerText()).trim()).toBe(frozen);
    await teacher.getByRole('button', { name: 'Resume', exact: true }).click();
    await teacher.getByTestId('session-status').filter({ hasText: 'Running' }).waitFor(T);
    for (const p of [s1, s2, s3]) {
      await p.getByTestId('paused-overlay').waitFor({ state: 'detached', ...T });
    }
    // The clock runs again from where it stopped (the pause moved the deadline).
    await s1.waitForFunction(
      (f) => (document.querySelector('[data-testid="countdown"]')?.textContent ?? '').trim() !== f,
      frozen,
      T,
    );
    expect(seconds(await s1.getByTestId('countdown').innerText())).toBeGreaterThanOrEqual(
      seconds(frozen) - 5,
    );

    // --- student 3 finishes with the keyboard only
    await s3.getByRole('heading', { name: 'Question 1 of 25' }).focus();
    // At 320 px the navigator is folded away below the question: open it, then jump.
    await tabTo(s3, (e) => /Questions \(\d+ of 25 answered\)/.test(e.text));
    await s3.keyboard.press('Enter');
    await tabTo(s3, (e) => e.label.startsWith('Question 2,'));
    await s3.keyboard.press('Enter');
    await s3.getByRole('heading', { name: 'Question 2 of 25' }).waitFor(T);
    await tabTo(s3, (e) => e.role === 'radio');
    await s3.keyboard.press('Space');
    await expectSaved(s3);
    await tabTo(s3, (e) => /Next/.test(e.text));
    await s3.keyboard.press('Enter');
    await s3.getByRole('heading', { name: 'Question 3 of 25' }).waitFor(T);
    await tabTo(s3, (e) => e.role === 'radio');
    await s3.keyboard.press('Space');
    await expectSaved(s3);
    await tabTo(s3, (e) => e.text === 'Review and submit');
    await s3.keyboard.press('Enter');
    await s3.getByTestId('review').waitFor(T);
    await s3.getByText(/22 unanswered/).waitFor(T);
    await screenshot(s3, 'student-review-320');
    await tabTo(s3, (e) => e.text === 'Yes, submit my exam');
    await s3.keyboard.press('Enter');
    await s3.getByTestId('completion').waitFor(T);
    await screenshot(s3, 'student-complete-320');

    // --- the others submit; the teacher sees everyone completed
    await submitByClicks(s1);
    await submitByClicks(s2);
    await screenshot(s1, 'student-complete');
    await teacher.getByTestId('completed-count').filter({ hasText: '3 / 3' }).waitFor(T);
    for (const name of ['Sam Student', 'Sara Student', 'Sol Student']) {
      await row(teacher, name)
        .getByTestId('row-status')
        .filter({ hasText: 'Handed in' })
        .waitFor(T);
    }
    const t = await snapshotAs<TeacherSnapshot>(base, 'teacher@demo.school', sessionId);
    expect(t.roster.map((r) => [r.displayName, r.status, r.answered]).sort()).toEqual([
      ['Sam Student', 'completed', 8],
      ['Sara Student', 'completed', 3],
      ['Sol Student', 'completed', 3],
    ]);
    // Ending asks first; nobody is still working, so it takes nothing from anyone.
    await teacher.getByRole('button', { name: 'Complete exam' }).click();
    await teacher.getByText('Nobody is still working').waitFor(T);
    await teacher.getByRole('button', { name: 'End now', exact: true }).click();
    await teacher.getByTestId('session-status').filter({ hasText: 'Completed' }).waitFor(T);
    await screenshot(teacher, 'teacher-dashboard-completed');

    // The dashboard at 320 px.
    const [, narrow] = await open('teacher@demo.school', 320, 800);
    await narrow.goto(`${base}/teacher/sessions/${sessionId}/live`);
    await narrow.getByTestId('roster').waitFor(T);
    await screenshot(narrow, 'teacher-dashboard-320');
  });

  it('falls back to REST when WebSockets are blocked, and saves answers by POST', async () => {
    const teacherToken = await token(base, 'teacher@demo.school');
    const s = await api<ExamSessionView>(base, 'GET', `/api/v1/exam-sessions/${sessionId}`, {
      token: teacherToken,
    });
    const me = await login(base, 'student1@demo.school');
    const created = await api<ExamSessionView>(base, 'POST', '/api/v1/exam-sessions', {
      token: teacherToken,
      body: { examId: s.body.examId, title: 'Fallback check', studentIds: [me.user.id] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const launched = await api(base, 'POST', `/api/v1/exam-sessions/${id}/launch`, {
      token: teacherToken,
      body: {},
    });
    expect(launched.status).toBe(200);

    const ctx = await newContext(browser);
    contexts.push(ctx);
    // A school proxy that blocks WebSockets: every connection fails at once.
    await ctx.addInitScript(() => {
      class BlockedWebSocket {
        static CONNECTING = 0;
        static OPEN = 1;
        static CLOSING = 2;
        static CLOSED = 3;
        readyState = 3;
        binaryType = 'blob';
        onopen: ((e: Event) => void) | null = null;
        onerror: ((e: Event) => void) | null = null;
        onclose: ((e: CloseEvent) => void) | null = null;
        onmessage: ((e: MessageEvent) => void) | null = null;
        constructor() {
          setTimeout(() => {
            this.onerror?.(new Event('error'));
            this.onclose?.(new CloseEvent('close', { code: 1006, wasClean: false }));
          }, 5);
        }
        send(): void {
          throw new Error('blocked');
        }
        close(): void {
          /* already closed */
        }
      }
      (window as unknown as { WebSocket: unknown }).WebSocket = BlockedWebSocket;
    });
    const page = await ctx.newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/exam-sessions/${id}/answers`))
        posts.push(r.url());
    });
    await signIn(page, base, 'student1@demo.school');
    await page.goto(`${base}/student/sessions/${id}`);
    await page.getByTestId('slow-mode').waitFor(T);
    await page.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);
    await page.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(page);
    await goTo(page, 12);
    await page.getByLabel('Your answer').fill('wrote');
    await expectSaved(page);
    await screenshot(page, 'student-slow-mode');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    const snap = await snapshotAs<StudentSnapshot>(base, 'student1@demo.school', id);
    expect(snap.answers.map((a) => a.answer)).toEqual(
      expect.arrayContaining([
        { text: 'wrote' },
        expect.objectContaining({ optionId: expect.any(String) }),
      ]),
    );
    // The student's list shows the session too.
    const mine = await api<ListPage<MyExamSessionView>>(base, 'GET', '/api/v1/exam-sessions', {
      token: me.accessToken,
    });
    expect(mine.body.items.map((x) => x.id)).toContain(id);
    await submitByClicks(page);
  });
});
