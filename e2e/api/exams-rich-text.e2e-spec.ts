/**
 * Formatted question text over REST and WebSocket: HTML is cleaned on the way in (XSS
 * payloads in every field never reach a teacher or a student), Markdown and plain text are
 * kept as written, and the format reaches the student's view of the question.
 */
import type {
  ApiErrorBody,
  ExamLaunchPayload,
  ExamSessionView,
  ExamView,
  Page,
  UserView,
  ValidationIssue,
} from '@exam/contracts';
import { DataSource } from 'typeorm';
import { api, login } from '../support/http';
import { examBody } from '../support/exams';
import { joined } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const XSS = [
  '<script>alert("x")</script>',
  '<img src="https://example.org/a.png" onerror="alert(1)">',
  '<a href="javascript:alert(1)">link</a>',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<iframe src="https://evil.example"></iframe>',
].join('');
const DANGER = /script|onerror|javascript|svg|onload|iframe|evil|alert/i;

describe('formatted question text', () => {
  let t: TestApp;
  let teacher: string;
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });

  beforeAll(async () => {
    t = await startTestApp();
    teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
  });
  afterAll(() => t.close());

  it('cleans HTML in every field on the way in and shows students the same', async () => {
    const questions = [
      {
        type: 'single_choice',
        format: 'html',
        prompt: `<p>Which is <strong>largest</strong>?</p>${XSS}`,
        points: 1,
        options: [
          { id: 'a', text: `<em>Jupiter</em>${XSS}` },
          { id: 'b', text: 'Mars' },
        ],
        correctOptionId: 'a',
      },
      {
        type: 'ordering',
        format: 'html',
        prompt: 'Order <b>these</b>',
        points: 1,
        items: [
          { id: 'i1', text: `<sup>1</sup>${XSS}` },
          { id: 'i2', text: '<sub>2</sub>' },
        ],
        correctOrder: ['i1', 'i2'],
      },
      {
        type: 'matching',
        format: 'html',
        prompt: 'Match',
        points: 1,
        left: [
          { id: 'l1', text: `<u>H</u>${XSS}` },
          { id: 'l2', text: 'O' },
        ],
        right: [
          { id: 'r1', text: `Hydrogen${XSS}` },
          { id: 'r2', text: 'Oxygen' },
        ],
        correctPairs: { l1: 'r1', l2: 'r2' },
      },
      {
        type: 'short_text',
        format: 'markdown',
        prompt: 'The **capital** of France?\n\n<script>alert(1)</script>',
        points: 1,
        acceptedAnswers: [{ text: 'Paris', creditPercent: 100 }],
      },
      {
        type: 'essay',
        prompt: 'Plain: a <b> is text\nand this is line two',
        points: 2,
      },
    ];
    const created = await call<ExamView>(
      'POST',
      '/exams',
      teacher,
      examBody({ questions } as never),
    );
    expect(created.status).toBe(201);
    const stored = JSON.stringify(created.body.questions.slice(0, 3));
    expect(stored).not.toMatch(DANGER);
    expect(created.body.questions[0]).toMatchObject({
      format: 'html',
      prompt:
        '<p>Which is <strong>largest</strong>?</p><img src="https://example.org/a.png" /><a target="_blank" rel="noopener noreferrer">link</a>',
    });
    expect(created.body.questions[3]).toMatchObject({
      format: 'markdown',
      prompt: 'The **capital** of France?\n\n<script>alert(1)</script>',
    });
    expect(created.body.questions[4]).not.toHaveProperty('format');
    expect(created.body.questions[4].prompt).toBe('Plain: a <b> is text\nand this is line two');
    // What is in the database is what was returned.
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT prompt, body FROM questions WHERE exam_id = ? ORDER BY position', [
        created.body.id,
      ])) as Array<{ prompt: string; body: string }>;
    expect(JSON.stringify(rows.slice(0, 3))).not.toMatch(DANGER);

    // The student gets the cleaned texts and the format.
    const students = (await call<Page<UserView>>('GET', '/users?role=student', teacher)).body.items;
    const session = await call<ExamSessionView>('POST', '/exam-sessions', teacher, {
      examId: created.body.id,
      title: 'Formatted',
      studentIds: [students[0].id],
      durationMinutes: 30,
    });
    expect(session.status).toBe(201);
    const sid = session.body.id;
    const tSock = await joined(t, teacher, sid);
    const sTok = (await login(t.baseUrl, students[0].email)).accessToken;
    const sSock = await joined(t, sTok, sid);
    tSock.send('exam_launch', { sessionId: sid });
    const launch = await sSock.next<ExamLaunchPayload>('exam_launch');
    const views = launch.data.questions!;
    expect(JSON.stringify(views)).not.toMatch(/onerror|javascript|svg|onload|iframe|evil/i);
    const byType = new Map(views.map((v) => [v.type, v]));
    expect(byType.get('single_choice')).toMatchObject({ format: 'html' });
    expect(byType.get('short_text')).toMatchObject({ format: 'markdown' });
    expect(byType.get('essay')).not.toHaveProperty('format');
    tSock.close();
    sSock.close();
  });

  it('refuses an unknown format and an html prompt that is empty once cleaned; nothing stored', async () => {
    const before = await call<Page<unknown>>('GET', '/exams', teacher);
    const bad = await call<ApiErrorBody>(
      'POST',
      '/exams',
      teacher,
      examBody({
        questions: [
          { type: 'essay', format: 'rtf', prompt: 'x', points: 1 },
          { type: 'essay', format: 'html', prompt: '<script>alert(1)</script>', points: 1 },
        ],
      } as never),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const fields = (bad.body.details as ValidationIssue[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['questions[0].format', 'questions[1].prompt']));
    const after = await call<Page<unknown>>('GET', '/exams', teacher);
    expect(after.body.total).toBe(before.body.total);
  });

  it('keeps names, tags and feedback for teachers and never sends them to a student during the exam', async () => {
    const questions = [
      {
        type: 'single_choice',
        prompt: 'Capital of Australia?',
        points: 2,
        name: 'SECRETNAME',
        tags: ['SECRETTAG'],
        generalFeedback: 'SECRETGENERAL',
        options: [
          { id: 'a', text: 'Canberra', feedback: 'SECRETFEEDBACK' },
          { id: 'b', text: 'Sydney', creditPercent: 50 },
        ],
        correctOptionId: 'a',
      },
      {
        type: 'true_false',
        prompt: 'Sky blue?',
        points: 1,
        correct: true,
        feedbackTrue: 'SECRETTRUE',
        feedbackFalse: 'SECRETFALSE',
      },
    ];
    const created = await call<ExamView>(
      'POST',
      '/exams',
      teacher,
      examBody({ questions } as never),
    );
    expect(created.status).toBe(201);
    const read = await call<ExamView>('GET', `/exams/${created.body.id}`, teacher);
    expect(read.body.questions[0]).toMatchObject({
      name: 'SECRETNAME',
      tags: ['SECRETTAG'],
      generalFeedback: 'SECRETGENERAL',
      options: [
        { id: 'a', feedback: 'SECRETFEEDBACK' },
        { id: 'b', creditPercent: 50 },
      ],
    });
    expect(read.body.questions[1]).toMatchObject({
      feedbackTrue: 'SECRETTRUE',
      feedbackFalse: 'SECRETFALSE',
    });
    const students = (await call<Page<UserView>>('GET', '/users?role=student', teacher)).body.items;
    const session = await call<ExamSessionView>('POST', '/exam-sessions', teacher, {
      examId: created.body.id,
      title: 'Secrets',
      studentIds: [students[0].id],
      durationMinutes: 30,
    });
    const sid = session.body.id;
    const tSock = await joined(t, teacher, sid);
    const sTok = (await login(t.baseUrl, students[0].email)).accessToken;
    const sSock = await joined(t, sTok, sid);
    tSock.send('exam_launch', { sessionId: sid });
    await sSock.next<ExamLaunchPayload>('exam_launch');
    const snap = await api(t.baseUrl, 'GET', `/api/v1/exam-sessions/${sid}/snapshot`, {
      token: sTok,
    });
    expect(JSON.stringify(sSock.frames) + JSON.stringify(snap.body)).not.toMatch(/SECRET|credit/);
    tSock.close();
    sSock.close();
  });
});
