/**
 * Browser-test helpers for the exam pages: sign-in tokens, snapshots and a planned session
 * over REST, moving
 * between questions, waiting for "Saved", submitting, the teacher's roster rows, and
 * reaching an element with Tab as a keyboard user would.
 */
import type { Page } from 'playwright-core';
import type {
  CreateExamRequest,
  CreateExamSessionRequest,
  ExamSessionView,
  ExamView,
  LiveSnapshot,
} from '@exam/contracts';
import { api, login } from './http';

export const T = { timeout: 20_000 };

export async function token(base: string, email: string): Promise<string> {
  return (await login(base, email)).accessToken;
}

export async function snapshotAs<S extends LiveSnapshot>(base: string, email: string, id: string) {
  const r = await api<S>(base, 'GET', `/api/v1/exam-sessions/${id}/snapshot`, {
    token: await token(base, email),
  });
  expect(r.status).toBe(200);
  return r.body;
}

/** The demo teacher writes an exam and plans a session of it; the session's id. */
export async function planSession(
  base: string,
  exam: CreateExamRequest,
  session: Omit<CreateExamSessionRequest, 'examId'>,
): Promise<string> {
  const teacherToken = await token(base, 'teacher@demo.school');
  const e = await api<ExamView>(base, 'POST', '/api/v1/exams', { token: teacherToken, body: exam });
  expect(e.status).toBe(201);
  const s = await api<ExamSessionView>(base, 'POST', '/api/v1/exam-sessions', {
    token: teacherToken,
    body: { ...session, examId: e.body.id },
  });
  expect(s.status).toBe(201);
  return s.body.id;
}

/** "1:14:59" or "14:59" -> seconds. */
export function seconds(clock: string): number {
  return clock
    .trim()
    .split(':')
    .map(Number)
    .reduce((acc, n) => acc * 60 + n, 0);
}

export function question(page: Page, n: number) {
  return page.getByRole('button', { name: new RegExp(`^Question ${n},`) });
}

/** Opens the question navigator when it is folded away (a phone), as a student would. */
export async function openNavigator(page: Page): Promise<void> {
  const toggle = page.getByTestId('navigator-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

export async function goTo(page: Page, n: number, total = 25): Promise<void> {
  await openNavigator(page);
  await question(page, n).click();
  await page.getByRole('heading', { name: `Question ${n} of ${total}` }).waitFor(T);
}

export async function expectSaved(page: Page): Promise<void> {
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^\s*✓?\s*Saved\s*$/ })
    .waitFor(T);
}

export function row(page: Page, name: string) {
  return page.locator(`tr[data-student="${name}"]`);
}

export async function rowAnswered(page: Page, name: string, answered: number): Promise<void> {
  await row(page, name)
    .getByTestId('row-answered')
    .filter({ hasText: new RegExp(`^\\s*${answered} / 25\\s*$`) })
    .waitFor(T);
}

export async function submitByClicks(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Review and submit' }).first().click();
  await page.getByTestId('review').waitFor(T);
  await page.getByRole('button', { name: 'Yes, submit my exam' }).click();
  await page.getByTestId('completion').waitFor(T);
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
export async function tabTo(
  page: Page,
  match: (el: { text: string; role: string; label: string }) => boolean,
) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        text: (a?.innerText ?? '').trim(),
        role: a?.getAttribute('type') ?? a?.tagName.toLowerCase() ?? '',
        label: a?.getAttribute('aria-label') ?? (a?.closest('label')?.innerText ?? '').trim(),
      };
    });
    if (match(el)) return;
  }
  throw new Error('could not reach the element with Tab');
}
