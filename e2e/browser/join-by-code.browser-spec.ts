/**
 * Join by code in real Chromium (issue 18): the teacher opens joining on the live dashboard
 * and shows the projector view (the code in large type and a QR code of the join link); a
 * student of the academy types the code on their "join" page and lands in the lobby, and
 * the teacher's grid and the projector count them; a wrong code is refused in words and,
 * typed again and again, limited; the QR code's link fills the code in; the teacher takes a
 * student off the lobby and the student's page says so at once. axe on each page;
 * screenshots at 1280 x 800 and 390 x 844.
 */
import type { Page } from 'playwright-core';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { planSession, row, T } from '../support/exam-page';

describe('join by code in the browser', () => {
  const suite = browserSuite();
  let base: string;
  let sessionId: string;
  let code = '';
  let teacher: Page;
  let sam: Page;

  beforeAll(async () => {
    base = suite.base;
    // Nobody enrolled: the class joins with the code.
    sessionId = await planSession(
      base,
      {
        title: 'Code quiz',
        durationMinutes: 20,
        questions: [{ type: 'true_false', prompt: 'Water is wet.', points: 1, correct: true }],
      },
      { title: 'Period 3 quiz', studentIds: [] },
    );
  });

  const open = suite.open;

  it('the teacher opens joining and shows the code and its QR code on the projector', async () => {
    teacher = await open('teacher@demo.school', 1280, 900);
    await teacher.goto(`${base}/teacher/sessions/${sessionId}/live`);
    const panel = teacher.getByTestId('join-panel');
    await panel.getByRole('button', { name: 'Let students join with a code' }).click();
    const shown = await panel.getByTestId('join-panel-code').innerText();
    expect(shown).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    code = shown.replace('-', '');
    const link = panel.getByRole('link', { name: /Show on the projector/ });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toBe(`/teacher/sessions/${sessionId}/projector`);
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    await screenshot(teacher, 'join-teacher-panel');
    await teacher.setViewportSize({ width: 390, height: 844 });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(teacher, 'join-teacher-panel-phone');
    await teacher.setViewportSize({ width: 1280, height: 900 });

    const board = await open('teacher@demo.school', 1280, 800);
    await board.goto(`${base}/teacher/sessions/${sessionId}/projector`);
    await board.getByTestId('projector-code').filter({ hasText: shown }).waitFor(T);
    expect(await board.getByTestId('projector-link').innerText()).toMatch(/\/student\/join$/);
    const qr = board.getByRole('img', { name: /scan this QR code/ });
    const d = await qr.locator('path').getAttribute('d');
    expect((d ?? '').length).toBeGreaterThan(1000);
    expect(await board.getByTestId('projector-count').innerText()).toBe(
      'Nobody is in the lobby yet',
    );
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'join-projector');
    await board.setViewportSize({ width: 390, height: 844 });
    await screenshot(board, 'join-projector-phone');
  });

  it('a student types the code and lands in the lobby; the grid and the board count them', async () => {
    sam = await open('student1@demo.school', 390, 844);
    await sam.goto(`${base}/student`);
    await sam.getByRole('link', { name: /Join with a code/ }).click();
    await sam.getByLabel('Exam code').waitFor(T);
    expect(await seriousA11yViolations(sam)).toEqual([]);
    await screenshot(sam, 'join-page-phone');
    // Lower case with the dash, as read off the board.
    await sam.getByLabel('Exam code').fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`);
    await sam.getByRole('button', { name: 'Join the exam' }).click();
    await sam.waitForURL(`**/student/sessions/${sessionId}`, T);
    await sam.getByTestId('lobby').getByRole('heading', { name: 'Period 3 quiz' }).waitFor(T);

    await row(teacher, 'Sam Student').waitFor(T);
    const board = await open('teacher@demo.school', 1280, 800);
    await board.goto(`${base}/teacher/sessions/${sessionId}/projector`);
    await board
      .getByTestId('projector-count')
      .filter({ hasText: '1 student is in the lobby' })
      .waitFor(T);
  });

  it('a wrong code is refused in words, and too many are limited', async () => {
    const sara = await open('student2@demo.school');
    await sara.goto(`${base}/student/join`);
    const field = sara.getByLabel('Exam code');
    await field.fill('ZZZ-ZZZ');
    await sara.getByRole('button', { name: 'Join the exam' }).click();
    await sara.getByText(/No exam is open to join with this code/).waitFor(T);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(sara)).toEqual([]);
    await screenshot(sara, 'join-page-wrong-code');
    for (let i = 0; i < 10; i++) {
      await field.fill(`WRONG${i}`);
      await sara.getByRole('button', { name: 'Join the exam' }).click();
      await sara.getByRole('button', { name: 'Join the exam' }).waitFor(T);
    }
    await sara.getByText(/Too many wrong codes\. Wait \d+ seconds/).waitFor(T);
    // Even the right code waits now.
    await field.fill(code);
    await sara.getByRole('button', { name: 'Join the exam' }).click();
    await sara.getByText(/Too many wrong codes/).waitFor(T);
    expect(sara.url()).toMatch(/\/student\/join$/);
  });

  it("the QR code's link fills the code in", async () => {
    const sol = await open('student3@demo.school');
    await sol.goto(`${base}/student/join?code=${code.toLowerCase()}`);
    await sol.getByLabel('Exam code').waitFor(T);
    expect(await sol.getByLabel('Exam code').inputValue()).toBe(code);
  });

  it('the teacher takes a student off the lobby and their page says so at once', async () => {
    await row(teacher, 'Sam Student').getByRole('button', { name: 'Remove Sam Student' }).click();
    const ask = teacher.getByTestId('remove-confirm');
    await ask.getByRole('heading', { name: 'Take Sam Student off this exam?' }).waitFor(T);
    expect(await ask.innerText()).toMatch(/they can join again with the code/);
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    await screenshot(teacher, 'join-remove-confirm');
    await ask.getByRole('button', { name: 'Take off the exam' }).click();
    await row(teacher, 'Sam Student').waitFor({ state: 'detached', ...T });
    await sam.getByText(/Your teacher took you off this exam before it started/).waitFor(T);
    await sam.getByRole('heading', { name: 'You are not in this exam' }).waitFor(T);
    await screenshot(sam, 'join-removed-student-phone');
    // Joining closed: the board says so.
    await teacher.getByTestId('join-panel').getByRole('button', { name: 'Stop joining' }).click();
    await teacher
      .getByTestId('join-panel')
      .getByRole('button', { name: 'Open joining again' })
      .waitFor(T);
    const board = await open('teacher@demo.school', 1280, 800);
    await board.goto(`${base}/teacher/sessions/${sessionId}/projector`);
    await board.getByText('Joining is closed.').waitFor(T);
  });
});
