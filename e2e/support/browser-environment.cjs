/**
 * The browser tests' Jest environment: Node's, plus what a failed browser test leaves behind
 * for whoever reads the CI log. When a test (or a hook) fails, every page still open in a
 * browser the test launched (e2e/support/browser.ts registers them) is photographed to
 * e2e/screenshots/failures/ and its address and visible text are printed, so a failure on a
 * machine nobody can look at still says what the user would have seen.
 */
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

const DIR = join(__dirname, '..', 'screenshots', 'failures');
const TEXT_LIMIT = 2_000;

class BrowserTestEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const browsers = this.global.__examOpenBrowsers;
    if (!browsers || browsers.size === 0) return;
    const name = (event.test?.name ?? event.hook?.type ?? 'hook').replace(/[^\w-]+/g, '-');
    let n = 0;
    for (const browser of browsers) {
      for (const context of browser.contexts()) {
        for (const page of context.pages()) {
          n += 1;
          await describePage(page, `${name.slice(0, 80)}-${n}`);
        }
      }
    }
  }
}

async function describePage(page, name) {
  const lines = [`\n--- page ${name} at the failure: ${page.url()}`];
  try {
    mkdirSync(DIR, { recursive: true });
    const file = join(DIR, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    lines.push(`screenshot: ${file}`);
    const text = await page.evaluate(() => document.body.innerText);
    lines.push(text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text);
  } catch (e) {
    lines.push(`(could not look at the page: ${e instanceof Error ? e.message : String(e)})`);
  }
  process.stderr.write(`${lines.join('\n')}\n---\n`);
}

module.exports = BrowserTestEnvironment;
