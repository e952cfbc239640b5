/**
 * Errors where they belong in the exam editor (issue 14), in real Chromium on the built
 * server: a new single-choice question has no answer marked correct, and saving it says so
 * beside "Correct answer" and in a summary at the top that takes the focus and links to the
 * control; a problem only the server finds (points with three decimals, 400 VALIDATION_FAILED
 * on `questions[0].points`) lands beside "Points" the same way; saving the demo exam, locked
 * by its preparing session, shows the server's 409 EXAM_LOCKED sentence at the top (focused)
 * and beside Save. Every message uses the labels on screen, never the API's field names.
 * Viewport screenshots at 1280 x 800 and 390 x 844.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  SCREENSHOT_DIR,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

const TYPES = [
  'Single choice',
  'True / false',
  'Multiple response',
  'Short text',
  'Numeric',
  'Essay',
  'Ordering',
  'Matching',
];

/** What never reaches the teacher: the API's own names for fields. */
const INTERNAL = /correctOptionId|questions\[|invalid fields|\bprompt\b|points:/;

/** What is in view (not the whole page): where the focus took the teacher. */
async function shot(page: Page, name: string, width: number): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`) });
}

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('exam editor errors in a real browser', () => {
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

  it.each(SIZES)(
    'a new question with nothing marked correct, and a problem only the server finds ($width px)',
    async ({ width, height }) => {
      const ctx = await newContext(browser, width, height);
      const page = await ctx.newPage();
      await signIn(page, server.baseUrl, 'teacher@demo.school');
      await page.goto(`${server.baseUrl}/teacher/exams/new`);
      await page.getByRole('heading', { name: 'New exam' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill(`Quick check ${width}`);
      await page.getByLabel('Question type').selectOption({ label: 'Single choice' });
      await page.getByRole('button', { name: 'Add question', exact: true }).click();
      const q = page.locator('exam-question-editor').first();
      await q.getByLabel('Question text').fill('She ___ to school every day.');
      await q.getByLabel('Answer A', { exact: true }).fill('go');
      await q.getByLabel('Answer B', { exact: true }).fill('goes');
      // Nothing is correct until the teacher says so.
      const correct = q.getByRole('group', { name: 'Correct answer' });
      expect(await correct.getByRole('radio', { checked: true }).count()).toBe(0);

      await page.getByRole('button', { name: 'Create exam' }).click();
      const summary = page.getByTestId('editor-error');
      await summary.getByText('Question 1: choose the correct answer.').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'editor-summary');
      expect(await text(summary.getByRole('heading'))).toBe('The exam is not created yet');
      // Beside the control, tied to it.
      await correct.getByText('Choose the correct answer.').waitFor();
      const groupId = (await correct.getAttribute('id')) ?? '';
      expect(await correct.getAttribute('aria-describedby')).toBe(`${groupId}-error`);
      // And beside Save.
      const saveMessage = page.getByTestId('save-message');
      expect(await text(saveMessage)).toBe(
        'Not saved: 1 place needs a fix, listed at the top and marked beside each field.',
      );
      expect(
        await page.getByRole('button', { name: 'Create exam' }).getAttribute('aria-describedby'),
      ).toBe('save-message');
      expect(await text(summary)).not.toMatch(INTERNAL);
      expect(await text(saveMessage)).not.toMatch(INTERNAL);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'exam-editor-errors-summary', width);

      // The summary's line leads to the control.
      await summary.getByRole('link', { name: 'Question 1: choose the correct answer.' }).click();
      await page.waitForFunction(
        () => (document.activeElement as HTMLInputElement | null)?.type === 'radio',
      );
      await shot(page, 'exam-editor-errors-field', width);

      // Choosing the answer takes the problem away at once.
      await correct.getByRole('radio', { name: 'B. goes' }).check();
      await summary.waitFor({ state: 'detached' });
      expect(await q.getByTestId('field-error').count()).toBe(0);

      // Three decimals: only the server says no (400 on questions[0].points), beside Points.
      await q.getByLabel('Points', { exact: true }).fill('1.125');
      await q.getByLabel('Points', { exact: true }).blur();
      await page.getByRole('button', { name: 'Create exam' }).click();
      await summary.getByText('Question 1: use at most 2 decimals in Points.').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'editor-summary');
      const points = q.getByLabel('Points', { exact: true });
      expect(await points.getAttribute('aria-invalid')).toBe('true');
      const pointsError = page.locator(`#${(await points.getAttribute('aria-describedby')) ?? ''}`);
      expect(await text(pointsError)).toBe('Use at most 2 decimals in Points.');
      expect(await text(summary)).not.toMatch(INTERNAL);
      await shot(page, 'exam-editor-errors-server', width);
      await summary
        .getByRole('link', { name: 'Question 1: use at most 2 decimals in Points.' })
        .click();
      expect(await points.evaluate((el) => el === document.activeElement)).toBe(true);
      await shot(page, 'exam-editor-errors-server-field', width);

      // Fixed, it saves.
      await points.fill('1');
      await points.blur();
      await page.getByRole('button', { name: 'Create exam' }).click();
      await page.getByText(`Saved “Quick check ${width}”`).waitFor();
      await ctx.close();
    },
  );

  it.each(SIZES)(
    'saving an exam locked by a preparing session says why, at the top and beside Save ($width px)',
    async ({ width, height }) => {
      const ctx = await newContext(browser, width, height);
      const page = await ctx.newPage();
      await signIn(page, server.baseUrl, 'teacher@demo.school');
      await page.goto(`${server.baseUrl}/teacher/exams`);
      await page.getByRole('link', { name: 'English Assessment', exact: true }).first().click();
      await page.getByTestId('locked-notice').waitFor();
      await page.locator('exam-question-editor').nth(24).waitFor();
      // The Save button is at the bottom of a long page (25 questions).
      const save = page.getByRole('button', { name: 'Save changes' });
      await save.scrollIntoViewIfNeeded();
      await save.click();

      const summary = page.getByTestId('editor-error');
      const sentence = page.getByTestId('editor-error-message');
      await sentence.waitFor();
      const said = await text(sentence);
      expect(said).toMatch(
        /^This exam cannot be edited: session ".+" \(.+\) is preparing\. End or delete that session first, or duplicate the exam and edit the copy\.$/,
      );
      // Focus moved to the summary at the top, and the screen with it.
      await page.waitForFunction(() => document.activeElement?.id === 'editor-summary');
      expect(await focusedId(page)).toBe('editor-summary');
      expect(await page.evaluate(() => window.scrollY)).toBeLessThan(400);
      expect(await text(summary.getByRole('heading'))).toBe('Your changes are not saved');
      await summary.getByRole('button', { name: 'Duplicate and edit the copy' }).waitFor();
      // Beside Save too, which keeps it in view at the bottom of the screen.
      expect(await text(page.getByTestId('save-message'))).toBe(said);
      expect(await save.getAttribute('aria-describedby')).toBe('save-message');
      expect(await save.isVisible()).toBe(true);
      expect(await text(summary)).not.toMatch(INTERNAL);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'exam-editor-errors-locked', width);
      await ctx.close();
    },
  );

  it.each(SIZES)(
    'every question type says what it misses, beside the field and in the summary ($width px)',
    async ({ width, height }) => {
      const ctx = await newContext(browser, width, height);
      const page = await ctx.newPage();
      await signIn(page, server.baseUrl, 'teacher@demo.school');
      await page.goto(`${server.baseUrl}/teacher/exams/new`);
      await page.getByRole('heading', { name: 'New exam' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill('Every type, nothing filled in');
      for (const type of TYPES) {
        await page.getByLabel('Question type').selectOption({ label: type });
        await page.getByRole('button', { name: 'Add question', exact: true }).click();
      }
      await page.getByRole('button', { name: 'Create exam' }).click();
      const summary = page.getByTestId('editor-error');
      await page.waitForFunction(() => document.activeElement?.id === 'editor-summary');
      const lines = (await summary.getByRole('listitem').allTextContents()).map((l) =>
        l.replace(/\s+/g, ' ').trim(),
      );
      expect(lines).toEqual(
        expect.arrayContaining([
          'Question 1: type the question text.',
          'Question 1: type Answer A, or remove it.',
          'Question 1: choose the correct answer.',
          'Question 2: choose the correct answer.',
          'Question 3: choose the correct answers: give each a weight above 0 (together 100 %).',
          'Question 4: type Accepted answer 1, or remove it.',
          'Question 5: type the value of Accepted answer 1.',
          'Question 7: type Item 1, or remove it.',
          'Question 8: choose the answer that matches Prompt 1.',
        ]),
      );
      expect(lines.join(' ')).not.toMatch(INTERNAL);
      // Each line is beside its control: as many field errors as lines.
      expect(await page.getByTestId('field-error').count()).toBe(lines.length);
      expect(await seriousA11yViolations(page)).toEqual([]);
      for (const [n, name] of [
        [2, 'multiple-response'],
        [4, 'numeric'],
        [7, 'matching'],
      ] as const) {
        await page
          .locator('exam-question-editor')
          .nth(n)
          .screenshot({ path: join(SCREENSHOT_DIR, `exam-editor-errors-${name}-${width}.png`) });
      }
      await ctx.close();
    },
  );
});
