/**
 * Results in real Chromium (issue 11): the teacher runs the demo class's exam with three
 * students answering every question type in their browsers, ends it, grades the essays in
 * the grading queue, accepts another spelling of a short-text answer through the question
 * page and the regrade preview, releases a full review, and downloads the results CSV,
 * which parses back. Before the release each student's result page shows nothing but the
 * notice; after it, each sees their own result and only theirs. Screenshots at desktop and
 * phone width; axe-core on every results page.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ExamSessionView, MyResult, Page as ListPage } from '@exam/contracts';
import { CSV_BOM, parseCsv } from '../../backend/src/app/results/domain/csv';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';
import { expectSaved, goTo, submitByClicks, T, token } from '../support/exam-page';
import { api } from '../support/http';

const STUDENTS = ['student1@demo.school', 'student2@demo.school', 'student3@demo.school'];

describe('results in the browser', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  let sessionId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    base = server.baseUrl;
    const list = await api<ListPage<ExamSessionView>>(
      base,
      'GET',
      '/api/v1/exam-sessions?status=preparing',
      { token: await token(base, 'teacher@demo.school') },
    );
    sessionId = list.body.items.find((s) => s.title === 'English Assessment - demo class')!.id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(email: string, width = 1280, height = 900): Promise<Page> {
    const ctx = await newContext(browser, width, height);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, base, email);
    return page;
  }

  async function checkA11y(page: Page): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  it('runs an exam, grades, regrades, releases, and every student sees only their own result', async () => {
    // --- the teacher launches; three students take the exam in their browsers
    const teacher = await open('teacher@demo.school', 1400, 1000);
    await teacher.goto(`${base}/teacher/sessions/${sessionId}/live`);
    const [s1, s2, s3] = await Promise.all(STUDENTS.map((e) => open(e)));
    for (const p of [s1, s2, s3]) {
      await p.goto(`${base}/student/sessions/${sessionId}`);
      await p.getByTestId('lobby').waitFor(T);
    }
    // Launching asks first (who is in the lobby).
    await teacher.getByRole('button', { name: 'Launch exam' }).click();
    await teacher.getByRole('button', { name: 'Launch now' }).click();
    for (const p of [s1, s2, s3]) {
      await p.getByRole('heading', { name: 'Question 1 of 25' }).waitFor(T);
    }

    // Student 1: every question type (single, true/false, multiple, short, number, ordering,
    // matching, essay).
    await s1.getByRole('radio', { name: 'goes' }).check();
    await expectSaved(s1);
    await goTo(s1, 6);
    await s1.getByRole('radio', { name: 'True' }).check();
    await expectSaved(s1);
    await goTo(s1, 9);
    for (const verb of ['go', 'see', 'take'])
      await s1.getByRole('checkbox', { name: verb }).check();
    await expectSaved(s1);
    await goTo(s1, 16);
    await s1.getByLabel('Your answer').fill('résumé');
    await expectSaved(s1);
    await goTo(s1, 17);
    await s1.getByLabel(/Your answer \(a number\)/).fill('26');
    await expectSaved(s1);
    await goTo(s1, 20);
    await s1
      .getByRole('button', { name: /^Move .+ down$/ })
      .first()
      .click();
    await expectSaved(s1);
    await goTo(s1, 22);
    await s1.getByLabel('hot').selectOption({ label: 'cold' });
    await s1.getByLabel('early').selectOption({ label: 'late' });
    await s1.getByLabel('borrow').selectOption({ label: 'lend' });
    await expectSaved(s1);
    await goTo(s1, 25);
    await s1.getByLabel('Your answer').fill('I would like to visit Kyoto because of its temples.');
    await expectSaved(s1);

    // Students 2 and 3 give an answer the key does not accept (a regrade will).
    for (const [p, essay] of [
      [s2, 'If I had the money, I would travel to Lisbon to see the sea.'],
      [s3, 'Rome, because I love history.'],
    ] as const) {
      await p.getByRole('radio', { name: 'go', exact: true }).check();
      await expectSaved(p);
      await goTo(p, 13);
      await p.getByLabel('Your answer').fill('not expensive');
      await expectSaved(p);
      await goTo(p, 25);
      await p.getByLabel('Your answer').fill(essay);
      await expectSaved(p);
    }
    await submitByClicks(s1);
    await submitByClicks(s2);
    // Ending asks first, naming student 3 still working: end it now.
    await teacher.getByRole('button', { name: 'Complete exam' }).click();
    await teacher.getByRole('button', { name: 'End now', exact: true }).click();
    await teacher.getByTestId('session-status').filter({ hasText: 'Completed' }).waitFor(T);

    // --- nothing before release: the list says so, the result page shows only the notice
    await s1.goto(`${base}/student`);
    await s1.getByTestId('not-released').first().waitFor(T);
    await s1.goto(`${base}/student/results/${sessionId}`);
    await s1.getByTestId('not-available').waitFor(T);
    const before = await s1.locator('main').innerText();
    expect(before).toMatch(/not released/i);
    expect(before).not.toMatch(/résumé|Correct answer|points/);
    await screenshot(s1, 'results-student-before-release');

    // --- the results page: one row per student, scores, how it ended
    await teacher.getByRole('link', { name: 'See results' }).click();
    await teacher.waitForURL(`**/teacher/sessions/${sessionId}/results`);
    for (const name of ['Sam Student', 'Sara Student', 'Sol Student']) {
      await teacher.getByRole('link', { name, exact: true }).waitFor(T);
    }
    await teacher.getByRole('cell', { name: 'Ended by teacher' }).waitFor(T);
    expect(await teacher.getByRole('cell', { name: 'Submitted' }).count()).toBe(2);
    await screenshot(teacher, 'results-grid');
    await checkA11y(teacher);

    // --- grade the essays in the queue: Enter saves and moves to the next one
    await teacher.getByRole('link', { name: 'Grade answers' }).click();
    await teacher.waitForURL('**/grading');
    for (const points of ['4', '3.5', '2']) {
      const field = teacher.getByLabel(/^Points \(0 to 5\)/);
      await field.waitFor(T);
      await field.fill(points);
      await field.press('Enter');
      await teacher
        .getByTestId('save-note')
        .filter({ hasText: new RegExp(`Saved ${points} / 5`) })
        .waitFor(T);
    }
    await teacher.getByText('3 of 3 graded').waitFor(T);
    await screenshot(teacher, 'results-grading');
    await checkA11y(teacher);

    // --- regrade: accept "not expensive" from the question's page, check the preview, apply
    await teacher.goto(`${base}/teacher/sessions/${sessionId}/results`);
    await teacher.getByRole('link', { name: /^Q13/ }).click();
    await teacher.getByTestId('groups').waitFor(T);
    await screenshot(teacher, 'results-question');
    await checkA11y(teacher);
    await teacher.getByRole('button', { name: /Accept this answer.*not expensive/ }).click();
    await teacher.getByTestId('preview-section').waitFor(T);
    await teacher
      .getByText(/Sara Student/)
      .first()
      .waitFor(T);
    await screenshot(teacher, 'results-regrade-preview');
    await checkA11y(teacher);
    await teacher.getByTestId('apply').click();
    await teacher.getByTestId('confirm-apply').click();
    await teacher.getByTestId('regrade-done').waitFor(T);

    // --- release a full review
    await teacher.goto(`${base}/teacher/sessions/${sessionId}/results`);
    await teacher.getByLabel('Show students').selectOption({
      label: 'Full review: answers, correct answers and comments',
    });
    await teacher.getByRole('button', { name: 'Release' }).click();
    await teacher
      .getByTestId('release-current')
      .filter({ hasText: /Full review/ })
      .waitFor(T);

    // --- the CSV downloads and parses back: header + three students
    const [download] = await Promise.all([
      teacher.waitForEvent('download'),
      teacher.getByRole('button', { name: /^Results/ }).click(),
    ]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(4);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['Sam Student', 'Sara Student', 'Sol Student']);
    const q13 = rows[0].findIndex((h) => h.startsWith('Q13 '));
    const sara = rows.find((r) => r[0] === 'Sara Student')!;
    expect(sara[q13]).toBe('1');
    await screenshot(teacher, 'results-released');

    // --- each student sees their own result, and only theirs
    const mine = async (p: Page, email: string) => {
      await p.goto(`${base}/student`);
      await p.getByTestId('see-result').first().click();
      await p.getByTestId('full-review').waitFor(T);
      const body = await p.locator('main').innerText();
      const own = await api<MyResult>(base, 'GET', `/api/v1/exam-sessions/${sessionId}/my-result`, {
        token: await token(base, email),
      });
      expect(body).toContain(String(own.body.score.score));
      return body;
    };
    const b1 = await mine(s1, STUDENTS[0]);
    expect(b1).toContain('Kyoto');
    expect(b1).not.toMatch(/Lisbon|Rome, because/);
    await screenshot(s1, 'results-student-full-review');
    await checkA11y(s1);
    const b2 = await mine(s2, STUDENTS[1]);
    expect(b2).toContain('Lisbon');
    expect(b2).not.toMatch(/Kyoto|Rome, because/);
    const b3 = await mine(s3, STUDENTS[2]);
    expect(b3).toContain('Rome, because');
    expect(b3).not.toMatch(/Kyoto|Lisbon/);

    // --- phone width: the grid and the student's page
    const phone = await open('teacher@demo.school', 390, 844);
    await phone.goto(`${base}/teacher/sessions/${sessionId}/results`);
    await phone.getByRole('link', { name: 'Sam Student' }).waitFor(T);
    await screenshot(phone, 'results-grid-phone');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const phoneStudent = await open('student2@demo.school', 390, 844);
    await phoneStudent.goto(`${base}/student/results/${sessionId}`);
    await phoneStudent.getByTestId('full-review').waitFor(T);
    await screenshot(phoneStudent, 'results-student-phone');

    // --- statistics of this sitting
    await teacher.goto(`${base}/teacher/sessions/${sessionId}/statistics`);
    await teacher.getByRole('heading', { name: 'Question statistics' }).waitFor(T);
    await teacher.locator('canvas').first().waitFor(T);
    await screenshot(teacher, 'results-statistics');
    await checkA11y(teacher);
  });
});
