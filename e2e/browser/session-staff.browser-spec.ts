/**
 * Session staff and account deactivation in a real browser: the demo teacher sees who runs
 * the demo class's session and plans a session with a co-teacher through the picker; the
 * demo invigilator (Ines) finds that session marked "You invigilate", runs it live without
 * any way to its results, scores or plan, and is told at once when the teacher takes her off
 * the staff; an admin deactivates a student, who can then no longer sign in, and reactivates
 * them. Axe on each changed page, screenshots at desktop width and at 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';

const DEMO_SESSION = 'English Assessment - demo class';
const STAFFED_SESSION = 'Staffed session - class 3B';
const T = { timeout: 15_000 };

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('session staff and deactivated accounts in a real browser', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    base = server.baseUrl;
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

  const sessionRow = (page: Page, title: string) =>
    page.locator('tbody tr', { has: page.getByText(title, { exact: true }) });

  it('the owner sees who runs the demo session and plans a session with a co-teacher', async () => {
    const page = await open('teacher@demo.school');
    await page.goto(`${base}/teacher/sessions`);
    const demo = sessionRow(page, DEMO_SESSION);
    await demo
      .getByTestId('run-by')
      .filter({ hasText: 'Run by Tom Teacher · Invigilator: Ines Invigilator' })
      .waitFor(T);
    // Tom's own session: no badge.
    expect(await demo.getByTestId('standing-badge').count()).toBe(0);

    // Plan a session with Ines as co-teacher, chosen through the picker.
    await page.getByRole('link', { name: 'Plan a session' }).click();
    await page.getByRole('heading', { name: 'Plan a session' }).waitFor();
    await page.getByText('Sol Student').waitFor();
    await page.getByLabel('Session title').fill(STAFFED_SESSION);
    await page.getByLabel('Search students').fill('Student');
    await page.getByLabel(/Select all shown \(3\)/).check();
    const staff = page.getByTestId('planner-staff');
    await staff.getByRole('button', { name: 'Add Ines Invigilator' }).waitFor(T);
    // The signed-in teacher runs it already: never offered.
    expect(await staff.getByRole('button', { name: 'Add Tom Teacher' }).count()).toBe(0);
    await staff.getByLabel('Search teachers').fill('ines');
    await staff.getByRole('button', { name: 'Add Ines Invigilator' }).click();
    const role = staff.getByLabel('Role of Ines Invigilator');
    expect(await role.evaluate((el) => el === document.activeElement)).toBe(true);
    await staff.getByText('Runs the live exam only.', { exact: true }).waitFor();
    await role.selectOption({ label: 'Co-teacher' });
    await staff.getByText('Can change the plan and see results.', { exact: true }).waitFor();
    await screenshot(page, 'staff-planner');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Plan session' }).click();

    await page.waitForURL((u) => u.pathname === '/teacher/sessions');
    await sessionRow(page, STAFFED_SESSION)
      .getByTestId('run-by')
      .filter({ hasText: 'Run by Tom Teacher · Co-teacher: Ines Invigilator' })
      .waitFor(T);
    await screenshot(page, 'staff-sessions-owner');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The demo session's dashboard: who runs it, and the staff editor.
    await demo.getByRole('link', { name: `Live dashboard: ${DEMO_SESSION}` }).click();
    const panel = page.getByTestId('staff-panel');
    await panel.getByText('Ines Invigilator').waitFor(T);
    await page.getByRole('columnheader', { name: /Score/ }).waitFor();
    await panel.getByRole('button', { name: 'Change staff' }).click();
    await panel.getByLabel('Role of Ines Invigilator').waitFor();
    await panel.getByText('No other teachers to add.').waitFor(T);
    await screenshot(page, 'staff-live-owner');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('button', { name: 'Change staff' }).waitFor();

    // The same pages on a phone.
    const phone = await open('teacher@demo.school', 390, 844);
    await phone.goto(`${base}/teacher/sessions/new`);
    await phone.getByText('Sol Student').waitFor(T);
    await phone
      .getByTestId('planner-staff')
      .getByRole('button', { name: 'Add Ines Invigilator' })
      .click();
    await phone.getByLabel('Role of Ines Invigilator').waitFor();
    await noHorizontalScroll(phone);
    await screenshot(phone, 'staff-planner-390');
    await phone.goto(`${base}/teacher/sessions`);
    await sessionRow(phone, STAFFED_SESSION).getByTestId('run-by').waitFor(T);
    await noHorizontalScroll(phone);
    await screenshot(phone, 'staff-sessions-owner-390');
    await sessionRow(phone, DEMO_SESSION)
      .getByRole('link', { name: `Live dashboard: ${DEMO_SESSION}` })
      .click();
    await phone.getByTestId('staff-panel').getByRole('button', { name: 'Change staff' }).click();
    await phone.getByTestId('staff-panel').getByLabel('Role of Ines Invigilator').waitFor();
    await noHorizontalScroll(phone);
    await screenshot(phone, 'staff-live-owner-390');
  });

  it('the invigilator runs the demo session live without results or plan controls', async () => {
    const page = await open('invigilator@demo.school');
    await page.goto(`${base}/teacher/sessions`);
    const demo = sessionRow(page, DEMO_SESSION);
    await demo.getByTestId('standing-badge').filter({ hasText: 'You invigilate' }).waitFor(T);
    await sessionRow(page, STAFFED_SESSION)
      .getByTestId('standing-badge')
      .filter({ hasText: 'Co-teacher' })
      .waitFor();
    await page.getByTestId('invigilator-note').waitFor();
    await screenshot(page, 'staff-sessions-invigilator');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await demo.getByRole('link', { name: `Live dashboard: ${DEMO_SESSION}` }).click();
    const panel = page.getByTestId('staff-panel');
    await panel.getByText("Only the session's teachers and admins change who runs it.").waitFor(T);
    await page.getByTestId('invigilator-note').waitFor();
    expect(await panel.getByRole('button', { name: 'Change staff' }).count()).toBe(0);
    // She runs it: launch, and the exam is running.
    await page.getByRole('button', { name: 'Launch exam' }).click();
    await page.getByRole('button', { name: 'Launch now' }).click();
    await page.getByTestId('session-status').filter({ hasText: 'Running' }).waitFor(T);
    // A teacher would now see "Results so far"; an invigilator does not.
    expect(await page.getByTestId('results-link').count()).toBe(0);
    expect(await page.getByRole('link', { name: /results/i }).count()).toBe(0);
    // Nor the scores column of the grid (scores are results).
    await page.getByRole('columnheader', { name: /Connection/ }).waitFor();
    expect(await page.getByRole('columnheader', { name: /Score/ }).count()).toBe(0);
    await screenshot(page, 'staff-live-invigilator');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Back in the list: running, still only the dashboard.
    await page.getByRole('link', { name: '← All sessions' }).click();
    await demo.filter({ hasText: 'Active' }).waitFor(T);
    expect(
      await demo.getByRole('link').evaluateAll((links) => links.map((a) => a.textContent?.trim())),
    ).toEqual(['Live dashboard']);
    // Typing the results address anyway: the server's sentence, nothing else.
    const href = await demo.getByRole('link', { name: /Live dashboard/ }).getAttribute('href');
    await page.goto(`${base}${href!.replace(/\/live$/, '/results')}`);
    await page.getByText(/only the session's teachers and admins see and grade/i).waitFor(T);

    const phone = await open('invigilator@demo.school', 390, 844);
    await phone.goto(`${base}${href!}`);
    await phone.getByTestId('session-status').filter({ hasText: 'Running' }).waitFor(T);
    await phone.getByTestId('staff-panel').waitFor(T);
    await noHorizontalScroll(phone);
    await screenshot(phone, 'staff-live-invigilator-390');
    await phone.goto(`${base}/teacher/sessions`);
    await sessionRow(phone, DEMO_SESSION).getByTestId('standing-badge').waitFor(T);
    await noHorizontalScroll(phone);
    await screenshot(phone, 'staff-sessions-invigilator-390');
  });

  it('the invigilator taken off the staff while watching is told at once', async () => {
    const ines = await open('invigilator@demo.school');
    await ines.goto(`${base}/teacher/sessions`);
    await sessionRow(ines, DEMO_SESSION)
      .getByRole('link', { name: `Live dashboard: ${DEMO_SESSION}` })
      .click();
    await ines.getByTestId('session-status').filter({ hasText: 'Running' }).waitFor(T);
    // In the live room (not only the REST snapshot), so the removal reaches this page.
    await ines.locator('exam-live-session-page[data-live="joined"]').waitFor(T);

    const tom = await open('teacher@demo.school');
    await tom.goto(`${base}/teacher/sessions`);
    await sessionRow(tom, DEMO_SESSION)
      .getByRole('link', { name: `Live dashboard: ${DEMO_SESSION}` })
      .click();
    const panel = tom.getByTestId('staff-panel');
    await panel.getByRole('button', { name: 'Change staff' }).click();
    await panel.getByRole('button', { name: 'Remove Ines Invigilator' }).click();
    await panel.getByRole('button', { name: 'Save staff' }).click();
    await panel.getByTestId('staff-saved').waitFor(T);
    expect(await panel.getByTestId('staff-list').locator('li').count()).toBe(1);

    await ines
      .getByRole('heading', { name: "You were removed from this session's staff" })
      .waitFor(T);
    expect(await ines.getByTestId('session-status').count()).toBe(0);
    await screenshot(ines, 'staff-removed');
    expect(await seriousA11yViolations(ines)).toEqual([]);
    // And the session is gone from her list.
    await ines.getByRole('link', { name: 'Back to your sessions' }).click();
    await ines.getByTestId('sessions-summary').waitFor(T);
    expect(await sessionRow(ines, DEMO_SESSION).count()).toBe(0);
  });

  it('an admin deactivates a student, who can no longer sign in, then reactivates them', async () => {
    const admin = await open('admin@demo.school');
    await admin.goto(`${base}/admin/users`);
    await admin.getByLabel('Search name or email').fill('student2');
    const row = admin.locator('tbody tr', { hasText: 'student2@demo.school' });
    await row.getByTestId('user-status').filter({ hasText: 'Active' }).waitFor(T);
    await row.getByRole('button', { name: 'Deactivate Sara Student' }).click();
    const confirm = admin.getByRole('alertdialog', { name: 'Deactivate Sara Student?' });
    await confirm.getByText(/signed out at once.*can no longer sign in/).waitFor();
    await confirm.getByText(/Nothing of theirs is deleted/).waitFor();
    await screenshot(admin, 'staff-admin-deactivate-confirm');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await confirm.getByRole('button', { name: 'Deactivate account' }).click();
    await row.getByTestId('user-status').filter({ hasText: 'Deactivated' }).waitFor(T);
    await admin.getByTestId('user-action-done').waitFor();
    await screenshot(admin, 'staff-admin-deactivated');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Sara cannot sign in.
    const ctx = await newContext(browser);
    contexts.push(ctx);
    const sara = await ctx.newPage();
    await sara.goto(`${base}/login`);
    await sara.getByLabel(/email/i).fill('student2@demo.school');
    await sara.getByLabel(/password/i).fill('demo1234');
    await sara.getByRole('button', { name: /sign in|log in/i }).click();
    await sara.getByText(/This account is deactivated/).waitFor(T);
    expect(new URL(sara.url()).pathname).toBe('/login');

    // Reactivated, she can.
    await row.getByRole('button', { name: 'Reactivate Sara Student' }).click();
    await row.getByTestId('user-status').filter({ hasText: 'Active' }).waitFor(T);
    await signIn(sara, base, 'student2@demo.school');
    expect(new URL(sara.url()).pathname).toMatch(/^\/student/);

    const phone = await open('admin@demo.school', 390, 844);
    await phone.goto(`${base}/admin/users`);
    await phone.getByLabel('Search name or email').fill('student');
    await phone
      .locator('tbody tr', { hasText: 'student3@demo.school' })
      .getByRole('button', { name: 'Deactivate Sol Student' })
      .click();
    await phone.getByRole('alertdialog').waitFor();
    await noHorizontalScroll(phone);
    await screenshot(phone, 'staff-admin-users-390');
    await phone.getByRole('button', { name: 'Cancel' }).click();
  });
});
