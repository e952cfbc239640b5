/**
 * Moodle XML import over HTTP: a file with every question type becomes an exam with a report,
 * keeping names, categories and tags, feedback and per-answer credit; its embedded images (in
 * feedback too) are stored and served back byte for byte (SVG and oversize files refused), XSS
 * inside the XML's HTML never reaches the stored questions, and malformed XML, an
 * entity-expansion attempt or a student's call store nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiErrorBody, ExamView, MoodleXmlImportResponse } from '@exam/contracts';
import { DataSource } from 'typeorm';
import { gradeAnswer } from '../../backend/src/app/exams/domain/grading';
import { api, login } from '../support/http';
import { dataCounts } from '../support/exams';
import { createTestDatabase, PG_URL, type TestDatabase } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';

const CORPUS = join(__dirname, '../../backend/src/app/exams/domain/testdata/moodle-xml');
const corpus = (name: string) => readFileSync(join(CORPUS, name), 'utf8');
const MEDIA_URL = /\/api\/v1\/media\/([0-9a-f-]{36})/g;

/** A valid PNG of about `bytes` bytes (an uncompressed-looking payload after the signature). */
function pngOf(bytes: number): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, Buffer.alloc(bytes - sig.length, 7)]);
}

function quizWithImage(file: string, data: Buffer, prompt = 'Look:'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>With ${file}</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>${prompt} <img src="@@PLUGINFILE@@/${file}" alt="pic"></p>]]></text>
      <file name="${file}" path="/" encoding="base64">${data.toString('base64')}</file>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>`;
}

describe('Moodle XML import', () => {
  let t: TestApp;
  let teacher: string;
  let student: string;
  const importJson = <T>(body: unknown, token = teacher) =>
    api<T>(t.baseUrl, 'POST', '/api/v1/exams/import/moodle-xml', { token, body });
  const getMedia = (path: string) => fetch(`${t.baseUrl}${path}`);

  beforeAll(async () => {
    t = await startTestApp();
    teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    student = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
  });
  afterAll(() => t.close());

  it('imports a file with every question type and reports what it did not take', async () => {
    const r = await importJson<MoodleXmlImportResponse>({
      xml: corpus('own-every-type.xml'),
      title: 'From Moodle',
      durationMinutes: 25,
    });
    expect(r.status).toBe(201);
    const { exam, report } = r.body;
    expect(exam).toMatchObject({ title: 'From Moodle', durationMinutes: 25, questionCount: 11 });
    expect(exam.questions.map((q) => q.type)).toEqual([
      'single_choice',
      'multiple_response',
      'true_false',
      'short_text',
      'numeric',
      'essay',
      'matching',
      'ordering',
      'ordering',
      'single_choice',
      'single_choice',
    ]);
    expect(exam.questions[0]).toMatchObject({
      format: 'html',
      points: 2,
      name: 'Flag colours',
      tags: ['top/Own/Every type', 'flags', 'colours'],
      generalFeedback: '<p>Red, as the picture shows.</p>',
      negativeMarkPercent: 25,
      options: [
        { id: 'a', text: '<b>Red</b>', feedback: 'Yes.' },
        { id: 'b', text: 'Blue' },
        { id: 'c', text: 'Green &amp; &lt;i&gt;white&lt;/i&gt;' },
      ],
    });
    // "Close enough": a one-answer question with partial credit, graded as Moodle grades it.
    const close = exam.questions[9];
    expect(close).toMatchObject({
      name: 'Close enough',
      correctOptionId: 'a',
      options: [
        { id: 'a', text: 'best' },
        { id: 'b', text: 'good', creditPercent: 50 },
      ],
    });
    expect(gradeAnswer(close, { optionId: 'b' }).score).toBe(0.5);
    expect(exam.questions[2]).toMatchObject({ name: 'Sun', feedbackTrue: 'No.' });
    expect(exam.questions[4]).toMatchObject({
      unit: 'm',
      acceptedAnswers: [
        { value: 1500, tolerance: 10, creditPercent: 100 },
        { value: 1500, tolerance: 100, creditPercent: 50 },
      ],
    });
    expect(exam.questions[5]).toMatchObject({
      format: 'markdown',
      maxWords: 300,
      gradingNotes: 'Look for past tenses.',
    });
    expect(report).toMatchObject({ found: 17, imported: 11, texts: 1, images: 3 });
    // The description "Read this first" is a text before the question that follows it.
    expect(exam.texts).toEqual([
      expect.objectContaining({ name: 'Read this first', format: 'html' }),
    ]);
    expect(report.skipped.map((s) => [s.line, s.moodleType, s.code])).toEqual([
      [242, 'cloze', 'UNSUPPORTED'],
      [251, 'calculated', 'UNSUPPORTED'],
      [260, 'random', 'UNSUPPORTED'],
      [297, 'multichoice', 'INVALID'],
      [309, 'ddmarker', 'UNSUPPORTED'],
    ]);
    // What the question now holds is no longer reported; what it has no field for still is.
    expect(report.dropped[0]).toEqual({
      index: 1,
      line: 10,
      title: 'Flag colours',
      parts: [
        { part: 'idnumber', detail: 'ID number "flag-1"' },
        {
          part: 'feedback',
          detail:
            'feedback for correct, partially correct and incorrect responses (3 of 3 written)',
        },
      ],
    });
    const files = report.dropped.find((d) => d.title === 'Files');
    expect(files?.parts.filter((p) => p.part === 'files').map((p) => p.detail)).toEqual([
      '"hello.mp3" is not a PNG, JPEG, GIF or WebP image (SVG and other files are refused); the link was removed',
      '"logo.svg" is not a PNG, JPEG, GIF or WebP image (SVG and other files are refused); the image was removed',
      'image "missing.png" is missing from the file; the image was removed',
      'file "unused.png" is attached but not used in the text; not kept',
    ]);
    // What GET /exams/:id returns is what the import returned.
    const again = await api<ExamView>(t.baseUrl, 'GET', `/api/v1/exams/${exam.id}`, {
      token: teacher,
    });
    expect(again.body.questions).toEqual(exam.questions);
  });

  it('stores embedded images and serves the same bytes with their type', async () => {
    const r = await importJson<MoodleXmlImportResponse>({ xml: corpus('own-every-type.xml') });
    expect(r.status).toBe(201);
    const urls = [...JSON.stringify(r.body.exam.questions).matchAll(MEDIA_URL)].map((m) => m[0]);
    expect(urls).toHaveLength(3);
    const xml = corpus('own-every-type.xml');
    const red = /<file name="red flag.png" path="\/" encoding="base64">([^<]+)</.exec(xml)?.[1];
    const flag = exam0Url(r.body.exam);
    const res = await getMedia(flag);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(red ?? '', 'base64'));
    const gif = await getMedia(urls[1]);
    expect([gif.status, gif.headers.get('content-type')]).toEqual([200, 'image/gif']);
    // No bearer token is needed (an <img> sends none); an unknown id is 404, a bad one 400.
    expect((await getMedia('/api/v1/media/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getMedia('/api/v1/media/not-a-uuid')).status).toBe(400);
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT mime, size FROM question_media WHERE id = ?', [flag.slice(-36)])) as Array<{
      mime: string;
      size: number;
    }>;
    expect(rows).toEqual([{ mime: 'image/png', size: Buffer.from(red ?? '', 'base64').length }]);
  });

  it('keeps names, tags, feedback with its images and own credits, and serves the feedback images', async () => {
    const r = await importJson<MoodleXmlImportResponse>({ xml: corpus('own-feedback.xml') });
    expect(r.status).toBe(201);
    const { exam, report } = r.body;
    expect(report).toMatchObject({ found: 6, imported: 6, images: 2, skipped: [] });
    const [australia, flag, oceans, water, ocean, everest] = exam.questions;
    const media = (s: string | undefined) => [...(s ?? '').matchAll(MEDIA_URL)].map((m) => m[0]);
    expect(australia).toMatchObject({
      name: 'Capital of Australia',
      tags: ['top/Shared/Geography', 'capitals', 'oceania', 'unit 3'],
      points: 2,
      correctOptionId: 'a',
      generalFeedback: expect.stringMatching(
        /^<p>Canberra was built as a compromise\. <img src="\/api\/v1\/media\/[0-9a-f-]{36}" alt="map" \/><\/p>$/,
      ),
      options: [
        { id: 'a', text: 'Canberra', feedback: expect.stringMatching(/^<p>Right\. <img src=/) },
        {
          id: 'b',
          text: 'Sydney',
          feedback: 'The largest city, not the capital.',
          creditPercent: 50,
        },
        { id: 'c', text: 'Perth', feedback: 'Far &lt;west&gt;.', creditPercent: -25 },
        { id: 'd', text: 'Auckland' },
      ],
    });
    // Options without their own credit cost nothing (the stored exam reads the absent mark as 0).
    expect(australia).toMatchObject({ negativeMarkPercent: 0 });
    expect(
      ['a', 'b', 'c', 'd'].map((optionId) => gradeAnswer(australia, { optionId }).score),
    ).toEqual([2, 1, -0.5, 0]);
    expect(flag).toMatchObject({
      options: [{ id: 'a' }, { id: 'b', creditPercent: 100 }, { id: 'c' }, { id: 'd' }],
    });
    expect(oceans).toMatchObject({
      type: 'multiple_response',
      options: [
        { feedback: 'An ocean.' },
        { text: 'Arctic' },
        { feedback: 'A <b>lake</b> called a sea.' },
      ],
    });
    expect(water).toMatchObject({
      format: 'markdown',
      generalFeedback: 'At 1013 hPa.',
      feedbackTrue: 'Yes, **right**.',
      feedbackFalse: 'No: it does.',
    });
    expect(ocean).toMatchObject({
      acceptedAnswers: [
        { text: 'Pacific', feedback: expect.stringMatching(/^<p>Yes\. <img /) },
        { text: 'Pacific Ocean', creditPercent: 50, feedback: 'Just "Pacific" was asked for.' },
      ],
    });
    expect(everest).toMatchObject({
      acceptedAnswers: [
        { value: 8849, feedback: 'As measured in 2020.' },
        { value: 8848, feedback: 'The older figure.' },
      ],
    });
    // The map in the general feedback and the one in the short answer's feedback are one
    // stored image; the tick in the option's feedback another. Each is served as it was.
    const map = media(australia.generalFeedback);
    expect(media(ocean.type === 'short_text' ? ocean.acceptedAnswers[0].feedback : '')).toEqual(
      map,
    );
    const tick = media(australia.type === 'single_choice' ? australia.options[0].feedback : '');
    const xml = corpus('own-feedback.xml');
    const bytes = (name: string) =>
      Buffer.from(
        new RegExp(`<file name="${name}" path="/" encoding="base64">([^<]+)<`).exec(xml)?.[1] ?? '',
        'base64',
      );
    for (const [url, name, mime] of [
      [map[0], 'map.png', 'image/png'],
      [tick[0], 'tick.gif', 'image/gif'],
    ]) {
      const res = await getMedia(url);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, mime]);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes(name));
    }
    expect(report.dropped.map((d) => [d.title, d.parts.map((p) => p.part)])).toEqual([
      ['Oceans', ['feedback', 'hints']],
      ['Boiling water', ['idnumber']],
      ['Largest ocean', ['zero_credit_answers']],
      ['Everest', ['zero_credit_answers']],
    ]);
    const again = await api<ExamView>(t.baseUrl, 'GET', `/api/v1/exams/${exam.id}`, {
      token: teacher,
    });
    expect(again.body.questions).toEqual(exam.questions);
  });

  it('accepts the XML itself as application/xml, with the exam fields in the query', async () => {
    const png = pngOf(600);
    const r = await api<MoodleXmlImportResponse>(
      t.baseUrl,
      'POST',
      '/api/v1/exams/import/moodle-xml?title=Raw%20XML&durationMinutes=15&passingScore=70',
      {
        token: teacher,
        rawBody: quizWithImage('pic.png', png),
        headers: { 'content-type': 'application/xml; charset=utf-8' },
      },
    );
    expect(r.status).toBe(201);
    expect(r.body.exam).toMatchObject({
      title: 'Raw XML',
      durationMinutes: 15,
      passingScore: 70,
      questionCount: 1,
    });
    const res = await getMedia(exam0Url(r.body.exam));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    const asText = await api<MoodleXmlImportResponse>(
      t.baseUrl,
      'POST',
      '/api/v1/exams/import/moodle-xml',
      {
        token: teacher,
        rawBody: quizWithImage('pic.png', png),
        headers: { 'content-type': 'text/xml' },
      },
    );
    expect(asText.status).toBe(201);
  });

  it('refuses SVG and oversize images: the <img> goes, the report says why, nothing of them is stored', async () => {
    const before = (await dataCounts(t)).question_media;
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    );
    const asSvg = await importJson<MoodleXmlImportResponse>({ xml: quizWithImage('x.svg', svg) });
    expect(asSvg.status).toBe(201);
    expect(asSvg.body.exam.questions[0].prompt).toBe('<p>Look: </p>');
    expect(asSvg.body.report.dropped[0].parts).toContainEqual({
      part: 'files',
      detail:
        '"x.svg" is not a PNG, JPEG, GIF or WebP image (SVG and other files are refused); the image was removed',
    });
    // An SVG named .png is still an SVG: the bytes decide.
    const disguised = await importJson<MoodleXmlImportResponse>({
      xml: quizWithImage('x.png', svg),
    });
    expect(disguised.body.report.images).toBe(0);
    const big = await importJson<MoodleXmlImportResponse>({
      xml: quizWithImage('big.png', pngOf(600 * 1024)),
    });
    expect(big.status).toBe(201);
    expect(big.body.report.images).toBe(0);
    expect(big.body.report.dropped[0].parts).toContainEqual({
      part: 'files',
      detail: '"big.png" is 600 KB, over the 512 KB an image may have; the image was removed',
    });
    expect((await dataCounts(t)).question_media).toBe(before);
  });

  it('removes XSS payloads from the HTML texts of the XML', async () => {
    const r = await importJson<MoodleXmlImportResponse>({ xml: corpus('own-xss.xml') });
    expect(r.status).toBe(201);
    const [choice, matching, ordering] = r.body.exam.questions;
    expect(choice.prompt).toMatch(
      /^<p>Which <strong>one<\/strong>\?<\/p><img src="\/api\/v1\/media\/[0-9a-f-]{36}" alt="ok" \/><a target="_blank" rel="noopener noreferrer">link<\/a>$/,
    );
    expect(choice).toMatchObject({
      options: [
        { id: 'a', text: '<em>safe</em>' },
        { id: 'b', text: 'other' },
      ],
    });
    expect(matching).toMatchObject({
      prompt: 'Match these',
      left: [{ text: '<u>H</u>' }, { text: 'O' }],
      // The right-hand side is plain text in Moodle: shown as text, never as markup.
      right: [{ text: '&lt;b onmouseover="alert(9)"&gt;Hydrogen&lt;/b&gt;' }, { text: 'Oxygen' }],
    });
    expect(ordering).toMatchObject({
      items: [{ text: '<sup>1</sup>' }, { text: '<sub>2</sub>' }],
    });
    // No tag, handler or URL scheme that runs script is stored anywhere.
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT prompt, body FROM questions WHERE exam_id = ?', [r.body.exam.id])) as Array<{
      prompt: string;
      body: string;
    }>;
    const stored = JSON.stringify(rows);
    expect(stored).not.toMatch(
      /<script|<svg|<iframe|<object|<style|javascript:|onerror|onclick|onload/i,
    );
  });

  it('refuses malformed XML with where it breaks, and stores nothing', async () => {
    const before = await dataCounts(t);
    const r = await importJson<ApiErrorBody>({ xml: corpus('own-broken.xml') });
    expect([r.status, r.body.code]).toEqual([400, 'IMPORT_FAILED']);
    expect(r.body.message).toMatch(/not well-formed XML \(line 6, column 51\).*import again/);
    expect(r.body.details).toEqual({ line: 6, column: 51 });
    const notMoodle = await importJson<ApiErrorBody>({ xml: '<html><body>hi</body></html>' });
    expect([notMoodle.status, notMoodle.body.code]).toEqual([400, 'IMPORT_FAILED']);
    expect(notMoodle.body.message).toMatch(/root element is <html>/);
    const nothing = await importJson<ApiErrorBody>({
      xml: corpus('moodle-type-ddwtos.moodle.xml'),
    });
    expect([nothing.status, nothing.body.code]).toEqual([400, 'IMPORT_FAILED']);
    expect(nothing.body.details).toMatchObject({
      line: 12,
      report: {
        found: 1,
        imported: 0,
        skipped: [{ code: 'UNSUPPORTED', moodleType: 'gapselect' }],
      },
    });
    expect(await dataCounts(t)).toEqual(before);
  });

  it('refuses an entity-expansion attempt before parsing, and stores nothing', async () => {
    const before = await dataCounts(t);
    const started = Date.now();
    const r = await importJson<ApiErrorBody>({ xml: corpus('own-entity-bomb.xml') });
    expect([r.status, r.body.code]).toEqual([400, 'IMPORT_FAILED']);
    expect(r.body.message).toMatch(/DOCTYPE or entity declaration/);
    expect(r.body.details).toEqual({ line: 3, column: 1 });
    expect(Date.now() - started).toBeLessThan(2000);
    // An external entity is refused the same way.
    const external = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/exams/import/moodle-xml', {
      token: teacher,
      rawBody:
        '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz><question type="essay"><questiontext><text>&x;</text></questiontext></question></quiz>',
      headers: { 'content-type': 'application/xml' },
    });
    expect([external.status, external.body.code]).toEqual([400, 'IMPORT_FAILED']);
    expect(JSON.stringify(external.body)).not.toMatch(/root:/);
    expect(await dataCounts(t)).toEqual(before);
  });

  it('refuses a body over 1 MB with 413, and other content types with 415', async () => {
    const huge = `<quiz>${' '.repeat(1024 * 1024 + 10)}</quiz>`;
    const raw = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/exams/import/moodle-xml', {
      token: teacher,
      rawBody: huge,
      headers: { 'content-type': 'application/xml' },
    });
    expect([raw.status, raw.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const form = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/exams/import/moodle-xml', {
      token: teacher,
      rawBody: 'xml=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([form.status, form.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('a student cannot import, and nothing changes', async () => {
    const before = await dataCounts(t);
    const r = await importJson<ApiErrorBody>({ xml: corpus('own-every-type.xml') }, student);
    expect([r.status, r.body.code]).toEqual([403, 'FORBIDDEN']);
    const raw = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/exams/import/moodle-xml', {
      token: student,
      rawBody: corpus('own-every-type.xml'),
      headers: { 'content-type': 'application/xml' },
    });
    expect(raw.status).toBe(403);
    const anonymous = await importJson<ApiErrorBody>({ xml: corpus('own-every-type.xml') }, '');
    expect(anonymous.status).toBe(401);
    expect(await dataCounts(t)).toEqual(before);
  });
});

(PG_URL ? describe : describe.skip)('Moodle XML import on PostgreSQL (TEST_POSTGRES_URL)', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('exam_moodle');
    t = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('stores images as bytea and serves the same bytes', async () => {
    const teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    const png = pngOf(3000);
    const r = await api<MoodleXmlImportResponse>(
      t.baseUrl,
      'POST',
      '/api/v1/exams/import/moodle-xml',
      {
        token: teacher,
        body: { xml: quizWithImage('pg.png', png) },
      },
    );
    expect(r.status).toBe(201);
    const url = exam0Url(r.body.exam);
    const res = await fetch(`${t.baseUrl}${url}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    const [row] = await db.query<{ type: string; size: number }>(
      'SELECT pg_typeof(bytes)::text AS type, size FROM question_media WHERE id = $1',
      [url.slice(-36)],
    );
    expect(row).toEqual({ type: 'bytea', size: 3000 });
  });
});

/** The first media URL of an exam's first question. */
function exam0Url(exam: ExamView): string {
  const m = /\/api\/v1\/media\/[0-9a-f-]{36}/.exec(exam.questions[0].prompt);
  if (!m) throw new Error(`no image in ${exam.questions[0].prompt}`);
  return m[0];
}
