/**
 * Teacher authoring in a real browser (issue 3) and the admin monitoring page (issue 7):
 * the demo teacher writes an exam with every question type, previews it as a student,
 * saves it, finds it in the list, plans a session for the three demo students and sees it in
 * the sessions list; the admin watches the monitoring page. Axe on each page, screenshots,
 * and the same pages at 320 px without horizontal scrolling.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';

const EXAM_TITLE = 'Browser-made exam: every type';

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function addQuestion(page: Page, type: string): Promise<Locator> {
  await page.getByLabel('Question type').selectOption({ label: type });
  await page.getByRole('button', { name: 'Add question', exact: true }).click();
  const q = page.locator('exam-question-editor').last();
  await q.locator('h3').filter({ hasText: type }).waitFor();
  return q;
}

async function fillPrompt(q: Locator, text: string): Promise<void> {
  await q.getByLabel('Question text').fill(text);
}

describe('teacher authoring and admin monitoring in a real browser', () => {
  let server: BrowserServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the demo teacher writes an exam of every type, previews, saves and plans a session', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'teacher@demo.school');

    // The exam list, with the demo exam in it.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Exams' })
      .click();
    await page.getByRole('heading', { name: 'Exams', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'English Assessment' }).first().waitFor();
    await screenshot(page, 'teacher-exam-list');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A new exam with all eight question types.
    await page.getByRole('link', { name: 'New exam' }).click();
    await page.getByRole('heading', { name: 'New exam' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill(EXAM_TITLE);
    await page.locator('#exam-duration').fill('25');

    let q = await addQuestion(page, 'Single choice');
    await fillPrompt(q, 'Which city is the capital of France?');
    await q.getByLabel('Answer A', { exact: true }).fill('Lyon');
    await q.getByLabel('Answer B', { exact: true }).fill('Paris');
    // Nothing is correct until the teacher says so.
    await q.getByRole('group', { name: 'Correct answer' }).getByLabel('B. Paris').check();

    q = await addQuestion(page, 'True / false');
    await fillPrompt(q, 'Water boils at 100 °C at sea level.');
    await q.getByRole('group', { name: 'Correct answer' }).getByLabel('True').check();

    q = await addQuestion(page, 'Multiple response');
    await fillPrompt(q, 'Which numbers are prime?');
    await q.getByLabel('Answer A', { exact: true }).fill('Two');
    await q.getByLabel('Answer A Weight %').fill('50');
    await q.getByLabel('Answer B', { exact: true }).fill('Three');
    await q.getByLabel('Answer B Weight %').fill('50');
    await q.getByLabel('Answer C', { exact: true }).fill('Four');
    await q.getByLabel('Answer C Weight %').fill('-50');

    q = await addQuestion(page, 'Short text');
    await fillPrompt(q, 'What colour is grass?');
    await q.getByLabel('Accepted answer 1', { exact: true }).fill('green');

    q = await addQuestion(page, 'Numeric');
    await fillPrompt(q, 'How many legs does a spider have?');
    await q.getByLabel('Accepted answer 1 Value').fill('8');

    q = await addQuestion(page, 'Essay');
    await fillPrompt(q, 'Describe your favourite book.');
    await q.getByLabel(/Notes for the grader/).fill('Look for KEY-ONLY-NOTE structure');

    q = await addQuestion(page, 'Ordering');
    await fillPrompt(q, 'Put the numbers in increasing order.');
    await q.getByLabel('Item 1', { exact: true }).fill('one');
    await q.getByLabel('Item 2', { exact: true }).fill('three');
    await q.getByLabel('Item 3', { exact: true }).fill('two');
    await q.getByRole('button', { name: 'Move item 3 up' }).click();

    q = await addQuestion(page, 'Matching');
    await fillPrompt(q, 'Match the animal to its sound.');
    await q.getByLabel('Prompt 1', { exact: true }).fill('dog');
    await q.getByLabel('Prompt 2', { exact: true }).fill('cat');
    await q.getByLabel('Answer A', { exact: true }).fill('woof');
    await q.getByLabel('Answer B', { exact: true }).fill('meow');
    await q.getByLabel('Prompt 1 Matches').selectOption({ label: 'A. woof' });
    await q.getByLabel('Prompt 2 Matches').selectOption({ label: 'B. meow' });

    // Reorder with buttons: true/false goes down one place.
    await page.getByRole('button', { name: 'Move Question 2 down' }).click();
    await page
      .locator('exam-question-editor h3')
      .nth(2)
      .filter({ hasText: 'True / false' })
      .waitFor();
    await page.getByRole('button', { name: 'Move Question 3 up' }).click();
    await page
      .locator('exam-question-editor h3')
      .nth(1)
      .filter({ hasText: 'True / false' })
      .waitFor();

    await screenshot(page, 'teacher-exam-editor');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Preview: the student's view, without keys or grader notes.
    await page.getByRole('button', { name: 'Preview as a student' }).click();
    const preview = page.locator('exam-question-preview');
    await preview.getByText('Which city is the capital of France?').waitFor();
    expect(await preview.locator('li.q').count()).toBe(8);
    const previewText = (await preview.textContent()) ?? '';
    expect(previewText).not.toContain('KEY-ONLY-NOTE');
    expect(previewText).not.toMatch(/weight|credit|tolerance|correct/i);
    expect(await preview.locator('input:checked').count()).toBe(0);
    await screenshot(page, 'teacher-exam-preview');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();

    // Save.
    await page.getByRole('button', { name: 'Create exam' }).click();
    await page.getByText(`Saved “${EXAM_TITLE}”`).waitFor();
    await page.waitForURL(/\/teacher\/exams\/[0-9a-f-]{36}$/);
    await page.locator('exam-question-editor').nth(7).waitFor();
    expect(await page.locator('exam-question-editor').count()).toBe(8);

    // Back in the list.
    await page.getByRole('link', { name: '← All exams' }).click();
    const row = page.locator('tbody tr', { hasText: EXAM_TITLE });
    await row.filter({ hasText: '8 ·' }).waitFor();
    await row.filter({ hasText: '25 min' }).waitFor();

    // Plan a session for the three demo students.
    await row.getByRole('button', { name: `Plan session for ${EXAM_TITLE}` }).click();
    await page.getByRole('heading', { name: 'Plan a session' }).waitFor();
    // Preselected from the list's button.
    await page
      .locator('#plan-exam option:checked', { hasText: EXAM_TITLE })
      .waitFor({ state: 'attached' });
    expect(await page.getByLabel('Exam', { exact: true }).inputValue()).toMatch(/[0-9a-f-]{36}/);
    await page.getByText('Sol Student').waitFor();
    await page.getByLabel('Session title').fill('Every type - class 3B');
    // The three demo students (the demo class has more: "Select all shown" takes the search).
    await page.getByLabel('Search students').fill('Student');
    await page.getByLabel(/Select all shown \(3\)/).check();
    await page.getByText('3 students selected').waitFor();
    await page.getByLabel('Grace period (seconds)').fill('45');
    await screenshot(page, 'teacher-session-planner');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Plan session' }).click();

    // The sessions list shows it with its counts and a link to the live dashboard.
    await page.waitForURL((u) => u.pathname === '/teacher/sessions');
    await page.getByText('Planned “Every type - class 3B”').waitFor();
    const sessionRow = page.locator('tbody tr', { hasText: 'Every type - class 3B' });
    await sessionRow.filter({ hasText: 'Preparing' }).waitFor();
    expect((await sessionRow.locator('td[data-label=Enrolled]').textContent())?.trim()).toBe('3');
    expect(
      await sessionRow.getByRole('link', { name: /live dashboard/i }).getAttribute('href'),
    ).toMatch(/^\/teacher\/sessions\/[0-9a-f-]{36}\/live$/);
    await screenshot(page, 'teacher-sessions-list');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('a locked exam says why it cannot be saved', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'teacher@demo.school');
    await page.goto(`${server.baseUrl}/teacher/exams`);
    await page.getByRole('link', { name: 'English Assessment' }).first().click();
    await page.getByTestId('locked-notice').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByTestId('editor-error')
      .getByText(/^This exam cannot be edited: session .+ is preparing\./)
      .waitFor();
    await ctx.close();
  });

  it('the teacher pages fit a 320 px screen', async () => {
    const ctx = await newContext(browser, 320, 640);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'teacher@demo.school');
    await page.goto(`${server.baseUrl}/teacher/exams`);
    await page.getByRole('link', { name: 'English Assessment' }).first().waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, 'teacher-exam-list-320');
    await page.goto(`${server.baseUrl}/teacher/exams/new`);
    for (const type of ['Single choice', 'Multiple response', 'Numeric', 'Matching']) {
      await addQuestion(page, type);
    }
    await noHorizontalScroll(page);
    await screenshot(page, 'teacher-exam-editor-320');
    await page.goto(`${server.baseUrl}/teacher/sessions`);
    await page.locator('tbody tr').first().waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, 'teacher-sessions-list-320');
    await page.goto(`${server.baseUrl}/teacher/sessions/new`);
    await page.getByText('Sol Student').waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, 'teacher-session-planner-320');
    await ctx.close();
  });

  it('the admin watches live counts, the chart and the live sessions', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'admin@demo.school');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Monitoring' })
      .click();
    await page.getByRole('heading', { name: 'Monitoring', level: 1 }).waitFor();
    const connections = page.getByTestId('stat-connections');
    await connections.waitFor();
    // At least this admin's own socket is connected.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=stat-connections] .num')?.textContent) > 0,
    );
    await page.locator('svg[role=img]').waitFor();
    await page.getByRole('heading', { name: 'Live sessions' }).waitFor();
    await screenshot(page, 'admin-monitoring');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();

    const narrow = await newContext(browser, 320, 640);
    const small = await narrow.newPage();
    await signIn(small, server.baseUrl, 'admin@demo.school');
    await small.goto(`${server.baseUrl}/admin/monitoring`);
    await small.getByTestId('stat-connections').waitFor();
    await noHorizontalScroll(small);
    await screenshot(small, 'admin-monitoring-320');
    await narrow.close();
  });
});
