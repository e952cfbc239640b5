/**
 * Formatted questions in real Chromium (issue 17): a GIFT file with an `[html]` question (as
 * Moodle exports anything written in its editor, with XSS payloads in it), a `[markdown]`
 * question and a plain one is imported; the student sees formatted text (bold, emphasis,
 * lists, an image), never markup as text and never a script; the plain question keeps its
 * line breaks; the teacher's editor offers the format, shows each question's name and tags
 * and filters by tag; after release, the student's full review shows the feedback for what
 * they answered and for everyone. Descriptions are texts between questions: the student reads
 * them before their question (and after the last), the teacher adds, moves and saves one.
 * Screenshots at 1280 x 800 and 390 x 844.
 */
import type {
  ExamSessionView,
  ExamView,
  GiftImportResponse,
  StudentSnapshot,
} from '@exam/contracts';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { goTo, T, token } from '../support/exam-page';
import { api, login } from '../support/http';

const GIFT = [
  '$CATEGORY: $course$/Geography',
  '',
  '::Part 1::[markdown]## Part 1\\: Geography\\n\\nLook at the **map** before you answer.',
  '',
  '// [tag:capitals]',
  '::Capital::[html]<p dir="ltr" style="text-align: left;">Which city is the <strong>capital</strong>',
  'of <span style="color: rgb(0, 0, 255);">France</span>?</p>',
  '<ul><li>It is on the <em>Seine</em></li><li>It has the Louvre</li></ul>',
  '<p>Its area is about <math><mn>105</mn><mspace width="0.2em"></mspace><msup><mi>km</mi><mn>2</mn></msup></math>.</p>',
  '<p><img src="https://example.invalid/map.png" alt="A map of France" onerror="window.__xss=1">',
  '<script>window.__xss=2</script><a href="javascript:window.__xss=3">more</a></p>',
  '{=<b>Paris</b>#<em>Yes</em>, on the Seine. ~Lyon#Lyon is the third city. ~<i>Nice</i>',
  '####<p>Paris has been the capital since <b>987</b>.</p>}',
  '',
  '::Planets::[markdown]Which planet is the **largest**?\\n\\n- it is a *gas giant*\\n- it has a red spot\\n\\n<img src\\=x onerror\\=window.__xss\\=4>{',
  '  =Jupiter',
  '  ~Mars',
  '}',
  '',
  '$CATEGORY: $course$/Reading',
  '',
  '::Lines::Plain text keeps its lines\\:\\nfirst line\\nsecond line <b>not bold</b>{TRUE#Read it again.#Well read.}',
  '',
  'That is all. Check your answers, then hand in.',
  '',
].join('\n');

describe('formatted questions in the browser', () => {
  const suite = browserSuite();
  let base: string;
  let teacherToken: string;
  let examId: string;
  let sessionId: string;

  beforeAll(async () => {
    base = suite.base;
    teacherToken = await token(base, 'teacher@demo.school');
    const imported = await fetch(`${base}/api/v1/exams/import/gift?title=Formatted%20quiz`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacherToken}`, 'content-type': 'text/plain' },
      body: GIFT,
    });
    const body = (await imported.json()) as GiftImportResponse;
    expect(imported.status).toBe(201);
    expect(body.report).toMatchObject({ imported: 3, texts: 2 });
    examId = body.exam.id;
    const student = (await login(base, 'student1@demo.school')).user.id;
    const r = await api<ExamSessionView>(base, 'POST', '/api/v1/exam-sessions', {
      token: teacherToken,
      body: { examId, title: 'Formatted quiz', studentIds: [student], durationMinutes: 30 },
    });
    expect(r.status).toBe(201);
    sessionId = r.body.id;
  });

  const open = suite.open;

  it('shows the student formatted text, safely, and plain text with its line breaks', async () => {
    const s = await open('student1@demo.school');
    await s.goto(`${base}/student/sessions/${sessionId}`);
    await s.getByTestId('lobby').waitFor(T);
    const launch = await api(base, 'POST', `/api/v1/exam-sessions/${sessionId}/launch`, {
      token: teacherToken,
      body: {},
    });
    expect(launch.status).toBe(200);
    await s.getByRole('heading', { name: 'Question 1 of 3' }).waitFor(T);

    // The description before question 1: a formatted text with no answer.
    const before = s.getByTestId('exam-text');
    await before.getByRole('heading', { name: 'Part 1: Geography' }).waitFor(T);
    expect(await before.locator('strong', { hasText: 'map' }).count()).toBe(1);
    expect(await before.count()).toBe(1);

    // The HTML question: formatting as formatting, no markup as text, nothing run.
    const prompt = s.getByTestId('question').locator('.prompt');
    await prompt.locator('strong', { hasText: 'capital' }).waitFor(T);
    expect(await prompt.locator('li').allInnerTexts()).toEqual([
      'It is on the Seine',
      'It has the Louvre',
    ]);
    expect(await prompt.locator('em').innerText()).toBe('Seine');
    // MathML stays a formula (Chromium lays out <msup> as a superscript).
    const sup = prompt.locator('math msup');
    expect(await sup.count()).toBe(1);
    const letters = await sup.locator('mi').boundingBox();
    const power = await sup.locator('mn').boundingBox();
    expect(power!.y).toBeLessThan(letters!.y);
    const img = prompt.locator('img');
    expect(await img.getAttribute('alt')).toBe('A map of France');
    expect(await img.getAttribute('onerror')).toBeNull();
    expect(await prompt.locator('script').count()).toBe(0);
    expect(await prompt.locator('a').getAttribute('href')).toBeNull();
    const text = await prompt.innerText();
    expect(text).not.toMatch(/<p|<strong|&nbsp;|<span/);
    // The options are formatted too, and still answer by clicking their label.
    const paris = s.getByRole('radio', { name: 'Paris' });
    await paris.check();
    expect(await s.getByTestId('question').locator('label b', { hasText: 'Paris' }).count()).toBe(
      1,
    );
    expect(await s.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'formatted-html-question');

    // The Markdown question: rendered, and its raw HTML shown as text; no text before it.
    await goTo(s, 2, 3);
    expect(await s.getByTestId('exam-text').count()).toBe(0);
    await prompt.locator('strong', { hasText: 'largest' }).waitFor(T);
    expect(await prompt.locator('li').allInnerTexts()).toEqual([
      'it is a gas giant',
      'it has a red spot',
    ]);
    expect(await prompt.locator('img').count()).toBe(0);
    expect(await prompt.innerText()).toContain('<img src=x onerror=window.__xss=4>');
    await screenshot(s, 'formatted-markdown-question');

    // The plain question: its line breaks on screen, its tags as text.
    await goTo(s, 3, 3);
    await prompt.locator('.rt-plain').waitFor(T);
    expect(await prompt.locator('b').count()).toBe(0);
    const lines = await prompt.evaluate((el) => (el as HTMLElement).innerText.split('\n'));
    expect(lines).toEqual([
      'Plain text keeps its lines:',
      'first line',
      'second line <b>not bold</b>',
    ]);
    // After the last question: the closing text.
    await s.getByTestId('exam-text').filter({ hasText: 'That is all.' }).waitFor(T);
    await screenshot(s, 'text-after-last-question');
    expect(await s.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    await goTo(s, 1, 3);
    await s.setViewportSize({ width: 390, height: 844 });
    await prompt.locator('strong', { hasText: 'capital' }).waitFor(T);
    await screenshot(s, 'formatted-html-question-390');
    await s.evaluate(() => window.scrollTo(0, 0));
    await screenshot(s, 'text-before-question-390');
  });

  it('lets the teacher choose the format in the editor and previews it', async () => {
    const t = await open('teacher@demo.school', 1280, 900);
    await t.goto(`${base}/teacher/exams/${examId}`);
    const format = t.getByLabel('Text written as').first();
    await format.waitFor(T);
    expect(await format.inputValue()).toBe('html');
    // The imported descriptions: a text before question 1 and one after the last.
    const texts = t.getByTestId('text-editor');
    expect(await texts.count()).toBe(2);
    await texts
      .first()
      .getByRole('heading', { name: /Text before question 1/ })
      .waitFor(T);
    expect(await texts.first().getByLabel('Written as').inputValue()).toBe('markdown');
    expect(
      await texts
        .first()
        .getByLabel(/Name \(only you/)
        .inputValue(),
    ).toBe('Part 1');
    await texts
      .nth(1)
      .getByRole('heading', { name: /Text after the last question/ })
      .waitFor(T);
    expect(await t.getByLabel('Text written as').nth(1).inputValue()).toBe('markdown');
    expect(await t.getByLabel('Text written as').nth(2).inputValue()).toBe('plain');
    expect(
      await t
        .getByLabel(/Name \(for you/)
        .first()
        .inputValue(),
    ).toBe('Capital');
    expect(
      await t
        .getByLabel(/Tags \(separate/)
        .first()
        .inputValue(),
    ).toBe('Geography, capitals');
    // Only the questions of one tag; the others are kept.
    await t.getByTestId('tag-filter').selectOption('Reading');
    await t.getByTestId('tag-filter-status').filter({ hasText: 'Showing 1 of 3' }).waitFor(T);
    expect(await t.getByLabel('Text written as').count()).toBe(1);
    expect(await t.getByLabel(/Name \(for you/).inputValue()).toBe('Lines');
    await screenshot(t, 'formatted-editor-tag-filter');
    await t.getByTestId('tag-filter').selectOption('');
    expect(await seriousA11yViolations(t)).toEqual([]);
    await screenshot(t, 'formatted-editor');
    await t.setViewportSize({ width: 390, height: 844 });
    await screenshot(t, 'formatted-editor-390');
  });

  it('shows the student the feedback for what they answered, after release', async () => {
    const s = await open('student1@demo.school');
    // Over REST: question 1 answered Lyon, question 3 (true) answered false.
    const studentToken = await token(base, 'student1@demo.school');
    const snap = await api<StudentSnapshot>(
      base,
      'GET',
      `/api/v1/exam-sessions/${sessionId}/snapshot`,
      { token: studentToken },
    );
    const byType = (type: string) => snap.body.questions.find((q) => q.type === type)!.id;
    const answer = (questionId: string, value: unknown, seq: number) =>
      api(base, 'POST', `/api/v1/exam-sessions/${sessionId}/answers`, {
        token: studentToken,
        body: { questionId, answer: value, key: `fb-${seq}-answer`, seq: 100 + seq },
      });
    const capital = snap.body.questions.find((q) => q.prompt.includes('capital'))!.id;
    expect((await answer(capital, { optionId: 'b' }, 1)).status).toBe(200);
    expect((await answer(byType('true_false'), { value: false }, 2)).status).toBe(200);
    for (const [what, body] of [
      ['complete', {}],
      ['release', { mode: 'full_review' }],
    ] as const) {
      const r = await api(
        base,
        what === 'release' ? 'PUT' : 'POST',
        `/api/v1/exam-sessions/${sessionId}/${what}`,
        {
          token: teacherToken,
          body,
        },
      );
      expect(r.status).toBeLessThan(300);
    }
    await s.goto(`${base}/student/results/${sessionId}`);
    const feedback = s.getByTestId('q-feedback');
    await feedback.first().waitFor(T);
    // Question 1: Lyon's own feedback, then the general feedback, formatted.
    const first = feedback.filter({ hasText: 'Lyon is the third city.' });
    await first.waitFor(T);
    expect(await first.locator('b', { hasText: '987' }).count()).toBe(1);
    // Question 3: answered false (wrong) on a true statement: "Read it again."
    await feedback.filter({ hasText: 'Read it again.' }).waitFor(T);
    expect(await s.getByText('Well read.').count()).toBe(0);
    expect(await seriousA11yViolations(s)).toEqual([]);
    await screenshot(s, 'feedback-review');
    await s.setViewportSize({ width: 390, height: 844 });
    await screenshot(s, 'feedback-review-390');
  });
});

describe('texts between questions in the editor', () => {
  const suite = browserSuite();
  const open = suite.open;
  let base: string;

  beforeAll(async () => {
    base = suite.base;
  });

  it('adds a text, moves it before a question by keyboard, saves it and previews it', async () => {
    const teacher = await token(base, 'teacher@demo.school');
    const created = await api<{ id: string }>(base, 'POST', '/api/v1/exams', {
      token: teacher,
      body: {
        title: 'Reading',
        durationMinutes: 20,
        questions: ['One', 'Two', 'Three'].map((p) => ({ type: 'essay', prompt: p, points: 1 })),
      },
    });
    expect(created.status).toBe(201);
    const t = await open('teacher@demo.school', 1280, 900);
    await t.goto(`${base}/teacher/exams/${created.body.id}`);
    await t.getByTestId('add-text').click();
    const card = t.getByTestId('text-editor');
    await card.getByRole('heading', { name: /Text after the last question/ }).waitFor(T);
    // An empty text is named before anything is sent.
    await t.getByRole('button', { name: 'Save changes' }).click();
    await t
      .getByTestId('editor-summary-list')
      .getByText('Text after the last question: type the text, or delete it.')
      .waitFor(T);
    // Focus went to the text on adding it: type there, then move it with the keyboard.
    await card.getByLabel('Text shown to students').fill('## The passage\n\nRead it twice.');
    await card.getByLabel('Written as').selectOption('markdown');
    const up = card.getByRole('button', { name: 'Move text after the last question up' });
    await up.focus();
    await t.keyboard.press('Enter');
    await card.getByRole('heading', { name: /Text before question 3/ }).waitFor(T);
    await card.getByRole('button', { name: 'Move text before question 3 up' }).press('Enter');
    await card.getByRole('heading', { name: /Text before question 2/ }).waitFor(T);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await screenshot(t, 'text-editor');
    await t.getByRole('button', { name: 'Save changes' }).click();
    await t.getByTestId('editor-notice').filter({ hasText: 'Saved' }).waitFor(T);
    const saved = await api<ExamView>(base, 'GET', `/api/v1/exams/${created.body.id}`, {
      token: teacher,
    });
    expect(saved.body.texts).toEqual([
      {
        id: expect.any(String),
        beforeQuestion: 1,
        text: '## The passage\n\nRead it twice.',
        format: 'markdown',
      },
    ]);
    // The preview shows it as students will: a heading before question 2.
    await t.getByRole('button', { name: 'Preview as a student' }).click();
    await t.getByRole('heading', { name: 'The passage' }).waitFor(T);
    await t.setViewportSize({ width: 390, height: 844 });
    await screenshot(t, 'text-preview-390');
  });
});
