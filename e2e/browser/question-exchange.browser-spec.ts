/**
 * Questions in and out through the teacher's screens (issue 17), in real Chromium: a Moodle
 * XML question bank imported from a file with its report (what was not taken, what imported
 * questions left out), the imported exam opened, its questions downloaded as a GIFT file and
 * as a QTI 3 package, and that package imported again as a new exam with the same questions.
 * Screenshots at 1280 x 800 and 390 x 844.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ExamView } from '@exam/contracts';
import { launchBrowser, screenshot, seriousA11yViolations, signedInPage } from '../support/browser';
import { startBrowserServer, type BrowserServer } from '../support/browser-server';
import { T, token } from '../support/exam-page';
import { api } from '../support/http';

const CORPUS = join(__dirname, '../../backend/src/app/exams/domain/testdata/moodle-xml');

describe('question import and export in the browser', () => {
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

  const open = (): Promise<Page> => signedInPage(browser, base, 'teacher@demo.school', contexts);

  it('imports Moodle XML, downloads GIFT and QTI 3, and imports the package again', async () => {
    const t = await open();
    await t.goto(`${base}/teacher/exams`);
    await t.getByRole('button', { name: 'Import questions' }).click();
    await t.getByLabel('Format').selectOption('moodle-xml');
    await t.getByLabel('Moodle XML file').setInputFiles(join(CORPUS, 'own-every-type.xml'));
    await t.getByLabel('Exam title').fill('Moodle bank');
    await t.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = t.getByTestId('import-summary');
    await summary.waitFor(T);
    expect(await summary.innerText()).toMatch(/Imported \d+ of \d+ questions into “Moodle bank”/);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await screenshot(t, 'import-moodle-xml-report');

    await summary.getByRole('link', { name: 'Open the imported exam' }).click();
    await t.getByRole('heading', { name: 'Edit exam' }).waitFor(T);
    const [gift] = await Promise.all([
      t.waitForEvent('download'),
      t.getByTestId('download-gift').click(),
    ]);
    expect(gift.suggestedFilename()).toBe('moodle-bank.gift');
    const giftText = readFileSync((await gift.path())!, 'utf8');
    expect(giftText).toContain('::Flag colours::');
    const [qti] = await Promise.all([
      t.waitForEvent('download'),
      t.getByTestId('download-qti').click(),
    ]);
    expect(qti.suggestedFilename()).toBe('moodle-bank.zip');
    const qtiPath = (await qti.path())!;
    expect(readFileSync(qtiPath).subarray(0, 2).toString()).toBe('PK');
    await screenshot(t, 'exam-downloads');

    // The package, imported again through the same screen, gives the same questions.
    await t.goto(`${base}/teacher/exams`);
    await t.getByRole('button', { name: 'Import questions' }).click();
    await t.getByLabel('Format').selectOption('qti');
    await t.getByLabel('QTI 3 package').setInputFiles(qtiPath);
    await t.getByLabel('Exam title').fill('Back from QTI');
    await t.getByRole('button', { name: 'Import', exact: true }).click();
    await t.getByTestId('import-summary').filter({ hasText: 'Back from QTI' }).waitFor(T);
    const teacher = await token(base, 'teacher@demo.school');
    const list = await api<{ items: Array<{ id: string; title: string }> }>(
      base,
      'GET',
      '/api/v1/exams?search=Moodle%20bank',
      { token: teacher },
    );
    const again = await api<{ items: Array<{ id: string; title: string }> }>(
      base,
      'GET',
      '/api/v1/exams?search=Back%20from%20QTI',
      { token: teacher },
    );
    const [a, b] = await Promise.all(
      [list.body.items[0].id, again.body.items[0].id].map(
        async (id) =>
          (await api<ExamView>(base, 'GET', `/api/v1/exams/${id}`, { token: teacher })).body,
      ),
    );
    expect(b.questions.map((q) => [q.type, q.points])).toEqual(
      a.questions.map((q) => [q.type, q.points]),
    );
    await t.setViewportSize({ width: 390, height: 844 });
    await screenshot(t, 'import-qti-report-390');
  });
});
