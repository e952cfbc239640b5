/**
 * Texts between questions (Moodle's descriptions) over REST and WebSocket: stored with the
 * exam in shown order, HTML cleaned, checked with the questions (nothing half-stored), kept
 * on update and duplicate, carried by the GIFT export and import, and sent to the student
 * with each text placed by the question it comes before, also in a shuffled order.
 */
import type {
  ApiErrorBody,
  ExamLaunchPayload,
  ExamSessionView,
  ExamView,
  GiftImportResponse,
  Page,
  StudentSnapshot,
  UserView,
  ValidationIssue,
} from '@exam/contracts';
import { DataSource } from 'typeorm';
import { api, login } from '../support/http';
import { dataCounts, examBody } from '../support/exams';
import { joined } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const essay = (prompt: string) => ({ type: 'essay', prompt, points: 1 });
const QUESTIONS = [essay('Q1'), essay('Q2'), essay('Q3'), essay('Q4'), essay('Q5'), essay('Q6')];
const TEXTS = [
  {
    beforeQuestion: 0,
    format: 'html',
    name: 'SECRETNAME',
    text: '<h2>Part 1</h2><p>Read <b>this</b>.</p><script>alert(1)</script><img src="x" onerror="alert(1)">',
  },
  { beforeQuestion: 3, format: 'markdown', text: '## Part 2\n\n<script>alert(2)</script>' },
  { beforeQuestion: 6, text: 'The end.\nCheck your answers.' },
  // Listed after the end text but shown first at its place: texts come back in shown order.
  { beforeQuestion: 0, text: 'Second text before Q1' },
];

describe('texts between questions', () => {
  let t: TestApp;
  let teacher: string;
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });
  const create = (body: unknown) => call<ExamView>('POST', '/exams', teacher, body);

  beforeAll(async () => {
    t = await startTestApp();
    teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
  });
  afterAll(() => t.close());

  it('stores them in shown order with their HTML cleaned, and counts no points for them', async () => {
    const created = await create(examBody({ questions: QUESTIONS, texts: TEXTS } as never));
    expect(created.status).toBe(201);
    const { texts } = created.body;
    expect(texts.map((x) => [x.beforeQuestion, x.text.slice(0, 12)])).toEqual([
      [0, '<h2>Part 1</'],
      [0, 'Second text '],
      [3, '## Part 2\n\n<'],
      [6, 'The end.\nChe'],
    ]);
    expect(texts[0]).toEqual({
      id: expect.any(String),
      beforeQuestion: 0,
      format: 'html',
      name: 'SECRETNAME',
      text: '<h2>Part 1</h2><p>Read <b>this</b>.</p>',
    });
    // Markdown is kept as written (raw HTML in it is shown as text by the pages).
    expect(texts[2]).toMatchObject({ format: 'markdown' });
    expect(texts[3]).not.toHaveProperty('format');
    expect(created.body).toMatchObject({ questionCount: 6, totalPoints: 6 });
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT text FROM exam_texts WHERE exam_id = ? ORDER BY position', [
        created.body.id,
      ])) as Array<{ text: string }>;
    expect(rows).toHaveLength(4);
    expect(rows[0].text).not.toMatch(/script|onerror/);
  });

  it('refuses bad texts together with bad questions, field by field, and stores nothing', async () => {
    const before = await dataCounts(t);
    const bad = await create(
      examBody({
        questions: [essay('Q1'), { type: 'essay', prompt: '', points: 1 }],
        texts: [
          { beforeQuestion: 3, text: 'too far' },
          { beforeQuestion: 0, text: '   ' },
          { beforeQuestion: -1, text: 'x', colour: 'red' },
          { beforeQuestion: 0, format: 'html', text: '<script>only this</script>' },
        ],
      } as never),
    );
    expect(bad.status).toBe(400);
    const body = bad.body as unknown as ApiErrorBody;
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = (body.details as ValidationIssue[]).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'questions[1].prompt',
        'texts[0].beforeQuestion',
        'texts[1].text',
        'texts[2].beforeQuestion',
        'texts[2]',
        'texts[3].text',
      ]),
    );
    const tooFar = (body.details as ValidationIssue[]).find(
      (d) => d.field === 'texts[0].beforeQuestion',
    );
    expect(tooFar?.problems[0]).toMatch(/at most 2/);
    const notList = await create(examBody({ texts: 'intro' } as never));
    expect(notList.status).toBe(400);
    expect(await dataCounts(t)).toEqual(before);
  });

  it('keeps ids on update, refuses another exam’s text id, and copies texts on duplicate', async () => {
    const a = (await create(examBody({ questions: QUESTIONS, texts: TEXTS } as never))).body;
    const b = (await create(examBody({ questions: QUESTIONS, texts: TEXTS } as never))).body;
    const kept = a.texts[1];
    const updated = await call<ExamView>('PUT', `/exams/${a.id}`, teacher, {
      ...examBody({ questions: a.questions, version: a.version } as never),
      texts: [{ ...kept, beforeQuestion: 2, text: 'Moved' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.texts).toEqual([{ id: kept.id, beforeQuestion: 2, text: 'Moved' }]);
    const foreign = await call<ApiErrorBody>('PUT', `/exams/${a.id}`, teacher, {
      ...examBody({ questions: a.questions } as never),
      texts: [{ ...b.texts[0] }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/text ids do not belong to this exam/);
    const copy = await call<ExamView>('POST', `/exams/${b.id}/duplicate`, teacher, {});
    expect(copy.status).toBe(201);
    const strip = (x: ExamView['texts']) => x.map(({ id: _id, ...rest }) => rest);
    expect(strip(copy.body.texts)).toEqual(strip(b.texts));
    expect(copy.body.texts.map((x) => x.id)).not.toContain(b.texts[0].id);
    // Without `texts` an update removes them (the body replaces the whole exam).
    const cleared = await call<ExamView>('PUT', `/exams/${b.id}`, teacher, {
      ...examBody({ questions: b.questions } as never),
    });
    expect(cleared.body.texts).toEqual([]);
  });

  it('goes out and back in through GIFT as descriptions', async () => {
    const exam = (await create(examBody({ questions: QUESTIONS, texts: TEXTS } as never))).body;
    const gift = await fetch(`${t.baseUrl}/api/v1/exams/${exam.id}/export/gift`, {
      headers: { authorization: `Bearer ${teacher}` },
    }).then((r) => r.text());
    expect(gift).toContain('::SECRETNAME::[html]<h2>Part 1');
    const back = await call<GiftImportResponse>('POST', '/exams/import/gift', teacher, { gift });
    expect(back.status).toBe(201);
    expect(back.body.report).toMatchObject({ imported: 6, texts: 4, skipped: [] });
    const strip = (x: ExamView['texts']) => x.map(({ id: _id, ...rest }) => rest);
    expect(strip(back.body.exam.texts)).toEqual(strip(exam.texts));
  });

  it('sends students each text with the question it comes before, in their shuffled order', async () => {
    const exam = (
      await create(
        examBody({ questions: QUESTIONS, texts: TEXTS, shuffleQuestions: true } as never),
      )
    ).body;
    const students = (await call<Page<UserView>>('GET', '/users?role=student', teacher)).body.items;
    const session = await call<ExamSessionView>('POST', '/exam-sessions', teacher, {
      examId: exam.id,
      title: 'Texts',
      studentIds: [students[0].id],
      durationMinutes: 30,
    });
    const sid = session.body.id;
    const tSock = await joined(t, teacher, sid);
    const sTok = (await login(t.baseUrl, students[0].email)).accessToken;
    const sSock = await joined(t, sTok, sid);
    const before = await api<StudentSnapshot>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/snapshot`,
      { token: sTok },
    );
    expect(before.body.texts).toEqual([]);
    tSock.send('exam_launch', { sessionId: sid });
    const launch = await sSock.next<ExamLaunchPayload>('exam_launch');
    const promptOf = new Map(launch.data.questions!.map((q) => [q.id, q.prompt]));
    const placed = launch.data.texts!.map((x) => [
      x.beforeQuestionId === null ? 'end' : promptOf.get(x.beforeQuestionId),
      x.text.slice(0, 9),
    ]);
    expect(placed).toEqual([
      ['Q1', '<h2>Part '],
      ['Q1', 'Second te'],
      ['Q4', '## Part 2'],
      ['end', 'The end.\n'],
    ]);
    const snap = await api<StudentSnapshot>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/snapshot`,
      { token: sTok },
    );
    expect(snap.body.texts).toEqual(launch.data.texts);
    // A text's name is for teachers only.
    expect(JSON.stringify(sSock.frames) + JSON.stringify(snap.body)).not.toMatch(/SECRETNAME/);
    tSock.close();
    sSock.close();
  });
});
