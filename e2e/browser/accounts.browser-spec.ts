/**
 * Accounts in a real browser: an admin edits a student (name, extra time) in a dialog, sets a
 * new password with which the student then signs in, and imports a class from a CSV file with
 * one bad row (check, then import; the report names the refused line) after which a created
 * student signs in with the generated password; a teacher changes their own password on the
 * account page and stays signed in there while their other browser is signed out.
 * Axe on each changed page and dialog; screenshots at 1280 x 800 and 390 x 844.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';

const T = { timeout: 15_000 };

/** One bad row (line 4: not an email); Nora and Omar get generated passwords, Tess has one. */
const CLASS_CSV = [
  'email,name,role,extra time,password',
  'nora.quinn@class3b.test,Nora Quinn,student,25,',
  'omar.reyes@class3b.test,Omar Reyes,,,',
  'not-an-email,Chris Doe,,,',
  'tess.lee@class3b.test,Tess Lee,teacher,,Welcome-2026',
].join('\n');

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** True once the element has the focus (focus moves after the next render). */
async function hasFocus(locator: Locator): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    if (await locator.evaluate((e) => e === document.activeElement)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Signs in through the form and expects to be refused with the server's sentence. */
async function signInRefused(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByText(/email or password is wrong/i).waitFor(T);
  expect(new URL(page.url()).pathname).toBe('/login');
}

describe('accounts in a real browser', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  let dir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    base = server.baseUrl;
    dir = mkdtempSync(join(tmpdir(), 'exam-accounts-'));
  });
  // Each test closes its browsers: the server allows 3 live connections per user.
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function page(width = 1280, height = 800): Promise<Page> {
    const ctx = await newContext(browser, width, height);
    contexts.push(ctx);
    return ctx.newPage();
  }

  async function open(email: string, width = 1280, height = 800, password?: string) {
    const p = await page(width, height);
    await signIn(p, base, email, password);
    return p;
  }

  async function usersPage(email = 'admin@demo.school', width = 1280, height = 800) {
    const admin = await open(email, width, height);
    await admin.goto(`${base}/admin/users`);
    await admin.getByTestId('users-summary').waitFor(T);
    return admin;
  }

  const row = (p: Page, text: string) => p.locator('tbody tr', { hasText: text });

  it("an admin edits a student's name and extra time in a dialog", async () => {
    const admin = await usersPage();
    await admin.getByLabel('Search name or email').fill('student2');
    const sara = row(admin, 'student2@demo.school');
    await sara.getByRole('button', { name: 'Edit Sara Student' }).click(T);
    const dialog = admin.getByRole('dialog', { name: 'Edit Sara Student' });
    await dialog.waitFor();
    await dialog.getByText(/still being planned/).waitFor();
    await dialog
      .getByText(/already launched or finished keep the time they started with/)
      .waitFor();
    expect(await hasFocus(dialog.getByLabel('Name'))).toBe(true);
    await screenshot(admin, 'accounts-edit-dialog');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // An email in use is refused beside the field.
    await dialog.getByLabel('Email').fill('student1@demo.school');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog
      .getByTestId('edit-email-errors')
      .getByText(/already exists/)
      .waitFor(T);
    expect(await dialog.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await hasFocus(dialog.getByLabel('Email'))).toBe(true);
    await screenshot(admin, 'accounts-edit-error');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    await dialog.getByLabel('Email').fill('student2@demo.school');
    await dialog.getByLabel('Name').fill('Sara Stone');
    await dialog.getByLabel('Extra time (%)').fill('25');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached', ...T });
    const saved = row(admin, 'student2@demo.school');
    await saved.getByText('Sara Stone').waitFor(T);
    await saved.getByText('+25 % time').waitFor();
    await admin
      .getByTestId('user-action-done')
      .getByText(/Sessions still being planned now give Sara Stone \+25 % time/)
      .waitFor();
    // Back on the row's Edit button, for keyboard users.
    expect(await hasFocus(saved.getByRole('button', { name: 'Edit Sara Stone' }))).toBe(true);
    await screenshot(admin, 'accounts-users-edited');

    const phone = await usersPage('admin@demo.school', 390, 844);
    await screenshot(phone, 'accounts-users-390');
    await noHorizontalScroll(phone);
    await phone.getByLabel('Search name or email').fill('student3');
    await row(phone, 'student3@demo.school')
      .getByRole('button', { name: 'Edit Sol Student' })
      .click(T);
    const small = phone.getByRole('dialog', { name: 'Edit Sol Student' });
    await small.waitFor();
    await noHorizontalScroll(phone);
    await screenshot(phone, 'accounts-edit-dialog-390');
    await small.getByRole('button', { name: 'Cancel' }).click();
    await small.waitFor({ state: 'detached' });
  });

  it('an admin sets a new password: the student is signed out and signs in with it', async () => {
    const student = await open('student2@demo.school');
    expect(new URL(student.url()).pathname).toMatch(/^\/student/);

    const admin = await usersPage();
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: base,
    });
    await admin.getByLabel('Search name or email').fill('student2');
    await row(admin, 'student2@demo.school')
      .getByRole('button', { name: 'New password for Sara Stone' })
      .click(T);
    const dialog = admin.getByRole('dialog', { name: 'New password for Sara Stone' });
    await dialog.waitFor();
    await dialog.getByText('Sara Stone will be signed out everywhere at once').waitFor();
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const generated = await dialog.getByLabel('New password').inputValue();
    expect(generated).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
    await screenshot(admin, 'accounts-password-dialog');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    await dialog.getByRole('button', { name: 'Set password and sign them out' }).click();
    const done = admin.getByRole('dialog', { name: 'New password set for Sara Stone' });
    await done.getByTestId('new-password').filter({ hasText: generated }).waitFor(T);
    await done.getByText(/It is shown only now/).waitFor();
    await done.getByRole('button', { name: 'Copy the new password' }).click();
    await done.getByText('Copied.').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(generated);
    await screenshot(admin, 'accounts-password-done');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await done.getByRole('button', { name: 'Close' }).click();
    await admin
      .getByTestId('user-action-done')
      .getByText('Sara Stone has a new password and was signed out everywhere.')
      .waitFor();

    // Her open page no longer works: the next request sends her to sign in.
    await student.reload();
    await student.waitForURL((u) => u.pathname.startsWith('/login'), T);
    await signInRefused(student, base, 'student2@demo.school', 'demo1234');
    await signIn(student, base, 'student2@demo.school', generated);
    expect(new URL(student.url()).pathname).toMatch(/^\/student/);
    // The extra time set above is hers in the session still being planned.
    await student
      .getByText(/includes your extra time/)
      .first()
      .waitFor(T);

    const phone = await usersPage('admin@demo.school', 390, 844);
    await phone.getByLabel('Search name or email').fill('student3');
    await row(phone, 'student3@demo.school')
      .getByRole('button', { name: 'New password for Sol Student' })
      .click(T);
    const small = phone.getByRole('dialog', { name: 'New password for Sol Student' });
    await small.getByRole('button', { name: 'Generate' }).click();
    await noHorizontalScroll(phone);
    await screenshot(phone, 'accounts-password-dialog-390');
    await small.getByRole('button', { name: 'Cancel' }).click();
  });

  it('an admin imports a class from a CSV file with one bad row: check, then import', async () => {
    const file = join(dir, 'class-3b.csv');
    writeFileSync(file, CLASS_CSV);
    const admin = await usersPage();
    await admin.getByRole('button', { name: 'Import a class from CSV' }).click();
    const panel = admin.locator('#class-import');
    await panel.getByRole('heading', { name: 'Import a class from a CSV file' }).waitFor();
    await panel.getByText('What the file must look like').waitFor();
    await screenshot(admin, 'accounts-import-panel');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    await panel.getByLabel('CSV file').setInputFiles(file);
    await panel.getByLabel('Rows from “class-3b.csv”').waitFor(T);
    expect(await panel.getByLabel('Rows from “class-3b.csv”').inputValue()).toBe(CLASS_CSV);
    await panel.getByRole('button', { name: 'Check the file' }).click();
    const check = panel.getByTestId('import-check');
    await check
      .getByTestId('check-summary')
      .filter({ hasText: '3 people can be imported. 1 row is refused.' })
      .waitFor(T);
    const refused = check.getByTestId('refused-rows').locator('tbody tr');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().innerText()).toMatch(/4[\s\S]*not-an-email[\s\S]*not an email/);
    expect(await check.getByTestId('created-rows').locator('tbody tr').count()).toBe(3);
    // Nothing exists yet.
    await admin.getByLabel('Search name or email').fill('class3b');
    await admin.getByText('No users match').waitFor(T);
    await screenshot(admin, 'accounts-import-check');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    await check.getByRole('button', { name: 'Import 3 people' }).click();
    const done = panel.getByTestId('import-done');
    await done
      .getByTestId('import-summary')
      .filter({ hasText: /3 accounts created\.\s+1 row was refused/ })
      .waitFor(T);
    await done
      .getByTestId('refused-rows')
      .getByRole('cell', { name: 'not-an-email', exact: true })
      .waitFor();
    const passwords = await done.getByTestId('generated-password').allInnerTexts();
    expect(passwords).toHaveLength(2);
    const created = done.getByTestId('created-rows');
    const noraRow = created.locator('tr', { hasText: 'nora.quinn@class3b.test' });
    const noraPassword = await noraRow.getByTestId('generated-password').innerText();
    await created
      .locator('tr', { hasText: 'tess.lee@class3b.test' })
      .getByText('The one in your file')
      .waitFor();

    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      done.getByRole('button', { name: 'Download the list (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const list = readFileSync((await download.path())!, 'utf8');
    expect(list).toContain(`Nora Quinn,nora.quinn@class3b.test,student,25%,${noraPassword}`);
    expect(list).toContain('Tess Lee,tess.lee@class3b.test,teacher,,(the one in your file)');
    expect(list).not.toContain('not-an-email');

    // The list below shows the new accounts.
    for (const name of ['Nora Quinn', 'Omar Reyes', 'Tess Lee']) {
      await admin.locator('exam-user-table tbody tr', { hasText: name }).waitFor(T);
    }
    await screenshot(admin, 'accounts-import-done');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Nora signs in with the password made for her.
    const nora = await open('nora.quinn@class3b.test', 1280, 800, noraPassword);
    expect(new URL(nora.url()).pathname).toMatch(/^\/student/);

    // On a phone: the same file again is refused row by row (emails taken), then one new row.
    const phone = await usersPage('admin@demo.school', 390, 844);
    await phone.getByRole('button', { name: 'Import a class from CSV' }).click();
    const small = phone.locator('#class-import');
    await small.getByLabel('CSV file').setInputFiles(file);
    await small.getByRole('button', { name: 'Check the file' }).click();
    await small
      .getByTestId('check-summary')
      .filter({ hasText: 'No row can be imported. 4 rows are refused.' })
      .waitFor(T);
    await small
      .getByText(/An account with this email already exists/)
      .first()
      .waitFor();
    await noHorizontalScroll(phone);
    await screenshot(phone, 'accounts-import-check-390');
    const one = join(dir, 'one-more.csv');
    writeFileSync(one, 'email;name;extra time\ndan.evans@class3b.test;Dan Evans;10%\n');
    await small.getByLabel('CSV file').setInputFiles(one);
    await small.getByRole('button', { name: 'Check the file' }).click();
    await small.getByRole('button', { name: 'Import 1 person' }).click(T);
    await small.getByTestId('import-summary').filter({ hasText: '1 account created.' }).waitFor(T);
    await noHorizontalScroll(phone);
    await screenshot(phone, 'accounts-import-done-390');
  });

  it('a teacher changes their own password on the account page', async () => {
    const other = await open('teacher@demo.school');
    const teacher = await open('teacher@demo.school');
    await teacher.goto(`${base}/account`);
    await teacher.getByRole('heading', { name: 'Your account' }).waitFor(T);
    await teacher.getByRole('heading', { name: 'Change your password' }).waitFor();
    await teacher.getByText(/signs you out on every device/).waitFor();
    await screenshot(teacher, 'accounts-account');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    // A wrong current password is said beside that field, which gets the focus.
    await teacher.getByLabel('Current password').fill('not-my-password');
    await teacher.getByLabel('New password', { exact: true }).fill('Autumn-2026!');
    await teacher.getByLabel('New password again').fill('Autumn-2026!');
    await teacher.getByRole('button', { name: 'Change password' }).click();
    await teacher
      .getByTestId('current-password-errors')
      .getByText(/The current password is wrong/)
      .waitFor(T);
    expect(await hasFocus(teacher.getByLabel('Current password'))).toBe(true);
    await screenshot(teacher, 'accounts-account-wrong-current');
    expect(await seriousA11yViolations(teacher)).toEqual([]);

    await teacher.getByLabel('Current password').fill('demo1234');
    await teacher.getByRole('button', { name: 'Change password' }).click();
    await teacher.getByTestId('password-changed').getByText('Your password is changed.').waitFor(T);
    expect(await hasFocus(teacher.getByTestId('password-changed'))).toBe(true);
    await screenshot(teacher, 'accounts-account-changed');
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    // This browser signed in again by itself and keeps working, after a reload too.
    expect(new URL(teacher.url()).pathname).toBe('/account');
    await teacher.goto(`${base}/teacher/exams`);
    await teacher.getByRole('heading', { level: 1 }).waitFor(T);
    expect(new URL(teacher.url()).pathname).toBe('/teacher/exams');

    // The other browser is signed out; the old password no longer works, the new one does.
    await other.reload();
    await other.waitForURL((u) => u.pathname.startsWith('/login'), T);
    await signInRefused(other, base, 'teacher@demo.school', 'demo1234');
    await signIn(other, base, 'teacher@demo.school', 'Autumn-2026!');
    expect(new URL(other.url()).pathname).toMatch(/^\/teacher/);

    const phone = await open('student1@demo.school', 390, 844);
    await phone.goto(`${base}/account`);
    await phone.getByRole('heading', { name: 'Change your password' }).waitFor(T);
    await noHorizontalScroll(phone);
    await screenshot(phone, 'accounts-account-390');
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });
});
