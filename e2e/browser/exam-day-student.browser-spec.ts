/**
 * The exam day as students and an admin live it (issue 14), in real Chromium on the built
 * server: every time event shown in words near the timer (a warning, time added, pause and
 * resume, the grace period after the deadline) and how the attempt ended; a student's own
 * working time on My exams, the lobby and the instructions; the phone layout (question
 * first, a folding navigator, the timer and the teacher's messages always in view, 320 px
 * and 200 % zoom); the skip link; a reload while offline that still shows the exam (service
 * worker + the copy kept on the device); and the admin monitoring figures matching the API.
 * Teachers act over REST. Screenshots of every page changed, at 1280 x 800 and 390 x 844.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  ExamSessionView,
  MonitoringOverview,
  Page as ListPage,
  StudentSnapshot,
} from '@exam/contracts';
import {
  SCREENSHOT_DIR,
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
  openNavigator,
  question,
  seconds,
  snapshotAs,
  T,
  tabTo,
  token,
} from '../support/exam-page';
import { api, login } from '../support/http';

const LONG = { timeout: 60_000 };

describe('the exam day, for students and the admin', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  let teacherToken: string;
  let examId: string;
  let demoSessionId: string;
  const ids: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    base = server.baseUrl;
    teacherToken = await token(base, 'teacher@demo.school');
    const list = await api<ListPage<ExamSessionView>>(base, 'GET', '/api/v1/exam-sessions', {
      token: teacherToken,
    });
    const demo = list.body.items.find((s) => s.status === 'preparing');
    if (!demo) throw new Error('the demo session is missing');
    demoSessionId = demo.id;
    examId = demo.examId;
    for (const n of [1, 2, 3]) {
      ids[`student${n}`] = (await login(base, `student${n}@demo.school`)).user.id;
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(email: string, width = 1280, height = 800): Promise<[BrowserContext, Page]> {
    const ctx = await newContext(browser, width, height);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, base, email);
    return [ctx, page];
  }

  async function plan(
    title: string,
    students: string[],
    durationMinutes: number,
    config: Record<string, unknown> = {},
  ): Promise<string> {
    const r = await api<ExamSessionView>(base, 'POST', '/api/v1/exam-sessions', {
      token: teacherToken,
      body: { examId, title, studentIds: students.map((s) => ids[s]), durationMinutes, config },
    });
    expect(r.status).toBe(201);
    return r.body.id;
  }

  async function command(id: string, what: string, body: unknown = {}): Promise<void> {
    const r = await api(base, 'POST', `/api/v1/exam-sessions/${id}/${what}`, {
      token: teacherToken,
      body,
    });
    expect(r.status).toBeLessThan(300);
  }

  /** What is on screen right now (a full-page shot would move the sticky bar). */
  async function viewShot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }

  function notice(page: Page, text: RegExp) {
    return page.getByTestId('time-notice').filter({ hasText: text });
  }

  /** Whether the element is (or, within 3 s of layout settling, becomes) fully in view. */
  async function inView(page: Page, selector: string, belowBar = false): Promise<boolean> {
    return page
      .waitForFunction(
        ([sel, below]) => {
          const el = document.querySelector(sel);
          if (!el) return false;
          const r = el.getBoundingClientRect();
          const bar = document.querySelector('[data-testid="exam-top"]')?.getBoundingClientRect();
          const top = below && bar ? bar.bottom - 1 : 0;
          return r.top >= top && r.bottom <= window.innerHeight && r.height > 0;
        },
        [selector, belowBar] as const,
        { timeout: 3000 },
      )
      .then(
        () => true,
        () => false,
      );
  }

  it('shows every time event in words, the student’s own time, and how the exam ended', async () => {
    // A: student 3 alone (+25 %): 1 minute is 75 s for them, warned at 1 minute, 15 s grace.
    const a = await plan('Short quiz', ['student3'], 1, {
      timeWarningMinutes: [1],
      gracePeriodSeconds: 15,
    });
    // B: student 1, 30 minutes: time added, a pause, then the teacher ends it.
    const b = await plan('Long quiz', ['student1'], 30, { timeWarningMinutes: [5] });

    // --- My exams and the lobby show student 3's own time, never the bare duration.
    const [, s3] = await open('student3@demo.school');
    await s3.getByRole('heading', { name: 'My exams' }).waitFor(T);
    const cards = s3.getByRole('list', { name: 'My exam sessions' });
    await cards
      .getByTestId('exam-time')
      .filter({ hasText: '75 minutes (includes your extra time)' })
      .first()
      .waitFor(T);
    await cards
      .getByTestId('exam-time')
      .filter({ hasText: '1 minute 15 seconds (includes your extra time)' })
      .waitFor(T);
    expect(await cards.innerText()).toContain('25 questions');
    await screenshot(s3, 'exam-day-my-exams');
    expect(await seriousA11yViolations(s3)).toEqual([]);
    await s3.goto(`${base}/student/sessions/${demoSessionId}`);
    await s3.getByTestId('lobby-time').filter({ hasText: '75 minutes' }).waitFor(T);
    const instructions = await s3.getByTestId('instructions').innerText();
    expect(instructions).toContain('You have 75 minutes (includes your extra time).');
    expect(instructions).not.toContain('60 minutes');
    await screenshot(s3, 'exam-day-lobby');
    await s3.setViewportSize({ width: 390, height: 844 });
    await screenshot(s3, 'exam-day-lobby-390');
    await s3.setViewportSize({ width: 1280, height: 800 });

    await s3.goto(`${base}/student/sessions/${a}`);
    await s3.getByTestId('lobby').waitFor(T);
    const [, s1] = await open('student1@demo.school', 390, 844);
    await s1.goto(`${base}/student/sessions/${b}`);
    await s1.getByTestId('lobby').waitFor(T);

    await command(a, 'launch');
    const launchedAt = Date.now();
    await command(b, 'launch');
    await s3.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);
    await s1.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);
    expect(seconds(await s3.getByTestId('countdown').innerText())).toBeGreaterThan(60);

    // --- B: the teacher adds 5 minutes: the student reads it, with the new end time.
    const before = seconds(await s1.getByTestId('countdown').innerText());
    await command(b, 'add-time', { minutes: 5 });
    await notice(s1, /Your teacher added 5 minutes\. You now have until \d{1,2}:\d{2}\./).waitFor(
      T,
    );
    expect(seconds(await s1.getByTestId('countdown').innerText())).toBeGreaterThan(before + 250);
    expect(await s1.getByTestId('time-announcement').innerText()).toContain(
      'Your teacher added 5 minutes.',
    );
    await screenshot(s1, 'exam-day-time-added-390');
    // Dismissed by the student.
    await s1.getByRole('button', { name: /^Dismiss: Your teacher added/ }).click();
    await notice(s1, /Your teacher added/).waitFor({ state: 'detached', ...T });

    // --- B: pause and resume, in words.
    await command(b, 'pause');
    await s1.getByTestId('paused-overlay').waitFor(T);
    await command(b, 'resume');
    await s1.getByTestId('paused-overlay').waitFor({ state: 'detached', ...T });
    await notice(s1, /The exam continues\. The clock is running again: you have until/).waitFor(T);

    // --- A: the 1-minute warning, visible near the timer (about 15 s after launch).
    await notice(s3, /1 minute left\. Finish your answers now\./).waitFor(LONG);
    expect(await s3.getByTestId('time-announcement').innerText()).toContain('1 minute left.');
    await screenshot(s3, 'exam-day-warning');
    await s3.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(s3);

    // --- B: the teacher ends the exam: student 1 is told so, not "you submitted".
    await command(b, 'complete');
    await s1
      .getByRole('heading', {
        name: 'Your teacher ended the exam: your saved answers were submitted',
      })
      .waitFor(T);
    await screenshot(s1, 'exam-day-ended-by-teacher-390');

    // --- A: the deadline passes: the grace period is shown, answers are still saved.
    await s3
      .getByTestId('grace-notice')
      .filter({ hasText: /Time is up\. Your answers are still being saved for \d+ seconds?;/ })
      .waitFor({ timeout: Math.max(5_000, launchedAt + 90_000 - Date.now()) });
    expect(await s3.getByTestId('countdown').innerText()).toBe('0:00');
    await screenshot(s3, 'exam-day-grace');
    await goTo(s3, 6);
    await s3.getByRole('radio', { name: 'True' }).check();
    await expectSaved(s3);
    // ... then the exam closes and says why.
    await s3
      .getByRole('heading', { name: 'Time ran out: your saved answers were submitted' })
      .waitFor(LONG);
    await s3.getByText(/You answered 2 of 25 questions\./).waitFor(T);
    await screenshot(s3, 'exam-day-time-ran-out');
    const snap = await snapshotAs<StudentSnapshot>(base, 'student3@demo.school', a);
    expect(snap.endReason).toBe('deadline');
    expect(snap.answers).toHaveLength(2);
    // Nothing of a finished attempt stays on the device.
    const kept = await s3.evaluate(
      (id) => Object.keys(localStorage).filter((k) => k.includes(id)),
      a,
    );
    expect(kept).toEqual([]);
  }, 240_000);

  it('on a phone: question first, folding navigator, timer and messages always in view', async () => {
    const c = await plan('Phone check', ['student2'], 60);
    await command(c, 'launch');
    ids['phoneSession'] = c;
    const [, p] = await open('student2@demo.school', 390, 844);
    await p.goto(`${base}/student/sessions/${c}`);
    await p.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);

    // The question comes before the navigator, which starts folded with a count.
    const toggle = p.getByTestId('navigator-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.innerText()).toContain('Questions (0 of 25 answered)');
    const qBox = await p.getByTestId('question').boundingBox();
    const navBox = await toggle.boundingBox();
    expect(qBox && navBox && qBox.y < navBox.y).toBe(true);
    expect(await inView(p, '#question-heading')).toBe(true);
    await screenshot(p, 'exam-day-phone-question-390');

    await p.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(p);
    expect(await toggle.innerText()).toContain('Questions (1 of 25 answered)');

    // Jumping from the navigator (below the question) brings the new question into view.
    await openNavigator(p);
    await question(p, 22).click();
    await p.getByRole('heading', { name: 'Question 22 of 25' }).waitFor(T);
    expect(await inView(p, '#question-heading', true)).toBe(true);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('question-heading');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // Matching: one pair of three is not an answer yet; all three are.
    await p.getByLabel('hot').selectOption({ label: 'cold' });
    await expectSaved(p);
    expect(await toggle.innerText()).toContain('Questions (1 of 25 answered)');
    await p.getByLabel('early').selectOption({ label: 'late' });
    await p.getByLabel('borrow').selectOption({ label: 'lend' });
    await expectSaved(p);
    expect(await toggle.innerText()).toContain('Questions (2 of 25 answered)');

    // Next / Previous keep the question in view too.
    await p.getByRole('button', { name: 'Next →' }).click();
    await p.getByRole('heading', { name: 'Question 23 of 25' }).waitFor(T);
    expect(await inView(p, '#question-heading', true)).toBe(true);

    // Scrolled to the bottom, a message from the teacher is still in view, and the clock.
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await command(c, 'broadcast', { message: 'Ten minutes to go, check your names.' });
    await p.getByTestId('broadcast').filter({ hasText: 'Ten minutes to go' }).waitFor(T);
    expect(await inView(p, '[data-testid="broadcast"]')).toBe(true);
    expect(await inView(p, '[data-testid="countdown"]')).toBe(true);
    const bar = await p.getByTestId('exam-top').boundingBox();
    expect(bar && bar.height <= 844 / 2).toBe(true);
    await viewShot(p, 'exam-day-phone-message-390');
    expect(await seriousA11yViolations(p)).toEqual([]);

    // The review page: unanswered questions as a plain list of links.
    await openNavigator(p);
    await p.getByRole('button', { name: 'Review and submit' }).last().click();
    await p.getByTestId('review').waitFor(T);
    await p.getByText('23 unanswered questions').waitFor(T);
    const bullets = await p.evaluate(
      () => getComputedStyle(document.querySelector('.jump-list li') as Element).listStyleType,
    );
    expect(bullets).toBe('none');
    await screenshot(p, 'exam-day-review-390');
    await p.getByRole('button', { name: 'Back to the questions' }).click();

    // 320 px wide and 200 % zoom (a 1280 x 800 window at 200 %): no sideways scrolling, the
    // bar at most half the screen, the question in view after a move.
    for (const [w, h, name] of [
      [320, 700, 'exam-day-phone-320'],
      [640, 400, 'exam-day-zoom-200'],
    ] as const) {
      await p.setViewportSize({ width: w, height: h });
      await goTo(p, 5);
      expect(await inView(p, '#question-heading', true)).toBe(true);
      const overflow = await p.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const top = await p.getByTestId('exam-top').boundingBox();
      expect(top && top.height <= h / 2 + 1).toBe(true);
      await viewShot(p, name);
    }

    // Desktop: the skip link takes a keyboard user straight to the question.
    const [, d] = await open('student2@demo.school', 1280, 800);
    await d.goto(`${base}/student/sessions/${c}`);
    await d.getByRole('heading', { name: /^Question \d+ of 25$/ }).waitFor(T);
    await d.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let presses = 0;
    await tabTo(d, (e) => {
      presses += 1;
      return e.text === 'Skip to the question';
    });
    expect(presses).toBeLessThanOrEqual(8);
    await d.keyboard.press('Enter');
    await d.waitForFunction(() => document.activeElement?.id === 'question-heading', null, T);
    await d.keyboard.press('Tab');
    expect(await d.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('radio');
    await screenshot(d, 'exam-day-desktop-question');
    await d.getByRole('button', { name: 'Review and submit' }).last().click();
    await d.getByTestId('review').waitFor(T);
    await screenshot(d, 'exam-day-review');
    expect(await seriousA11yViolations(d)).toEqual([]);
  }, 180_000);

  it('reloads the exam while offline: the app from the service worker, the exam from the device', async () => {
    const c = ids['phoneSession'];
    const [ctx, p] = await open('student2@demo.school', 390, 844);
    await p.goto(`${base}/student/sessions/${c}`);
    await p.getByRole('heading', { name: /^Question \d+ of 25$/ }).waitFor(T);
    await goTo(p, 1);
    expect(await p.getByRole('radio', { name: 'goes' }).isChecked()).toBe(true);

    // The service worker controls the page and holds every file of the app.
    const manifest = (await (await fetch(`${base}/ngsw.json`)).json()) as {
      assetGroups: Array<{ name: string; urls: string[] }>;
    };
    const files = manifest.assetGroups.find((g) => g.name === 'app')?.urls.length ?? 0;
    expect(files).toBeGreaterThan(10);
    const until = Date.now() + 45_000;
    for (;;) {
      const cached = await p.evaluate(async () => {
        if (!navigator.serviceWorker?.controller) return -1;
        const name = (await caches.keys()).find((k) => k.endsWith(':assets:app:cache'));
        return name ? (await (await caches.open(name)).keys()).length : 0;
      });
      if (cached >= files) break;
      if (Date.now() > until) throw new Error(`service worker cached ${cached} of ${files}`);
      await p.waitForTimeout(500);
    }
    // ... and no API response is kept anywhere.
    const apiCached = await p.evaluate(async () => {
      const found: string[] = [];
      for (const k of await caches.keys()) {
        for (const r of await (await caches.open(k)).keys()) {
          if (new URL(r.url).pathname.startsWith('/api')) found.push(r.url);
        }
      }
      return found;
    });
    expect(apiCached).toEqual([]);

    await ctx.setOffline(true);
    await p.reload();
    await p.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);
    await p
      .getByTestId('offline-banner')
      .filter({
        hasText:
          'You are offline. Your answers are kept on this device and sent when the connection returns.',
      })
      .waitFor(T);
    await p.getByTestId('device-copy').waitFor(T);
    expect(await p.getByRole('radio', { name: 'goes' }).isChecked()).toBe(true);
    expect(seconds(await p.getByTestId('countdown').innerText())).toBeGreaterThan(50 * 60);
    expect(await p.getByTestId('navigator-toggle').innerText()).toContain('2 of 25 answered');
    await screenshot(p, 'exam-day-offline-reload-390');

    // An answer given offline waits on the device, then is saved when the network returns.
    await goTo(p, 12);
    await p.getByLabel('Your answer').fill('wrote');
    await p
      .getByTestId('save-state')
      .filter({ hasText: /Kept on this device/ })
      .waitFor(T);
    await ctx.setOffline(false);
    await expectSaved(p);
    await p.getByTestId('device-copy').waitFor({ state: 'detached', ...T });
    const snap = await snapshotAs<StudentSnapshot>(base, 'student2@demo.school', c);
    expect(snap.answers.map((x) => x.answer)).toEqual(expect.arrayContaining([{ text: 'wrote' }]));
    // Signing out mid-exam asks first: the clock keeps running.
    await p.getByRole('button', { name: 'Sign out' }).click();
    const ask = p.getByTestId('sign-out-confirm');
    await ask.getByText(/the clock keeps running while you are signed out/).waitFor(T);
    await screenshot(p, 'exam-day-student-sign-out-confirm-390');
    // Sign-in still works with the service worker installed.
    await ask.getByRole('button', { name: 'Sign out anyway' }).click();
    await p.waitForURL((u) => u.pathname.startsWith('/login'), T);
    await signIn(p, base, 'student2@demo.school');
    await p.getByRole('heading', { name: 'My exams' }).waitFor(T);
  }, 120_000);

  it('monitoring shows the API’s figures and links each live session to its dashboard', async () => {
    const [, admin] = await open('admin@demo.school');
    await admin.goto(`${base}/admin/monitoring`);
    const adminToken = await token(base, 'admin@demo.school');
    const r = await api<MonitoringOverview>(base, 'GET', '/api/v1/monitoring/overview', {
      token: adminToken,
    });
    const live = r.body.activeSessions.find((s) => s.id === ids['phoneSession']);
    expect(live).toBeDefined();
    const row = admin.locator('tbody tr').filter({ hasText: 'Phone check' });
    await row.waitFor(T);
    const progress = Math.round(live?.averageProgress ?? 0);
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThanOrEqual(100);
    await row.getByText(`${progress} %`).waitFor(T);
    expect(await admin.locator('tbody').innerText()).not.toMatch(/\d{3,} %/);
    // Answers were acknowledged over the socket in the last minute (previous tests).
    const ack = admin.getByTestId('stat-ack');
    if (r.body.lastMinute.acks > 0) {
      await ack.getByText(/answers? saved in the last minute/).waitFor(T);
      expect(await ack.innerText()).toMatch(/\d+(\.\d)? ms/);
    } else {
      await ack.getByText('No answer was saved in the last minute.').waitFor(T);
    }
    expect(await ack.innerText()).not.toContain('0 acks');
    await screenshot(admin, 'exam-day-monitoring');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, 'exam-day-monitoring-390');
    await admin.setViewportSize({ width: 1280, height: 800 });

    await row.getByRole('link', { name: /Phone check/ }).click();
    await admin.waitForURL((u) => u.pathname === `/teacher/sessions/${ids['phoneSession']}/live`);
    await admin.getByTestId('roster').waitFor(T);
  }, 90_000);
});
