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
  QuestionDefinition,
} from '@exam/contracts';
import {
  TRICKY_RAW,
  giftCarries,
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
        questions: [...ALL, ...TRICKY_RAW] as QuestionDefinition[],
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
      expect(text).toMatch(/^\/\/ "Prüfung: "Grammar" 1\/2": 21 question\(s\), exported /);
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

  it('counts nothing stored by a download', async () => {
    const before = await dataCounts(t);
    await (await download(`/exams/${exam.id}/export/gift`, teacher)).text();
    expect(await dataCounts(t)).toEqual(before);
  });
});
