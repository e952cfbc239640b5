/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), a fresh profile per run, screenshots under e2e/screenshots/, and an axe-core
 * check for accessibility violations.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './server-process';

export const SCREENSHOT_DIR = join(ROOT, 'e2e/screenshots');

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** Browsers this test file launched: the test environment looks at their pages on a failure. */
const openBrowsers = ((globalThis as { __examOpenBrowsers?: Set<Browser> }).__examOpenBrowsers ??=
  new Set<Browser>());

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

export async function newContext(
  browser: Browser,
  width = 1280,
  height = 800,
): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the login form and waits for the role's area. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = 'demo1234',
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page and returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() runs through DevTools, so the app's CSP (script-src 'self') does not block it.
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * One person's own browser: a new context (closed with the others in `contexts` at the end of
 * the spec), a page, signed in.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  contexts: BrowserContext[],
  width = 1280,
  height = 800,
): Promise<Page> {
  const ctx = await newContext(browser, width, height);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await signIn(page, baseUrl, email);
  return page;
}
