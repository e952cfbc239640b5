/**
 * R15, generated: a student calls every GET route the app serves (enumerated from the
 * router, ids filled in from the data), before and after launch, and no response may carry
 * a key field (names derived from the stored keys, not hand-written) or a secret answer string.
 */
import type { ExamView, Page, QuestionDefinition, UserView } from '@exam/contracts';
import { DataSource } from 'typeorm';
import { examBody } from '../support/exams';
import { api, login } from '../support/http';
import { appRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

/** Every property name in a JSON value, not descending into plain maps keyed by ids. */
function fieldNames(
  v: unknown,
  out = new Set<string>(),
  skipMapsOf = new Set<string>(),
): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => fieldNames(x, out, skipMapsOf));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      if (!skipMapsOf.has(k)) fieldNames(x, out, skipMapsOf);
    }
  }
  return out;
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** Names a student legitimately sends and may get back in their own answers. */
const ANSWER_FIELDS = ['optionId', 'optionIds', 'value', 'text', 'order', 'pairs'];
const ALWAYS_FORBIDDEN = ['key', 'keys', 'solution', 'weights', 'answerKey'];

describe('no key ever reaches a student (generated scan)', () => {
  let t: TestApp;
  let teacher: string;
  let student: string;
  let studentUser: UserView;
  let exam: ExamView;
  let sessionId: string;
  let forbidden: Set<string>;
  let secrets: string[];

  beforeAll(async () => {
    t = await startTestApp();
    teacher = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    const sl = await login(t.baseUrl, 'student1@demo.school');
    student = sl.accessToken;
    studentUser = sl.user;
    const ex = examBody({ title: 'Leak check', shuffleQuestions: true });
    ex.questions = ex.questions.map((q): QuestionDefinition =>
      q.type === 'short_text'
        ? { ...q, acceptedAnswers: [{ text: 'zebra-secret-answer', creditPercent: 100 }] }
        : q.type === 'essay'
          ? { ...q, gradingNotes: 'rubric-secret-notes' }
          : q,
    );
    exam = (await api<ExamView>(t.baseUrl, 'POST', '/api/v1/exams', { token: teacher, body: ex }))
      .body;
    const s = await api<{ id: string }>(t.baseUrl, 'POST', '/api/v1/exam-sessions', {
      token: teacher,
      body: { examId: exam.id, studentIds: [studentUser.id] },
    });
    sessionId = s.body.id;

    // Key field names, derived: what the teacher's definitions carry beyond the stored public body.
    const ds = t.app.get(DataSource);
    const bodies = (await ds.query('SELECT body FROM questions')) as Array<{ body: string }>;
    const publicNames = fieldNames(bodies.map((b) => JSON.parse(b.body) as unknown));
    const all = fieldNames(exam.questions, new Set(), new Set(['correctPairs']));
    forbidden = new Set(
      [...all].filter(
        (n) =>
          !publicNames.has(n) && !['id', 'type', 'prompt', 'points', ...ANSWER_FIELDS].includes(n),
      ),
    );
    ALWAYS_FORBIDDEN.forEach((n) => forbidden.add(n));
    secrets = ['zebra-secret-answer', 'rubric-secret-notes'];
  });
  afterAll(() => t.close());

  it('derives the key field names from the stored keys', () => {
    for (const n of [
      'correctOptionId',
      'correct',
      'weight',
      'acceptedAnswers',
      'creditPercent',
      'correctOrder',
      'correctPairs',
      'gradingNotes',
      'negativeMarkPercent',
    ]) {
      expect(forbidden).toContain(n);
    }
    for (const n of ['options', 'items', 'left', 'right', 'prompt'])
      expect(forbidden).not.toContain(n);
  });

  async function scanAll(label: string): Promise<number> {
    const ds = t.app.get(DataSource);
    const [{ id: studentSessionId }] = (await ds.query(
      'SELECT id FROM student_sessions WHERE exam_session_id = ? AND student_id = ?',
      [sessionId, studentUser.id],
    )) as Array<{ id: string }>;
    const idCandidates = [
      sessionId,
      exam.id,
      studentUser.id,
      studentSessionId,
      exam.questions[0].id,
    ];
    const gets = appRoutes(t.app).filter(
      (r) =>
        r.method === 'get' &&
        r.path.startsWith('/api') &&
        !r.path.startsWith('/api/docs') &&
        // The protocol's schema document (like /api/docs): it names the idempotency `key` field.
        r.path !== '/api/asyncapi.json',
    );
    expect(gets.length).toBeGreaterThan(8);
    let ok = 0;
    const findings: string[] = [];
    for (const r of gets) {
      const params = r.path.match(/:[A-Za-z0-9_]+/g) ?? [];
      const fills = params.length ? idCandidates : [''];
      for (const id of fills) {
        const path = r.path.replace(/:[A-Za-z0-9_]+/g, id);
        for (const q of ['', '?pageSize=100']) {
          const res = await api(t.baseUrl, 'GET', path + q, { token: student });
          if (res.status >= 300) continue;
          ok++;
          const names = fieldNames(res.body);
          const leaked = [...names].filter((n) => forbidden.has(n));
          if (leaked.length) findings.push(`${label} GET ${path}${q}: fields ${leaked.join(', ')}`);
          const text = strings(res.body).join('\n');
          for (const s of secrets)
            if (text.includes(s)) findings.push(`${label} GET ${path}${q}: contains "${s}"`);
        }
      }
    }
    expect(findings).toEqual([]);
    return ok;
  }

  it('preparing: nothing a student can GET carries a key', async () => {
    const ok = await scanAll('preparing');
    // At least the session list, the session, and /auth/me answered.
    expect(ok).toBeGreaterThanOrEqual(3);
    const mine = await api<Page<unknown>>(t.baseUrl, 'GET', '/api/v1/exam-sessions', {
      token: student,
    });
    expect(mine.body.items.length).toBeGreaterThan(0);
  });

  it('after launch (if the live routes can launch): still nothing', async () => {
    const launch = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sessionId}/launch`, {
      token: teacher,
      body: {},
    });
    // Launch belongs to the live-session module; the scan runs either way.
    expect([200, 201, 204, 400, 404, 409]).toContain(launch.status);
    await scanAll(`after launch (${launch.status})`);
  });
});
