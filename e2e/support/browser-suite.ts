/**
 * One browser suite's start-up and tear-down: the built server with demo data and a Chromium,
 * started before the suite's own beforeAll hooks (register it first, at the top of the
 * describe) and closed after it, with every browser context the suite opened.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signedInPage } from './browser';
import { startBrowserServer, type BrowserServer } from './browser-server';

export interface BrowserSuite {
  /** The server's address ("http://127.0.0.1:PORT"), once started. */
  readonly base: string;
  readonly browser: Browser;
  /** A new browser profile signed in as `email`, at this viewport. */
  open(email: string, width?: number, height?: number): Promise<Page>;
}

export function browserSuite(): BrowserSuite {
  let server: BrowserServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser) throw new Error('the browser suite has not started yet');
    return { server, browser };
  };
  return {
    get base() {
      return started().server.baseUrl;
    },
    get browser() {
      return started().browser;
    },
    open: (email, width = 1280, height = 800) =>
      signedInPage(started().browser, started().server.baseUrl, email, contexts, width, height),
  };
}
