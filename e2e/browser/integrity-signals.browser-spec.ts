/**
 * Integrity signals in real Chromium (issue 18): before the launch the student reads what
 * the exam records and what it never records; during the exam the student's page is hidden
 * and they paste into an answer while the teacher watches the live grid: the count and the
 * latest signal appear on the student's row, and the timeline (opened by keyboard) shows
 * them beside the answers and the arrival, each with its question. Headless Chromium never
 * hides a page by itself, so the test tells the page it is hidden the way the browser does
 * (visibilityState and its event); the paste is a real paste event with clipboard data.
 * Screenshots at 1280 x 800 and 390 x 844.
 */
import type { Page } from 'playwright-core';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { expectSaved, planSession, row, T, token } from '../support/exam-page';
import { api, login } from '../support/http';

const setVisibility = (page: Page, state: 'hidden' | 'visible') =>
  page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

describe('integrity signals in the browser', () => {
  const suite = browserSuite();
  let base: string;
  let teacherToken: string;
  let sessionId: string;

  beforeAll(async () => {
    base = suite.base;
    teacherToken = await token(base, 'teacher@demo.school');
    const student = (await login(base, 'student1@demo.school')).user.id;
    sessionId = await planSession(
      base,
      {
        title: 'Signals quiz',
        durationMinutes: 30,
        questions: [
          { type: 'true_false', prompt: 'The sky is blue.', points: 1, correct: true },
          {
            type: 'short_text',
            prompt: 'The capital of France?',
            points: 1,
            acceptedAnswers: [{ text: 'Paris', creditPercent: 100 }],
          },
        ],
      },
      {
        title: 'Signals quiz',
        studentIds: [student],
      },
    );
  });

  const open = suite.open;

  it('tells the student what is recorded, and the teacher sees a hidden page and a paste', async () => {
    const s = await open('student1@demo.school');
    await s.goto(`${base}/student/sessions/${sessionId}`);
    const notice = s.getByTestId('recording-notice');
    await notice.waitFor(T);
    const recorded = await notice.getByTestId('recorded-list').locator('li').allInnerTexts();
    expect(recorded).toContain(
      'Pasting into an answer: how many characters (never what was pasted)',
    );
    expect(recorded.join(' ')).not.toMatch(/full screen/i);
    expect(await notice.getByTestId('not-recorded').innerText()).toMatch(
      /Never recorded: your screen, camera or microphone, your keystrokes, the words you paste/,
    );
    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'signals-lobby');

    const t = await open('teacher@demo.school', 1280, 900);
    await t.goto(`${base}/teacher/sessions/${sessionId}/live`);
    await row(t, 'Sam Student').waitFor(T);
    const launch = await api(base, 'POST', `/api/v1/exam-sessions/${sessionId}/launch`, {
      token: teacherToken,
      body: {},
    });
    expect(launch.status).toBe(200);
    await s.getByRole('heading', { name: 'Question 1 of 2' }).waitFor(T);

    // The page is hidden for a moment on question 1.
    await setVisibility(s, 'hidden');
    await s.waitForTimeout(1_200);
    await setVisibility(s, 'visible');
    const cell = row(t, 'Sam Student').getByTestId('row-signals');
    await cell
      .getByTestId('signal-count')
      .filter({ hasText: /^\s*1\s*$/ })
      .waitFor(T);
    expect(await cell.innerText()).toMatch(/Page hidden for 1 s, question 1/);

    // A paste into the answer of question 2: its length reaches the teacher, not its words.
    await s.getByRole('button', { name: 'Next →' }).click();
    const answer = s.getByRole('textbox').first();
    await answer.waitFor(T);
    await answer.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Paris, France');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await answer.fill('Paris');
    await expectSaved(s);
    await cell
      .getByTestId('signal-count')
      .filter({ hasText: /^\s*2\s*$/ })
      .waitFor(T);
    expect(await cell.innerText()).toMatch(/Pasted 13 characters, question 2/);
    expect(await t.content()).not.toContain('Paris, France');
    await screenshot(t, 'signals-grid');

    // The timeline, opened from the keyboard: signals beside the arrival and the answers.
    await cell.getByRole('button').focus();
    await t.keyboard.press('Enter');
    const timeline = t.getByTestId('timeline');
    await timeline.getByRole('heading', { name: 'Timeline: Sam Student' }).waitFor(T);
    const entries = timeline.getByTestId('timeline-entries');
    await entries.getByText('Saved an answer to question 2').waitFor(T);
    const lines = await entries.locator('li').allInnerTexts();
    const text = lines.join('\n');
    expect(text).toMatch(/Joined the exam/);
    expect(text).toMatch(/Page hidden for 1 s, question 1/);
    expect(text).toMatch(/Pasted 13 characters, question 2/);
    const order = ['Joined the exam', 'Page hidden', 'Pasted'].map((w) =>
      lines.findIndex((l) => l.includes(w)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(await seriousA11yViolations(t)).toEqual([]);
    await screenshot(t, 'signals-timeline');
    await t.setViewportSize({ width: 390, height: 844 });
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(t, 'signals-timeline-390');
    await s.setViewportSize({ width: 390, height: 844 });
    await screenshot(s, 'signals-student-390');
  });
});
