/**
 * Questions out and in over HTTP: the GIFT export of an exam imported back through the GIFT
 * import, and QTI 3 content packages exported and imported; who may download an exam with its
 * keys (teachers and admins of its academy, never students), and bad packages refused with a
 * stable code and nothing stored.
 */
import type {
  ApiErrorBody,
  ExamView,
  GiftImportResponse,
  QtiImportResponse,
  QuestionDefinition,
} from '@exam/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  ORDERINGS_RAW,
  TRICKY_RAW,
  giftCarries,
  qtiCarries,
} from '../../backend/src/app/exams/domain/exchange-fixtures.spec-helper';
import { ALL } from '../../backend/src/app/exams/domain/fixtures.spec-helper';
import { createAcademy } from '../support/fixtures';
import { api, login } from '../support/http';
import { dataCounts, examBody } from '../support/exams';
import { startTestApp, type TestApp } from '../support/test-app';

const withoutId = ({ id: _id, ...q }: QuestionDefinition & { id?: string }) =>
  q as QuestionDefinition;

describe('questions in and out', () => {
  let t: TestApp;
  let teacher: string;
  let admin: string;
  let student: string;
  let otherTeacher: string;
  let exam: ExamView;
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });
  const download = (path: string, token: string) =>
    fetch(`${t.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestApp();
    teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    admin = (await login(t.baseUrl, 'admin@demo.school')).accessToken;
    student = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    const other = await createAcademy(t, 'Exchange elsewhere', 1, 0);
    otherTeacher = (await login(t.baseUrl, other.teacher)).accessToken;
    const created = await call<ExamView>(
      'POST',
      '/exams',
      teacher,
      examBody({
        title: 'Prüfung: "Grammar" 1/2',
        questions: [...ALL, ...TRICKY_RAW, ...ORDERINGS_RAW] as QuestionDefinition[],
      }),
    );
    expect(created.status).toBe(201);
    exam = created.body;
  });
  afterAll(() => t.close());

  describe('GIFT export', () => {
    it('is a UTF-8 text attachment named after the exam', async () => {
      const r = await download(`/exams/${exam.id}/export/gift`, teacher);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(r.headers.get('content-disposition')).toBe(
        'attachment; filename="prufung-grammar-1-2.gift"',
      );
      expect(r.headers.get('cache-control')).toBe('no-store');
      const text = await r.text();
      expect(text).toMatch(/^\/\/ "Prüfung: "Grammar" 1\/2": 23 question\(s\), exported /);
      expect(text).toContain('Ærøskøbing, 東京, עברית, 😀');
    });

    it('imports back through the GIFT import as the same exam, but for what GIFT cannot carry', async () => {
      const r = await download(`/exams/${exam.id}/export/gift`, admin);
      expect(r.status).toBe(200);
      const gift = await r.text();
      const back = await api<GiftImportResponse>(
        t.baseUrl,
        'POST',
        '/api/v1/exams/import/gift?title=Back%20from%20GIFT',
        { token: teacher, rawBody: gift, headers: { 'content-type': 'text/plain' } },
      );
      expect(back.status).toBe(201);
      const kept = exam.questions.filter((q) => q.type !== 'ordering');
      expect(back.body.report).toMatchObject({
        found: kept.length,
        imported: kept.length,
        skipped: [],
      });
      // What GIFT carries, stored the same way (the server fills defaults such as
      // caseSensitive: false on both).
      const expected = await call<ExamView>(
        'POST',
        '/exams',
        teacher,
        examBody({ questions: kept.map((q) => giftCarries(withoutId(q))) }),
      );
      expect(expected.status).toBe(201);
      expect(back.body.exam.questions.map(withoutId)).toEqual(
        expected.body.questions.map(withoutId),
      );
    });

    it('is refused to students (403) and to another academy (404), an unknown id is 404', async () => {
      const path = `/exams/${exam.id}/export/gift`;
      const s = await call<ApiErrorBody>('GET', path, student);
      expect([s.status, s.body.code]).toEqual([403, 'FORBIDDEN']);
      const o = await call<ApiErrorBody>('GET', path, otherTeacher);
      expect([o.status, o.body.code]).toEqual([404, 'NOT_FOUND']);
      const u = await call<ApiErrorBody>(
        'GET',
        '/exams/00000000-0000-4000-8000-000000000000/export/gift',
        teacher,
      );
      expect([u.status, u.body.code]).toEqual([404, 'NOT_FOUND']);
      const anon = await api<ApiErrorBody>(t.baseUrl, 'GET', `/api/v1${path}`);
      expect(anon.status).toBe(401);
      const bad = await call<ApiErrorBody>('GET', '/exams/not-a-uuid/export/gift', teacher);
      expect(bad.status).toBe(400);
    });
  });

  describe('QTI 3 packages', () => {
    const KENNISNET = join(
      __dirname,
      '../../backend/src/app/exams/domain/testdata/qti/kennisnet-no-max-score-all-items.zip',
    );
    const upload = (body: Uint8Array, token: string, query = '', type = 'application/zip') =>
      fetch(`${t.baseUrl}/api/v1/exams/import/qti${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body: new Uint8Array(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));

    it('exports a zip attachment holding the manifest, the test and one item per question', async () => {
      const r = await download(`/exams/${exam.id}/export/qti`, teacher);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/zip');
      expect(r.headers.get('content-disposition')).toBe(
        'attachment; filename="prufung-grammar-1-2.zip"',
      );
      const files = unzipSync(new Uint8Array(await r.arrayBuffer()));
      expect(Object.keys(files).sort()).toEqual(
        [
          'imsmanifest.xml',
          'assessment-test.xml',
          ...exam.questions.map((_, i) => `items/item-${String(i + 1).padStart(3, '0')}.xml`),
        ].sort(),
      );
    });

    it('imports back through POST /exams/import/qti as the same exam, but for what QTI cannot carry', async () => {
      const zip = new Uint8Array(
        await (await download(`/exams/${exam.id}/export/qti`, admin)).arrayBuffer(),
      );
      const back = await upload(zip, teacher);
      expect(back.status).toBe(201);
      const res = back.body as QtiImportResponse;
      expect(res.report).toEqual({
        found: exam.questions.length,
        imported: exam.questions.length,
        texts: 0,
        skipped: [],
        dropped: [],
      });
      expect(res.exam.title).toBe(exam.title);
      const expected = await call<ExamView>(
        'POST',
        '/exams',
        teacher,
        examBody({ questions: exam.questions.map((q) => qtiCarries(withoutId(q))) }),
      );
      expect(expected.status).toBe(201);
      expect(res.exam.questions.map(withoutId)).toEqual(expected.body.questions.map(withoutId));
    });

    it('imports a real package (Kennisnet) with the report of what it could not take', async () => {
      const r = await upload(
        new Uint8Array(readFileSync(KENNISNET)),
        teacher,
        '?title=Biologie&durationMinutes=20',
      );
      expect(r.status).toBe(201);
      const res = r.body as QtiImportResponse;
      expect(res.exam).toMatchObject({ title: 'Biologie', durationMinutes: 20, questionCount: 4 });
      expect(res.report).toMatchObject({ found: 10, imported: 4, texts: 1 });
      expect(res.report.skipped.map((x) => x.code)).toEqual([
        'UNSUPPORTED',
        'UNSUPPORTED',
        'UNSUPPORTED',
        'UNSUPPORTED',
        'UNSUPPORTED',
      ]);
      // Its "info item" is a text before the last question.
      expect(res.exam.texts).toEqual([
        expect.objectContaining({ beforeQuestion: 3, format: 'html', name: 'Spijsvertering' }),
      ]);
    });

    it('refuses bad packages with a stable problem code and stores nothing', async () => {
      const before = await dataCounts(t);
      const problem = async (body: Uint8Array) => {
        const r = await upload(body, teacher);
        const e = r.body as ApiErrorBody & { details: { problem: string } };
        return [r.status, e.code, e.details?.problem];
      };
      expect(await problem(strToU8('not a zip, just some text here'))).toEqual([
        400,
        'IMPORT_FAILED',
        'NOT_A_ZIP',
      ]);
      expect(await problem(zipSync({ '../../etc/passwd.xml': strToU8('<a/>') }))).toEqual([
        400,
        'IMPORT_FAILED',
        'UNSAFE_PATH',
      ]);
      // 64 MB of spaces compress to about 64 KB; the import stops after 20 MB.
      const bomb = zipSync({ 'imsmanifest.xml': new Uint8Array(64 * 1024 * 1024).fill(32) });
      expect(await problem(bomb)).toEqual([400, 'IMPORT_FAILED', 'TOO_LARGE']);
      expect(await problem(zipSync({ 'readme.txt': strToU8('hello') }))).toEqual([
        400,
        'IMPORT_FAILED',
        'NO_MANIFEST',
      ]);
      const manifestOnly = zipSync({
        'imsmanifest.xml': strToU8(
          '<manifest><resources><resource identifier="a" type="imsqti_item_xmlv3p0" href="a.xml"/></resources></manifest>',
        ),
      });
      const none = await upload(manifestOnly, teacher);
      expect(none.status).toBe(400);
      expect(none.body).toMatchObject({
        code: 'IMPORT_FAILED',
        details: { problem: 'NO_QUESTIONS', report: { found: 1, imported: 0 } },
      });
      const big = await upload(new Uint8Array(11 * 1024 * 1024), teacher);
      expect([big.status, (big.body as ApiErrorBody).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const json = await call<ApiErrorBody>('POST', '/exams/import/qti', teacher, { zip: 'x' });
      expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(await dataCounts(t)).toEqual(before);
    });

    it('is refused to students (403) and another academy cannot export (404)', async () => {
      const zip = new Uint8Array(
        await (await download(`/exams/${exam.id}/export/qti`, teacher)).arrayBuffer(),
      );
      const before = await dataCounts(t);
      const s = await call<ApiErrorBody>('GET', `/exams/${exam.id}/export/qti`, student);
      expect([s.status, s.body.code]).toEqual([403, 'FORBIDDEN']);
      const imp = await upload(zip, student);
      expect([imp.status, (imp.body as ApiErrorBody).code]).toEqual([403, 'FORBIDDEN']);
      const o = await call<ApiErrorBody>('GET', `/exams/${exam.id}/export/qti`, otherTeacher);
      expect([o.status, o.body.code]).toEqual([404, 'NOT_FOUND']);
      expect(await dataCounts(t)).toEqual(before);
    });
  });

  it('counts nothing stored by a download', async () => {
    const before = await dataCounts(t);
    await (await download(`/exams/${exam.id}/export/gift`, teacher)).text();
    expect(await dataCounts(t)).toEqual(before);
  });
});
