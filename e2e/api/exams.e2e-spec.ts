/** Exams REST: CRUD with questions, validation, permissions, pagination, lock, GIFT import. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ApiErrorBody,
  ExamSummary,
  ExamView,
  GiftImportResponse,
  Page,
  UserView,
} from '@exam/contracts';
import { DataSource } from 'typeorm';
import { createAcademy, type AcademyFixture } from '../support/fixtures';
import { api, login } from '../support/http';
import { ALL_QUESTIONS, dataCounts, examBody } from '../support/exams';
import { startTestApp, type TestApp } from '../support/test-app';

const GIFT = readFileSync(
  join(__dirname, '../../backend/src/app/exams/domain/testdata/sample.gift'),
  'utf8',
);

describe('exams over REST', () => {
  let t: TestApp;
  let other: AcademyFixture;
  let teacher: string;
  let teacherUser: UserView;
  let admin: string;
  let student: string;
  let otherTeacher: string;
  let studentIds: string[];

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });

  beforeAll(async () => {
    t = await startTestApp();
    other = await createAcademy(t, 'Other School');
    const tl = await login(t.baseUrl, 'teacher@demo.school');
    teacher = tl.accessToken;
    teacherUser = tl.user;
    admin = (await login(t.baseUrl, 'admin@demo.school')).accessToken;
    student = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    otherTeacher = (await login(t.baseUrl, other.teacher)).accessToken;
    const users = await call<Page<UserView>>('GET', '/users?role=student', teacher);
    studentIds = users.body.items.map((u) => u.id);
  });
  afterAll(() => t.close());

  async function createExam(overrides = {}, token = teacher): Promise<ExamView> {
    const r = await call<ExamView>('POST', '/exams', token, examBody(overrides));
    expect(r.status).toBe(201);
    return r.body;
  }

  describe('create and read', () => {
    it('creates an exam with every question type and returns it with keys and ids', async () => {
      const exam = await createExam();
      expect(exam).toMatchObject({
        title: 'Grammar quiz',
        durationMinutes: 30,
        passingScore: 60,
        shuffleOptions: true,
        isActive: true,
        version: 1,
        locked: false,
        authorId: teacherUser.id,
        authorName: teacherUser.displayName,
        questionCount: 8,
        totalPoints: ALL_QUESTIONS.reduce((s, q) => s + q.points, 0),
      });
      expect(exam.questions.map((q) => q.type)).toEqual(ALL_QUESTIONS.map((q) => q.type));
      exam.questions.forEach((q, i) => {
        expect(q.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(q).toMatchObject(ALL_QUESTIONS[i]);
      });
      const got = await call<ExamView>('GET', `/exams/${exam.id}`, admin);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(exam);
    });

    it('stores keys apart from the student-visible question body', async () => {
      const exam = await createExam();
      const ds = t.app.get(DataSource);
      const rows = (await ds.query('SELECT body FROM questions WHERE exam_id = ?', [
        exam.id,
      ])) as Array<{ body: string }>;
      for (const r of rows) {
        expect(r.body).not.toMatch(/correct|weight|accepted|tolerance|gradingNotes/);
      }
      const keys = (await ds.query(
        'SELECT k.key FROM question_keys k JOIN questions q ON q.id = k.question_id WHERE q.exam_id = ?',
        [exam.id],
      )) as Array<{ key: string }>;
      expect(keys).toHaveLength(8);
      expect(keys.map((k) => k.key).join()).toMatch(/correctOptionId/);
    });
  });

  describe('validation', () => {
    it('rejects unknown fields and lists each bad field', async () => {
      const r = await call<ApiErrorBody>('POST', '/exams', teacher, {
        ...examBody(),
        title: '',
        durationMinutes: 0,
        passingScore: 101,
        hacker: true,
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      const fields = (r.body.details as Array<{ field: string }>).map((d) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining(['title', 'durationMinutes', 'passingScore', 'hacker']),
      );
    });

    it('lists every ungradable question with its index and field', async () => {
      const [single, , multiple, shortText, numeric, , ordering, matching] = ALL_QUESTIONS;
      const r = await call<ApiErrorBody>('POST', '/exams', teacher, {
        ...examBody(),
        questions: [
          { ...single, correctOptionId: 'zz' },
          {
            ...multiple,
            options:
              multiple.type === 'multiple_response'
                ? multiple.options.map((o) => ({ ...o, weight: o.weight > 0 ? 10 : o.weight }))
                : [],
          },
          { ...shortText, acceptedAnswers: [] },
          { ...numeric, acceptedAnswers: [{ min: 5, max: 1, creditPercent: 100 }] },
          { ...ordering, correctOrder: ['w1'] },
          { ...matching, correctPairs: { l1: 'r1' } },
          { ...single, type: 'hotspot' },
          { ...single, secret: 1 },
        ],
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      const details = r.body.details as Array<{ field: string; problems: string[] }>;
      const fields = details.map((d) => d.field);
      expect(fields).toEqual([
        'questions[0].correctOptionId',
        'questions[1].options',
        'questions[2].acceptedAnswers',
        'questions[3].acceptedAnswers[0].min',
        'questions[4].correctOrder',
        'questions[5].correctPairs',
        'questions[6].type',
        'questions[7]',
      ]);
      expect(details[0].problems[0]).toMatch(/no correct option/);
      expect(details[7].problems[0]).toMatch(/secret/);
      expect(r.body.message).toMatch(/questions\[0\]\.correctOptionId/);
    });

    it('rejects a non-uuid id with 400 and an unknown one with 404', async () => {
      expect((await call('GET', '/exams/nope', teacher)).status).toBe(400);
      expect(
        (await call('GET', '/exams/00000000-0000-4000-8000-000000000000', teacher)).status,
      ).toBe(404);
    });
  });

  describe('permissions', () => {
    it('students cannot reach exam routes (403)', async () => {
      const exam = await createExam();
      const before = await dataCounts(t);
      for (const [m, p, b] of [
        ['GET', '/exams', undefined],
        ['GET', `/exams/${exam.id}`, undefined],
        ['POST', '/exams', examBody()],
        ['PUT', `/exams/${exam.id}`, examBody()],
        ['POST', `/exams/${exam.id}/duplicate`, {}],
        ['DELETE', `/exams/${exam.id}`, undefined],
        ['POST', '/exams/import/gift', { gift: GIFT }],
      ] as const) {
        const r = await call<ApiErrorBody>(m, p, student, b);
        expect([m, p, r.status, r.body.code]).toEqual([m, p, 403, 'FORBIDDEN']);
      }
      expect(await dataCounts(t)).toEqual(before);
    });

    it('another academy gets 404 for every exam id and nothing changes', async () => {
      const exam = await createExam();
      const before = await dataCounts(t);
      for (const [m, p, b] of [
        ['GET', `/exams/${exam.id}`, undefined],
        ['PUT', `/exams/${exam.id}`, examBody({ title: 'stolen' })],
        ['POST', `/exams/${exam.id}/duplicate`, {}],
        ['DELETE', `/exams/${exam.id}`, undefined],
      ] as const) {
        const r = await call<ApiErrorBody>(m, p, otherTeacher, b);
        expect([m, r.status, r.body.code]).toEqual([m, 404, 'NOT_FOUND']);
      }
      expect(await dataCounts(t)).toEqual(before);
      const list = await call<Page<ExamSummary>>('GET', '/exams?pageSize=100', otherTeacher);
      expect(list.body.items.map((e) => e.id)).not.toContain(exam.id);
      expect((await call<ExamView>('GET', `/exams/${exam.id}`, teacher)).body.title).toBe(
        'Grammar quiz',
      );
    });

    it('without a token: 401', async () => {
      expect((await api(t.baseUrl, 'GET', '/api/v1/exams')).status).toBe(401);
    });
  });

  describe('update, duplicate, delete', () => {
    it('replaces the exam, keeps ids of questions sent back, bumps the version', async () => {
      const exam = await createExam();
      const [first, second] = exam.questions;
      const r = await call<ExamView>('PUT', `/exams/${exam.id}`, teacher, {
        ...examBody({ title: 'Grammar quiz v2', durationMinutes: 45 }),
        version: 1,
        questions: [
          { ...second, prompt: 'Edited prompt' },
          first,
          { type: 'true_false', prompt: 'New one', points: 1, correct: false },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        title: 'Grammar quiz v2',
        durationMinutes: 45,
        version: 2,
        questionCount: 3,
      });
      expect(r.body.questions.map((q) => q.id).slice(0, 2)).toEqual([second.id, first.id]);
      expect(r.body.questions[0].prompt).toBe('Edited prompt');
      expect(r.body.questions[2].id).not.toBe(exam.questions[2].id);
      const ds = t.app.get(DataSource);
      const [{ n }] = (await ds.query(
        'SELECT COUNT(*) AS n FROM question_keys k JOIN questions q ON q.id = k.question_id WHERE q.exam_id = ?',
        [exam.id],
      )) as Array<{ n: number }>;
      expect(Number(n)).toBe(3);
    });

    it('refuses a stale version (409 CONFLICT) and question ids of another exam (400)', async () => {
      const exam = await createExam();
      const otherExam = await createExam();
      const stale = await call<ApiErrorBody>('PUT', `/exams/${exam.id}`, teacher, {
        ...examBody(),
        version: 7,
      });
      expect([stale.status, stale.body.code]).toEqual([409, 'CONFLICT']);
      const foreign = await call<ApiErrorBody>('PUT', `/exams/${exam.id}`, teacher, {
        ...examBody(),
        questions: [otherExam.questions[0]],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.details).toEqual([
        {
          field: 'questions[0].id',
          problems: [`${otherExam.questions[0].id} is not a question of this exam`],
        },
      ]);
    });

    it('duplicates with new ids and the same questions and keys', async () => {
      const exam = await createExam();
      const r = await call<ExamView>('POST', `/exams/${exam.id}/duplicate`, admin, {});
      expect(r.status).toBe(201);
      expect(r.body.id).not.toBe(exam.id);
      expect(r.body.title).toBe('Grammar quiz (copy)');
      expect(r.body.version).toBe(1);
      const strip = (e: ExamView) => e.questions.map(({ id: _id, ...q }) => q);
      expect(strip(r.body)).toEqual(strip(exam));
      expect(r.body.questions.some((q) => exam.questions.some((o) => o.id === q.id))).toBe(false);
      const named = await call<ExamView>('POST', `/exams/${exam.id}/duplicate`, teacher, {
        title: 'Copy B',
      });
      expect(named.body.title).toBe('Copy B');
    });

    it('soft-deletes: gone from reads and lists, row kept', async () => {
      const exam = await createExam({ title: 'To delete' });
      expect((await call('DELETE', `/exams/${exam.id}`, teacher)).status).toBe(204);
      expect((await call('GET', `/exams/${exam.id}`, teacher)).status).toBe(404);
      expect((await call('DELETE', `/exams/${exam.id}`, teacher)).status).toBe(404);
      const list = await call<Page<ExamSummary>>('GET', '/exams?search=To%20delete', teacher);
      expect(list.body.total).toBe(0);
      const ds = t.app.get(DataSource);
      const rows = (await ds.query('SELECT deleted_at FROM exams WHERE id = ?', [
        exam.id,
      ])) as Array<{ deleted_at: number }>;
      expect(Number(rows[0].deleted_at)).toBeGreaterThan(0);
    });
  });

  describe('locked while a session is preparing, active or paused', () => {
    it('answers 409 EXAM_LOCKED to edit and delete, allows duplicate, unlocks when the session ends', async () => {
      const exam = await createExam({ title: 'Locked exam' });
      const s = await call<{ id: string }>('POST', '/exam-sessions', teacher, {
        examId: exam.id,
        studentIds,
      });
      expect(s.status).toBe(201);
      expect((await call<ExamView>('GET', `/exams/${exam.id}`, teacher)).body.locked).toBe(true);
      const before = await dataCounts(t);
      const put = await call<ApiErrorBody>('PUT', `/exams/${exam.id}`, teacher, examBody());
      expect([put.status, put.body.code]).toEqual([409, 'EXAM_LOCKED']);
      expect(put.body.message).toMatch(/cannot be edited: session .* is preparing/);
      const del = await call<ApiErrorBody>('DELETE', `/exams/${exam.id}`, admin);
      expect([del.status, del.body.code]).toEqual([409, 'EXAM_LOCKED']);
      expect(await dataCounts(t)).toEqual(before);
      expect((await call('POST', `/exams/${exam.id}/duplicate`, teacher, {})).status).toBe(201);

      const ds = t.app.get(DataSource);
      for (const status of ['active', 'paused']) {
        await ds.query('UPDATE exam_sessions SET status = ? WHERE id = ?', [status, s.body.id]);
        expect((await call('PUT', `/exams/${exam.id}`, teacher, examBody())).status).toBe(409);
      }
      await ds.query("UPDATE exam_sessions SET status = 'completed' WHERE id = ?", [s.body.id]);
      const ok = await call<ExamView>(
        'PUT',
        `/exams/${exam.id}`,
        teacher,
        examBody({ title: 'Unlocked' }),
      );
      expect(ok.status).toBe(200);
      expect(ok.body.locked).toBe(false);
      expect((await call('DELETE', `/exams/${exam.id}`, teacher)).status).toBe(204);
    });
  });

  describe('list', () => {
    let adminAuthored: ExamView;
    beforeAll(async () => {
      for (let i = 1; i <= 5; i++) await createExam({ title: `Paging ${i}` });
      await createExam({ title: 'Paging inactive', isActive: false });
      adminAuthored = await createExam({ title: 'Paging by admin' }, admin);
    });

    it('paginates with a stable total', async () => {
      const p1 = await call<Page<ExamSummary>>(
        'GET',
        '/exams?search=paging&page=1&pageSize=3',
        teacher,
      );
      const p2 = await call<Page<ExamSummary>>(
        'GET',
        '/exams?search=paging&page=2&pageSize=3',
        teacher,
      );
      const p3 = await call<Page<ExamSummary>>(
        'GET',
        '/exams?search=paging&page=3&pageSize=3',
        teacher,
      );
      expect([p1.body.total, p1.body.page, p1.body.pageSize]).toEqual([7, 1, 3]);
      expect(p1.body.items).toHaveLength(3);
      expect(p2.body.items).toHaveLength(3);
      expect(p3.body.items).toHaveLength(1);
      const ids = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((e) => e.id);
      expect(new Set(ids).size).toBe(7);
      expect(p1.body.items[0]).not.toHaveProperty('questions');
      expect(p1.body.items[0]).toMatchObject({ questionCount: 8, locked: false });
    });

    it('filters by active and author, searches the title case-insensitively', async () => {
      const inactive = await call<Page<ExamSummary>>(
        'GET',
        '/exams?search=PAGING&active=false',
        teacher,
      );
      expect(inactive.body.items.map((e) => e.title)).toEqual(['Paging inactive']);
      const active = await call<Page<ExamSummary>>(
        'GET',
        '/exams?search=paging&active=true',
        teacher,
      );
      expect(active.body.total).toBe(6);
      const byAdmin = await call<Page<ExamSummary>>(
        'GET',
        `/exams?search=paging&authorId=${adminAuthored.authorId}`,
        teacher,
      );
      expect(byAdmin.body.items.map((e) => e.title)).toEqual(['Paging by admin']);
      const pct = await call<Page<ExamSummary>>('GET', '/exams?search=%25', teacher);
      expect(pct.body.total).toBe(0);
    });

    it('includes the seeded English Assessment, locked by its preparing session', async () => {
      const r = await call<Page<ExamSummary>>('GET', '/exams?search=English%20Assessment', teacher);
      expect(r.body.items).toEqual([
        expect.objectContaining({
          title: 'English Assessment',
          durationMinutes: 60,
          questionCount: 25,
          locked: true,
        }),
      ]);
    });

    it('rejects bad query values, listing them', async () => {
      const r = await call<ApiErrorBody>(
        'GET',
        '/exams?page=0&pageSize=1000&active=maybe&authorId=x&extra=1',
        teacher,
      );
      expect(r.status).toBe(400);
      expect((r.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
        'active',
        'authorId',
        'extra',
        'page',
        'pageSize',
      ]);
    });
  });

  describe('GIFT import', () => {
    it('imports a GIFT file as JSON and reports what it could not take', async () => {
      const r = await call<GiftImportResponse>('POST', '/exams/import/gift', teacher, {
        gift: GIFT,
        title: 'From Moodle',
        durationMinutes: 20,
      });
      expect(r.status).toBe(201);
      expect(r.body.exam).toMatchObject({
        title: 'From Moodle',
        durationMinutes: 20,
        questionCount: 12,
      });
      expect(new Set(r.body.exam.questions.map((q) => q.type))).toEqual(
        new Set([
          'single_choice',
          'multiple_response',
          'true_false',
          'short_text',
          'numeric',
          'essay',
          'matching',
        ]),
      );
      expect(r.body.report).toMatchObject({ found: 15, imported: 12, texts: 1 });
      // The description after the last question is a text shown after it.
      expect(r.body.exam.texts).toEqual([
        { id: expect.any(String), beforeQuestion: 12, text: 'This line is only a description.' },
      ]);
      expect(
        r.body.report.skipped.map((s) => [s.line, s.column, s.code, s.reason.split(':')[0]]),
      ).toEqual([
        [35, undefined, 'INVALID', 'invalid after mapping'],
        [37, 48, 'SYNTAX', 'parse error at line 37, column 48'],
      ]);
      // Moodle's question name and category are the question's name and tag.
      expect(r.body.exam.questions[0]).toMatchObject({ name: 'Form', tags: ['english/grammar'] });
      expect(r.body.report.dropped).toEqual([]);
    });

    it('reads GIFT as Moodle does: colons, = in HTML, scientific notation, numeric feedback, * wildcards, a BOM', async () => {
      const gift = [
        '\uFEFF::Clock:: When does a day start? {=00:00 ~12:00}',
        '[html]<p style="color:red">Which colour?</p>{=red ~blue}',
        'Metres in 1.5 km? {#1.5e3:10}',
        'Pi? {#3.14:0.01#Good}',
        'A French town ending in "ville". {=%100%*ville}',
      ].join('\n\n');
      const asJson = await call<GiftImportResponse>('POST', '/exams/import/gift', teacher, {
        gift,
      });
      expect(asJson.status).toBe(201);
      expect(asJson.body.report).toMatchObject({ found: 5, imported: 5, skipped: [] });
      const qs = asJson.body.exam.questions;
      expect(qs[0]).toMatchObject({ options: [{ text: '00:00' }, { text: '12:00' }] });
      expect(qs[1]).toMatchObject({ prompt: '<p style="color:red">Which colour?</p>' });
      expect(qs[2]).toMatchObject({ acceptedAnswers: [{ value: 1500, tolerance: 10 }] });
      expect(qs[3]).toMatchObject({ acceptedAnswers: [{ value: 3.14, tolerance: 0.01 }] });
      expect(qs[4]).toMatchObject({ wildcards: true, acceptedAnswers: [{ text: '*ville' }] });

      const asText = await api<GiftImportResponse>(
        t.baseUrl,
        'POST',
        '/api/v1/exams/import/gift?title=BOM',
        { token: teacher, rawBody: gift, headers: { 'content-type': 'text/plain; charset=utf-8' } },
      );
      expect(asText.status).toBe(201);
      expect(asText.body.report).toMatchObject({ found: 5, imported: 5, skipped: [] });
    });

    it('accepts the GIFT text as text/plain with title in the query', async () => {
      const r = await api<GiftImportResponse>(
        t.baseUrl,
        'POST',
        '/api/v1/exams/import/gift?title=Plain&durationMinutes=15',
        {
          token: teacher,
          rawBody: '::Sky:: The sky is blue. {T}\n\n::Two:: One plus one? {#2}',
          headers: { 'content-type': 'text/plain' },
        },
      );
      expect(r.status).toBe(201);
      expect(r.body.exam).toMatchObject({ title: 'Plain', durationMinutes: 15, questionCount: 2 });
    });

    it('fails as a whole with 400 IMPORT_FAILED and the parser location; nothing stored', async () => {
      const before = await dataCounts(t);
      const r = await call<ApiErrorBody>('POST', '/exams/import/gift', teacher, {
        gift: '::A:: broken {=a ~b',
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('IMPORT_FAILED');
      expect(r.body.message).toMatch(/line 1, column \d+/);
      expect(r.body.details).toMatchObject({ line: 1 });
      const none = await call<ApiErrorBody>('POST', '/exams/import/gift', teacher, {
        gift: 'Only a description.',
      });
      expect([none.status, none.body.code]).toEqual([400, 'IMPORT_FAILED']);
      expect(none.body.message).toMatch(/only descriptions .*no question/);
      expect(await dataCounts(t)).toEqual(before);
    });

    it('when every question fails, IMPORT_FAILED carries each one with its line and column', async () => {
      const before = await dataCounts(t);
      const gift = readFileSync(
        join(
          __dirname,
          '../../backend/src/app/exams/domain/testdata/gift-corpus/own-all-broken.gift',
        ),
        'utf8',
      );
      const r = await call<ApiErrorBody>('POST', '/exams/import/gift', teacher, { gift });
      expect([r.status, r.body.code]).toEqual([400, 'IMPORT_FAILED']);
      expect(r.body.message).toMatch(/none of its 4 question\(s\) parses.*line 1, column 52/);
      const details = r.body.details as {
        line: number;
        column: number;
        report: { skipped: unknown[] };
      };
      expect(details).toMatchObject({ line: 1, column: 52 });
      expect(details.report.skipped).toEqual([
        expect.objectContaining({ index: 1, line: 1, column: 52, code: 'SYNTAX' }),
        expect.objectContaining({ index: 2, line: 3, column: 53, code: 'SYNTAX' }),
        expect.objectContaining({ index: 3, line: 5, column: 42, code: 'SYNTAX' }),
        expect.objectContaining({ index: 4, line: 7, column: 26, code: 'SYNTAX' }),
      ]);
      expect(await dataCounts(t)).toEqual(before);
    });

    it('validates the JSON body (unknown fields, missing gift)', async () => {
      const r = await call<ApiErrorBody>('POST', '/exams/import/gift', teacher, {
        title: 'x',
        foo: 1,
      });
      expect(r.status).toBe(400);
      expect((r.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
        'foo',
        'gift',
      ]);
    });
  });
});
