/**
 * The exam day from the teacher's chair, in real Chromium on the built server (issue 14):
 * launching asks (who is in the lobby, who has not joined); the grid shows who waits in the
 * lobby, Q1 after the launch and every student's own working time (+25 % for Sol); the
 * activity feed survives a reload with a student's dropped connection and return; ending
 * with students still working names them with their time left and offers both ways: letting
 * everyone finish their own time (the last hand-in completes the session by itself) and
 * ending now (their attempts read "Ended by the teacher", not "handed in"); sign-out asks
 * during a live exam; the planner's "launch by itself" and the sessions list saying when.
 * Students are plain WebSocket clients (the protocol the student page speaks), which keeps
 * the machine free for the teacher's browser. Screenshots at 1280 x 800 and 390 x 844.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import type { ExamSessionView, Page as ListPage, ServerFrame } from '@exam/contracts';
import {
  SCREENSHOT_DIR,
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';
import { row, T, token } from '../support/exam-page';
import { api, login } from '../support/http';

const DEMO_SESSION = 'English Assessment - demo class';

/**
 * A student's socket: sends frames and waits for the first one of an event after those
 * already waited for. (The API tests' TestSocket loads the whole backend; not needed here.)
 */
class StudentSocket {
  private readonly frames: ServerFrame[] = [];
  private seen = 0;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => this.frames.push(JSON.parse(raw.toString()) as ServerFrame));
  }

  static async open(url: string, accessToken: string, origin: string): Promise<StudentSocket> {
    const ws = new WebSocket(`${url}?access_token=${encodeURIComponent(accessToken)}`, { origin });
    // Listen before the handshake completes: auth_success can arrive in the same packet.
    const socket = new StudentSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return socket;
  }

  send(event: string, data: unknown): void {
    this.ws.send(JSON.stringify({ event, data }));
  }

  async next(event: string, timeoutMs = 10_000): Promise<ServerFrame> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex((f, n) => n >= this.seen && f.event === event);
      if (i >= 0) {
        this.seen = i + 1;
        return this.frames[i];
      }
      if (Date.now() > until) {
        const got = this.frames.slice(-5).map((f) => f.event);
        throw new Error(`no "${event}" within ${timeoutMs} ms; last: ${got.join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('the exam day, as the teacher lives it', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  let teacherToken: string;
  let demoId: string;
  let examId: string;
  const contexts: BrowserContext[] = [];
  const sockets: StudentSocket[] = [];

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    base = server.baseUrl;
    teacherToken = await token(base, 'teacher@demo.school');
    const list = await api<ListPage<ExamSessionView>>(base, 'GET', '/api/v1/exam-sessions', {
      token: teacherToken,
    });
    const demo = list.body.items.find((s) => s.title === DEMO_SESSION);
    if (!demo) throw new Error('demo session missing');
    demoId = demo.id;
    examId = demo.examId;
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function teacherPage(): Promise<Page> {
    const ctx = await newContext(browser, 1280, 800);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, base, 'teacher@demo.school');
    return page;
  }

  /** A student's exam page as the server sees it: a socket in the session's room. */
  async function student(email: string, sessionId: string): Promise<StudentSocket> {
    const s = await StudentSocket.open(server.wsUrl, await token(base, email), base);
    sockets.push(s);
    await s.next('auth_success');
    s.send('session_join', { sessionId });
    await s.next('session_snapshot');
    return s;
  }

  async function handIn(s: StudentSocket, sessionId: string): Promise<void> {
    s.send('exam_submit', { sessionId });
    await s.next('exam_submit');
  }

  /** The page at 1280 x 800 and at 390 x 844 (a phone), then back. */
  async function shots(page: Page, name: string): Promise<void> {
    await screenshot(page, `${name}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `${name}-390`);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  const feed = (page: Page) => page.getByTestId('activity-feed');
  const status = (page: Page, name: string) => row(page, name).getByTestId('row-status');

  it('launch asks, the lobby, every allowance, the feed after a reload, and letting everyone finish', async () => {
    const teacher = await teacherPage();
    await teacher.goto(`${base}/teacher/sessions/${demoId}/live`);
    await teacher.getByRole('button', { name: 'Launch exam' }).waitFor(T);

    // Sam and Sol (+25 %) wait in the lobby; Sara has not come.
    const sam = await student('student1@demo.school', demoId);
    const sol = await student('student3@demo.school', demoId);
    await teacher.getByTestId('connected-count').filter({ hasText: '2 / 3' }).waitFor(T);
    await status(teacher, 'Sam Student').filter({ hasText: 'In the lobby' }).waitFor(T);
    await status(teacher, 'Sara Student').filter({ hasText: 'Not joined' }).waitFor(T);
    await row(teacher, 'Sol Student')
      .getByTestId('row-extra')
      .filter({ hasText: '75 min (+25 %)' })
      .waitFor(T);
    expect((await row(teacher, 'Sam Student').getByTestId('row-extra').innerText()).trim()).toBe(
      '60 min',
    );
    await feed(teacher).getByText('Sol Student joined').waitFor(T);
    await shots(teacher, 'exam-day-teacher-lobby');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    // Launching asks first, with who is in the lobby and who is not.
    await teacher.getByRole('button', { name: 'Launch exam' }).click();
    const launch = teacher.getByTestId('launch-confirm');
    await launch.getByText('2 students are in the lobby.').waitFor(T);
    await launch.getByText(/1 student has not joined yet: they can still join/).waitFor(T);
    await shots(teacher, 'exam-day-teacher-launch-confirm');
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    await teacher.getByRole('button', { name: 'Launch now' }).click();
    await teacher.getByTestId('session-status').filter({ hasText: 'Running' }).waitFor(T);
    await status(teacher, 'Sam Student').filter({ hasText: 'Working' }).waitFor(T);
    // Everyone starts on question 1 until they move.
    expect(
      (await row(teacher, 'Sam Student').locator('td[data-label=Question]').innerText()).trim(),
    ).toBe('Q1');

    // Sam's connection drops, and he is back two seconds later.
    sam.ws.terminate();
    await feed(teacher).getByText('Sam Student lost connection').waitFor(T);
    await teacher.waitForTimeout(2_000);
    const samAgain = await student('student1@demo.school', demoId);
    await feed(teacher)
      .getByText(/Sam Student is back after \d+ s/)
      .waitFor(T);

    // A reload keeps the whole story, once each: first arrival, drop, return, launch.
    await teacher.reload();
    await feed(teacher)
      .getByText(/Sam Student is back after \d+ s/)
      .waitFor(T);
    const lines = (await feed(teacher).locator('li').allInnerTexts()).map((l) =>
      l.replace(/^\d\d:\d\d:\d\d\s+/, ''),
    );
    expect(lines.filter((l) => l === 'Sam Student joined')).toHaveLength(1);
    expect(lines.filter((l) => l === 'Sam Student lost connection')).toHaveLength(1);
    expect(lines.filter((l) => /launched the exam: the clock is running$/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /submitted|handed in/.test(l))).toBe(false);
    await shots(teacher, 'exam-day-teacher-feed-after-reload');

    // Ending asks, naming who is still working and how long each has left: Sol the longest.
    await teacher.getByRole('button', { name: 'Complete exam' }).click();
    const ask = teacher.getByTestId('complete-confirm');
    await ask.getByText('2 students are still working:').waitFor(T);
    const working = await ask.getByTestId('still-working').locator('li').allInnerTexts();
    expect(working[0]).toMatch(/^Sol Student – 1:1\d:\d\d left, until \d\d:\d\d\s+\+25 % time$/);
    expect(working[1]).toMatch(/^Sam Student – 5\d:\d\d left, until \d\d:\d\d$/);
    await ask.getByText('1 student never joined and can no longer start either way.').waitFor();
    await shots(teacher, 'exam-day-teacher-complete-confirm');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    // Let everyone finish their own time: the dashboard says so, "End now" stays at hand.
    await teacher.getByRole('button', { name: 'Let everyone finish their own time' }).click();
    const summary = teacher.getByTestId('closing-summary');
    await summary
      .filter({ hasText: /Finishing: 2 students still working, the last until \d\d:\d\d/ })
      .waitFor(T);
    await teacher.getByTestId('session-status').filter({ hasText: 'Finishing' }).waitFor(T);
    await teacher.getByRole('button', { name: 'End now…' }).first().waitFor();
    await feed(teacher)
      .getByText(/let everyone finish their own time|Everyone may finish their own time/)
      .waitFor(T);
    await shots(teacher, 'exam-day-teacher-finishing');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    // Sam hands in; Sol, with his extra time, is the last; then it completes by itself.
    await handIn(samAgain, demoId);
    await summary.filter({ hasText: 'Finishing: 1 student still working' }).waitFor(T);
    await status(teacher, 'Sam Student').filter({ hasText: 'Handed in' }).waitFor(T);
    await feed(teacher).getByText('Sam Student handed in').waitFor(T);
    await handIn(sol, demoId);
    await teacher.getByTestId('session-status').filter({ hasText: 'Completed' }).waitFor(T);
    await status(teacher, 'Sol Student').filter({ hasText: 'Handed in' }).waitFor(T);
    await status(teacher, 'Sara Student').filter({ hasText: 'Absent' }).waitFor(T);
    await feed(teacher)
      .getByText('Everyone has finished their own time: the exam is complete')
      .waitFor(T);
    expect(await teacher.getByTestId('closing-banner').count()).toBe(0);
    await shots(teacher, 'exam-day-teacher-completed');
  });

  it('ending now names who is still working, and their attempts read as ended by the teacher', async () => {
    const [sam, sol] = await Promise.all([
      login(base, 'student1@demo.school'),
      login(base, 'student3@demo.school'),
    ]);
    const created = await api<ExamSessionView>(base, 'POST', '/api/v1/exam-sessions', {
      token: teacherToken,
      body: { examId, title: 'Ending now', studentIds: [sam.user.id, sol.user.id] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const launched = await api(base, 'POST', `/api/v1/exam-sessions/${id}/launch`, {
      token: teacherToken,
      body: {},
    });
    expect(launched.status).toBe(200);
    await student('student1@demo.school', id);
    await student('student3@demo.school', id);

    const teacher = await teacherPage();
    await teacher.goto(`${base}/teacher/sessions/${id}/live`);
    await teacher.getByTestId('connected-count').filter({ hasText: '2 / 2' }).waitFor(T);

    // Signing out while the exam runs asks first.
    await teacher.getByRole('button', { name: 'Sign out' }).click();
    const signOut = teacher.getByTestId('sign-out-confirm');
    await signOut.getByText('Sign out during a live exam?').waitFor(T);
    await signOut.getByText(/The exam keeps running for your students/).waitFor();
    await shots(teacher, 'exam-day-teacher-sign-out-confirm');
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    await teacher.getByRole('button', { name: 'Stay signed in' }).click();
    await signOut.waitFor({ state: 'detached', ...T });
    expect(new URL(teacher.url()).pathname).toBe(`/teacher/sessions/${id}/live`);

    await teacher.getByRole('button', { name: 'Complete exam' }).click();
    const ask = teacher.getByTestId('complete-confirm');
    await ask.getByText('2 students are still working:').waitFor(T);
    expect(await ask.getByTestId('still-working').locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Sol Student – 1:1\d:\d\d left/),
      expect.stringMatching(/^Sam Student – 5\d:\d\d left/),
    ]);
    await teacher.getByRole('button', { name: 'End now', exact: true }).click();
    await teacher.getByTestId('session-status').filter({ hasText: 'Completed' }).waitFor(T);
    for (const name of ['Sam Student', 'Sol Student']) {
      await status(teacher, name).filter({ hasText: 'Ended by the teacher' }).waitFor(T);
    }
    await feed(teacher)
      .getByText(/^(Exam ended|.+ ended the exam): every attempt still open ended now$/)
      .waitFor(T);
    const lines = await feed(teacher).locator('li').allInnerTexts();
    expect(lines.some((l) => /handed in|submitted/.test(l))).toBe(false);
    // The same after a reload, from the stored history.
    await teacher.reload();
    await status(teacher, 'Sol Student').filter({ hasText: 'Ended by the teacher' }).waitFor(T);
    await feed(teacher)
      .getByText(/ended the exam: every attempt still open ended now/)
      .waitFor(T);
    await shots(teacher, 'exam-day-teacher-ended-now');
    // Once it has ended, signing out asks nothing.
    await teacher.getByRole('button', { name: 'Sign out' }).click();
    await teacher.waitForURL((u) => u.pathname.startsWith('/login'), T);
  });

  it('plans a session that launches by itself, and the list says when', async () => {
    const teacher = await teacherPage();
    await teacher.getByText(/can take your exams/).waitFor(T);
    await shots(teacher, 'exam-day-teacher-home');
    await teacher.goto(`${base}/teacher/sessions/new`);
    await teacher.getByRole('heading', { name: 'Plan a session' }).waitFor(T);
    await teacher
      .getByText('Students can wait in the lobby as soon as the session is planned.')
      .waitFor();
    await teacher.getByLabel('Session title').fill('Launches by itself');
    await teacher.getByRole('checkbox', { name: /Sam Student/ }).check();
    await teacher.getByRole('checkbox', { name: 'Launch by itself at the planned start' }).check();

    // A start that has passed: the server's sentence, at the field.
    await teacher.getByLabel('Planned start (optional)').fill('2020-03-10T09:30');
    await teacher.getByRole('button', { name: 'Plan session' }).click();
    await teacher
      .locator('#plan-start-error')
      .filter({ hasText: /planned start has passed/ })
      .waitFor(T);
    await shots(teacher, 'exam-day-teacher-planner');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    const year = new Date().getFullYear() + 1;
    await teacher.getByLabel('Planned start (optional)').fill(`${year}-03-10T09:30`);
    await teacher.getByRole('button', { name: 'Plan session' }).click();
    await teacher
      .getByTestId('session-created')
      .filter({ hasText: /It launches by itself on \w{3} 10 Mar \d{4} at 09:30/ })
      .waitFor(T);
    const listed = teacher.locator('tr', { hasText: 'Launches by itself' }).first();
    await listed
      .getByTestId('auto-launch')
      .filter({ hasText: /^Launches by itself on \w{3} 10 Mar \d{4} at 09:30$/ })
      .waitFor();
    await shots(teacher, 'exam-day-teacher-sessions');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    // Its dashboard says so too, and so does launching early.
    await listed.getByRole('link', { name: /Live dashboard/ }).click();
    await teacher
      .getByTestId('auto-launch')
      .filter({ hasText: /^Launches by itself on \w{3} 10 Mar \d{4} at 09:30$/ })
      .waitFor(T);
    await teacher.getByRole('button', { name: 'Launch exam' }).click();
    await teacher.getByText(/^Otherwise it launches by itself on .+ at 09:30\.$/).waitFor(T);
    await teacher.getByRole('button', { name: 'Cancel' }).click();

    // The exam editor counts its questions and points with plurals.
    await teacher.goto(`${base}/teacher/exams/${examId}`);
    await teacher
      .getByTestId('questions-total')
      .filter({ hasText: /^\(25 questions, \d+ points\)$/ })
      .waitFor(T);
    // The editor is long: its top is what changed.
    await teacher.screenshot({ path: `${SCREENSHOT_DIR}/exam-day-teacher-exam-editor-1280.png` });
    await teacher.setViewportSize({ width: 390, height: 844 });
    await teacher.screenshot({ path: `${SCREENSHOT_DIR}/exam-day-teacher-exam-editor-390.png` });
  });
});
