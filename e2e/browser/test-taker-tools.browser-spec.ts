/**
 * Test-taker tools in real Chromium (issue 18), all by keyboard: the student opens "Reading
 * tools" and turns on a larger text, wide line spacing, high contrast, the dyslexia-friendly
 * font, the line reader (moved with Alt + ↓), strike-out buttons and the highlighter; strikes
 * a choice out and highlights words of the question; uses the calculator on a numeric
 * question the session allows it on. After a reload everything is still there, and another
 * device (a new browser context) gets the same tools. An admin fixes the student's tools in
 * the users page's dialog; the student then sees them but cannot change them. axe finds no
 * serious or critical issue with every tool on. Screenshots at 1280 x 800 and 390 x 844.
 */
import type { Page } from 'playwright-core';
import type { TestTakerToolsView } from '@exam/contracts';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { planSession, T, token } from '../support/exam-page';
import { api, login } from '../support/http';

const PROMPT = 'Which city is the capital of France, the country west of Germany?';

describe('test-taker tools in the browser', () => {
  const suite = browserSuite();
  let base: string;
  let sessionId: string;
  let studentId: string;
  let s: Page;

  beforeAll(async () => {
    base = suite.base;
    studentId = (await login(base, 'student3@demo.school')).user.id;
    sessionId = await planSession(
      base,
      {
        title: 'Tools quiz',
        durationMinutes: 30,
        questions: [
          {
            type: 'single_choice',
            prompt: PROMPT,
            points: 1,
            options: [
              { id: 'a', text: 'Lyon' },
              { id: 'b', text: 'Paris' },
              { id: 'c', text: 'Nice' },
            ],
            correctOptionId: 'b',
          },
          {
            type: 'numeric',
            prompt: 'How many hours are in 12 days?',
            points: 1,
            acceptedAnswers: [{ value: 288, creditPercent: 100 }],
          },
        ],
      },
      {
        title: 'Tools quiz',
        studentIds: [studentId],
        config: { calculator: true, integritySignals: [] },
      },
    );
    const teacherToken = await token(base, 'teacher@demo.school');
    const launch = await api(base, 'POST', `/api/v1/exam-sessions/${sessionId}/launch`, {
      token: teacherToken,
      body: {},
    });
    expect(launch.status).toBe(200);
  });

  const open = suite.open;
  const attr = (p: Page, name: string) =>
    p.evaluate((n) => document.documentElement.getAttribute(n), name);
  const marks = (p: Page) =>
    p.evaluate(
      () =>
        (
          globalThis as unknown as { CSS: { highlights: Map<string, Set<unknown>> } }
        ).CSS.highlights.get('tt-mark')?.size ?? 0,
    );
  /** Focuses a control and presses a key on it, as a keyboard user would after tabbing. */
  const press = async (p: Page, locator: ReturnType<Page['getByLabel']>, key: string) => {
    await locator.focus();
    await p.keyboard.press(key);
  };

  it('turns every tool on by keyboard, and they work', async () => {
    s = await open('student3@demo.school');
    await s.goto(`${base}/student/sessions/${sessionId}`);
    await s.getByRole('heading', { name: 'Question 1 of 2' }).waitFor(T);

    const toggle = s.getByTestId('tools-toggle');
    await press(s, toggle, 'Enter');
    const panel = s.getByTestId('tools-panel');
    await panel.getByRole('heading', { name: 'Reading tools' }).waitFor(T);
    expect(await s.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Reading tools',
    );
    await press(s, panel.getByLabel('Larger (150 %)'), 'Space');
    await press(s, panel.getByLabel('Wide', { exact: true }), 'Space');
    for (const name of [
      'High contrast',
      'Dyslexia-friendly font',
      'Line reader',
      'Strike out choices',
      'Highlighter',
    ]) {
      await press(s, panel.getByLabel(name, { exact: true }), 'Space');
      expect(await panel.getByLabel(name, { exact: true }).isChecked()).toBe(true);
    }
    expect(await attr(s, 'data-tt-size')).toBe('150');
    expect(await attr(s, 'data-tt-spacing')).toBe('wide');
    expect(await attr(s, 'data-tt-contrast')).toBe('high');
    expect(await attr(s, 'data-tt-font')).toBe('dyslexic');
    const look = await s.evaluate(() => {
      const b = getComputedStyle(document.body);
      return {
        font: b.fontFamily,
        bg: b.backgroundColor,
        rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
      };
    });
    expect(look.font).toMatch(/OpenDyslexic/);
    expect(look.bg).toBe('rgb(0, 0, 0)');
    expect(look.rootPx).toBeGreaterThanOrEqual(24);
    await s.evaluate(() => document.fonts.ready);
    expect(await s.evaluate(() => document.fonts.check('16px OpenDyslexic'))).toBe(true);

    // Escape closes the panel and gives the focus back to its button.
    await s.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', ...T });
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    // The line reader: a band that Alt + ↓ moves down by a line.
    const band = s.getByTestId('line-reader').locator('.band');
    await band.waitFor({ state: 'attached', ...T });
    const before = await band.evaluate((el) => el.getBoundingClientRect().top);
    await s.keyboard.press('Alt+ArrowDown');
    await s.waitForFunction(
      (top) =>
        (document.querySelector('[data-testid="line-reader"] .band')?.getBoundingClientRect().top ??
          0) > top,
      before,
    );

    // Strike out a choice: pressed, crossed out, and the answer is untouched.
    const strike = s.getByRole('button', { name: 'Strike out Lyon' });
    await press(s, strike, 'Enter');
    await s.locator('[data-testid="strike"][aria-pressed="true"]').waitFor(T);
    expect(await strike.getAttribute('aria-pressed')).toBe('true');
    const lyon = s.locator('.option-row', { hasText: 'Lyon' }).locator('label');
    expect(await lyon.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe(
      'line-through',
    );
    expect(await s.getByRole('radio', { name: 'Lyon' }).isChecked()).toBe(false);

    // Highlight "Which city" with the keyboard: focus the question text, Shift + → twice, H.
    const prompt = s.getByTestId('prompt');
    await prompt.focus();
    await s.keyboard.press('Shift+ArrowRight');
    await s.keyboard.press('Shift+ArrowRight');
    await s.keyboard.press('h');
    await s.getByText(/^Highlighted: Which city/).waitFor({ state: 'attached', ...T });
    expect(await marks(s)).toBe(1);

    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'tools-question');
    await press(s, toggle, 'Enter');
    await panel.waitFor(T);
    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'tools-panel');
    await s.setViewportSize({ width: 390, height: 844 });
    await screenshot(s, 'tools-panel-phone');
    await s.keyboard.press('Escape');
    await s.setViewportSize({ width: 1280, height: 800 });
  });

  it('offers the calculator on the numeric question, by keyboard', async () => {
    await s.getByRole('button', { name: 'Next →' }).click();
    await s.getByRole('heading', { name: 'Question 2 of 2' }).waitFor(T);
    const calcToggle = s.getByTestId('calc-toggle');
    await press(s, calcToggle, 'Enter');
    const display = s.getByTestId('calc-display');
    await display.waitFor(T);
    await s.getByTestId('calculator').waitFor(T);
    expect(
      await s.getByTestId('calculator').evaluate((el) => el.contains(document.activeElement)),
    ).toBe(true);
    await s.keyboard.type('12*24');
    await s.keyboard.press('=');
    await display.filter({ hasText: /^\s*288\s*$/ }).waitFor(T);
    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'tools-calculator');
    await press(s, s.getByTestId('calc-use'), 'Enter');
    await s.waitForFunction(
      () =>
        (document.querySelector('input[inputmode="decimal"]') as HTMLInputElement)?.value === '288',
    );
    expect(await calcToggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.getByTestId('saving-summary').filter({ hasText: 'All answers saved' }).waitFor(T);
  });

  it('keeps every tool and mark after a reload, and on another device', async () => {
    await s.reload();
    await s.getByRole('heading', { name: 'Question 2 of 2' }).waitFor(T);
    expect(await attr(s, 'data-tt-size')).toBe('150');
    expect(await attr(s, 'data-tt-contrast')).toBe('high');
    await s.getByTestId('line-reader').waitFor({ state: 'attached', ...T });
    await s.getByRole('button', { name: '← Previous' }).click();
    await s.getByRole('heading', { name: 'Question 1 of 2' }).waitFor(T);
    await s.locator('[data-testid="strike"][aria-pressed="true"]').waitFor(T);
    await s.waitForFunction(
      () =>
        ((
          globalThis as unknown as { CSS: { highlights: Map<string, Set<unknown>> } }
        ).CSS.highlights.get('tt-mark')?.size ?? 0) === 1,
    );

    // Another device: a fresh browser profile, the same student.
    const other = await open('student3@demo.school', 390, 844);
    await other.goto(`${base}/student/sessions/${sessionId}`);
    await other.getByRole('heading', { name: /Question \d of 2/ }).waitFor(T);
    expect(await attr(other, 'data-tt-size')).toBe('150');
    expect(await attr(other, 'data-tt-font')).toBe('dyslexic');
    await screenshot(other, 'tools-other-device-phone');
  });

  it('an admin fixes the tools; the student sees them and cannot change them', async () => {
    const admin = await open('admin@demo.school');
    await admin.goto(`${base}/admin/users`);
    await admin.getByLabel('Search name or email').fill('Sol Student');
    await admin.getByRole('button', { name: 'Reading tools for Sol Student' }).click();
    const dialog = admin.getByTestId('student-tools-dialog');
    await dialog.getByLabel('Larger (150 %)').waitFor(T);
    expect(await dialog.getByLabel('Larger (150 %)').isChecked()).toBe(true);
    await press(admin, dialog.getByLabel('Largest (200 %)'), 'Space');
    await press(admin, dialog.getByLabel('Sol Student may change them'), 'Space');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'tools-admin-dialog');
    await dialog.getByRole('button', { name: 'Save tools' }).click();
    await dialog.waitFor({ state: 'detached', ...T });
    await admin.getByText('Saved the reading tools of Sol Student.').waitFor(T);

    const stored = await api<TestTakerToolsView>(
      base,
      'GET',
      `/api/v1/users/${studentId}/test-taker-tools`,
      { token: await token(base, 'admin@demo.school') },
    );
    expect(stored.body).toMatchObject({ studentMayChange: false, setBy: 'staff' });
    expect(stored.body.tools.textSize).toBe(200);

    // The student's open page applies them at once (tools_changed), and after a reload too.
    await s.waitForFunction(() => document.documentElement.getAttribute('data-tt-size') === '200');
    await s.reload();
    await s.getByRole('heading', { name: /Question \d of 2/ }).waitFor(T);
    await s.waitForFunction(() => document.documentElement.getAttribute('data-tt-size') === '200');
    await press(s, s.getByTestId('tools-toggle'), 'Enter');
    const panel = s.getByTestId('tools-panel');
    await panel.getByTestId('tools-fixed').waitFor(T);
    expect(await panel.getByLabel('Normal (100 %)').isDisabled()).toBe(true);
    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'tools-fixed');

    // The session's teacher reaches the same dialog from the student's timeline.
    const t = await open('teacher@demo.school', 1280, 900);
    await t.goto(`${base}/teacher/sessions/${sessionId}/live`);
    await t
      .locator('tr[data-student="Sol Student"]')
      .getByTestId('row-signals')
      .getByRole('button')
      .click();
    await t.getByRole('button', { name: 'Reading tools for Sol Student' }).click();
    const fromTimeline = t.getByTestId('student-tools-dialog');
    await fromTimeline.getByLabel('Largest (200 %)').waitFor(T);
    expect(await fromTimeline.getByLabel('Largest (200 %)').isChecked()).toBe(true);
    expect(await fromTimeline.getByLabel('Sol Student may change them').isChecked()).toBe(false);
    await t.keyboard.press('Escape');
    await fromTimeline.waitFor({ state: 'detached', ...T });
  });
});
