/**
 * First run in real Chromium (issue 12): the built server on an empty database without demo
 * data refuses every sign-in and prints a one-time setup token. The login page points to
 * setup; the setup page (axe-clean, desktop and phone) creates the school and its first
 * admin with that token; the admin signs in with the email filled in, creates a teacher on
 * the Users page, and the teacher signs in. Afterwards setup says the server is set up, and
 * the token does not work a second time.
 */
import type { Browser, Page } from 'playwright-core';
import type { SetupStatus } from '@exam/contracts';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';
import { api } from '../support/http';

const ADMIN = { name: 'Ada Admin', email: 'ada@lycee.example', password: 'correct horse 42' };
const TEACHER = { name: 'Théo Teacher', email: 'theo@lycee.example', password: 'teacher-pass-7' };
const TOKEN_LINE = /setup token[^A-Za-z0-9_-]*([A-Za-z0-9_-]{43})/i;

/** The token the server printed at start (it prints it once the app is up). */
async function setupToken(server: BrowserServer): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const m = TOKEN_LINE.exec(server.output());
    if (m) return m[1];
    if (Date.now() > until) throw new Error(`no setup token in the output:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('first run of an empty server in a real browser', () => {
  let server: BrowserServer;
  let browser: Browser;
  let base: string;
  let token: string;

  beforeAll(async () => {
    server = await startBrowserServer({ SEED_DEMO: 'false' });
    browser = await launchBrowser();
    base = server.baseUrl;
    token = await setupToken(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses to sign in before setup, and the login page points to setup', async () => {
    const status = await api<SetupStatus>(base, 'GET', '/api/v1/setup');
    expect(status.body).toEqual({ needed: true });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('setup-notice').waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/email or password is wrong/i).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'setup-login-notice');
    await page.getByRole('link', { name: 'Set it up' }).click();
    await page.waitForURL((u) => u.pathname === '/setup');
    await ctx.close();
  });

  it('shows the setup page without serious accessibility problems, also at 390 px', async () => {
    for (const [width, height, name] of [
      [1280, 800, 'setup'],
      [390, 844, 'setup-390'],
    ] as const) {
      const ctx = await newContext(browser, width, height);
      const page = await ctx.newPage();
      await page.goto(`${base}/setup`);
      await page.getByLabel('Setup token').waitFor();
      expect(await page.locator('#setup-token-hint').textContent()).toContain('docker logs');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await noHorizontalScroll(page);
      await screenshot(page, name);
      await ctx.close();
    }
  });

  it('a wrong token is refused under its field', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${base}/setup`);
    await fillSetup(page, 'x'.repeat(43));
    await page.getByTestId('token-errors').waitFor();
    expect(await page.getByTestId('token-errors').textContent()).toMatch(
      /wrong or was already used/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'setup-token-refused');
    await ctx.close();
  });

  it('creates the school and its admin, who signs in and creates a teacher', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${base}/setup`);
    await fillSetup(page, token);
    await page.getByTestId('setup-done').waitFor();
    expect(await page.getByTestId('setup-done').textContent()).toContain(
      `Done: sign in as ${ADMIN.email}`,
    );
    await screenshot(page, 'setup-done');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.getByLabel('Email').inputValue()).toBe(ADMIN.email);
    expect(await page.getByTestId('setup-notice').count()).toBe(0);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/admin'));
    await page.getByText(ADMIN.name).first().waitFor();

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Teacher').check();
    await page.locator('#cu-displayName').fill(TEACHER.name);
    await page.locator('#cu-email').fill(TEACHER.email);
    await page.locator('#cu-password').fill(TEACHER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`Created ${TEACHER.name}`).waitFor();
    const row = page.locator('tbody tr', { hasText: TEACHER.email });
    await row.waitFor();
    expect(await row.textContent()).toContain('Teacher');
    await screenshot(page, 'setup-admin-created-teacher');
    await ctx.close();

    const teacherCtx = await newContext(browser);
    const teacherPage = await teacherCtx.newPage();
    await signIn(teacherPage, base, TEACHER.email, TEACHER.password);
    expect(new URL(teacherPage.url()).pathname).toMatch(/^\/teacher/);
    await teacherCtx.close();
  });

  it('afterwards setup says the server is set up, and the token works only once', async () => {
    const status = await api<SetupStatus>(base, 'GET', '/api/v1/setup');
    expect(status.body).toEqual({ needed: false });
    const again = await api(base, 'POST', '/api/v1/setup', {
      body: {
        token,
        academy: { name: 'Second school' },
        admin: { email: 'eve@example.org', displayName: 'Eve', password: 'another-pass' },
      },
    });
    expect(again.status).toBe(409);

    const ctx = await newContext(browser, 390, 844);
    const page = await ctx.newPage();
    await page.goto(`${base}/setup`);
    await page.getByTestId('setup-closed').waitFor();
    expect(await page.locator('h1').textContent()).toContain('already set up');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'setup-closed-390');
    await page.getByRole('link', { name: 'Go to sign-in' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.getByTestId('setup-notice').count()).toBe(0);
    await ctx.close();
  });
});

async function fillSetup(page: Page, token: string): Promise<void> {
  await page.getByLabel('Setup token').fill(token);
  await page.getByLabel('Name of the school').fill('Lycée Victor Hugo');
  await page.getByLabel('Time zone').selectOption('Europe/Paris');
  await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create school and account' }).click();
}
