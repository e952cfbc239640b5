/**
 * A newcomer's first minutes: the built app, served by the built server, in Chromium.
 * The demo teacher and a demo student sign in and land in their areas; screenshots are saved.
 */
import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';

describe('sign-in in a real browser', () => {
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

  it('shows the login page without serious accessibility violations', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel(/email/i).waitFor();
    await screenshot(page, 'login');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('a wrong password shows the server message and stays on the login page', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel(/email/i).fill('teacher@demo.school');
    await page.getByLabel(/password/i).fill('wrong-password');
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.getByText(/email or password is wrong/i).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-error');
    await ctx.close();
  });

  it('the demo teacher signs in, lands in the teacher area and can sign out', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'teacher@demo.school');
    expect(new URL(page.url()).pathname).toMatch(/^\/teacher/);
    await page.getByText('Tom Teacher').first().waitFor();
    await screenshot(page, 'teacher-home');
    await page.getByRole('button', { name: /sign out|log out/i }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await ctx.close();
  });

  it('a demo student signs in and lands in the student area, also on a 320 px screen', async () => {
    const ctx = await newContext(browser, 320, 640);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'student1@demo.school');
    expect(new URL(page.url()).pathname).toMatch(/^\/student/);
    await page.getByText('Sam Student').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'student-home-320');
    await ctx.close();
  });

  it('a student cannot open the teacher area', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'student2@demo.school');
    await page.goto(`${server.baseUrl}/teacher`);
    await page.waitForURL((u) => !u.pathname.startsWith('/teacher'));
    expect(new URL(page.url()).pathname).toMatch(/^\/(student|login|forbidden)/);
    await ctx.close();
  });

  it('the admin signs in and sees the academy users', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, 'admin@demo.school');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin/);
    await page.getByText('admin@demo.school').first().waitFor();
    // The demo class fills more than a page: search finds the others.
    await page.getByLabel('Search name or email').fill('student3');
    await page.getByText('student3@demo.school').first().waitFor();
    await screenshot(page, 'admin-users');
    await ctx.close();
  });
});
