/**
 * CSV exports and statistics (issue 11): RFC 4180 with a UTF-8 byte-order mark, one row per
 * student (or per response), cells that would start a formula neutralised (CSV injection),
 * streamed page by page (a session larger than one page comes out whole and in name order),
 * and the item statistics over REST.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SessionStatisticsView, UserView } from '@exam/contracts';
import { CSV_BOM, parseCsv } from '../../backend/src/app/results/domain/csv';
import { api } from '../support/http';
import { createLiveSession } from '../support/live-fixtures';
import { person } from '../support/live-helpers';
import { answer, command, resultsWorld, submit, type ResultsWorld } from '../support/results-world';
import { startTestApp, type TestApp } from '../support/test-app';

async function csv(t: TestApp, token: string, path: string) {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // Read the bytes: a text decoder would silently drop the byte-order mark.
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}

describe('results: CSV exports and statistics', () => {
  let t: TestApp;
  let w: ResultsWorld;
  const evilName = '=HYPERLINK("http://evil.test","click")';

  beforeAll(async () => {
    t = await startTestApp();
    w = await resultsWorld(t, 'Export Academy', 2, { launch: false });
    // A student whose name is a formula, enrolled while the session prepares.
    const created = await api<UserView>(t.baseUrl, 'POST', '/api/v1/users', {
      token: w.admin.token,
      body: {
        email: 'evil@export.test',
        displayName: evilName,
        password: 'demo1234',
        role: 'student',
      },
    });
    expect(created.status).toBe(201);
    const evil = await person(t, 'evil@export.test');
    const patch = await api(t.baseUrl, 'PATCH', `/api/v1/exam-sessions/${w.sessionId}`, {
      token: w.teacher.token,
      body: { studentIds: [...w.students.map((s) => s.id), evil.id] },
    });
    expect(patch.status).toBe(200);
    await command(t, w.teacher, w.sessionId, 'launch');
    await answer(t, evil, w.sessionId, w.q.short_text.id, { text: '=1+2' });
    await answer(t, evil, w.sessionId, w.q.essay.id, {
      text: '@SUM(A1:A9), "quoted", and\nа new line',
    });
    await answer(t, w.students[0], w.sessionId, w.q.numeric.id, { value: 26 });
    await answer(t, w.students[0], w.sessionId, w.q.single_choice.id, { optionId: 'a' });
    await submit(t, evil, w.sessionId);
    await command(t, w.teacher, w.sessionId, 'complete');
  }, 60_000);
  afterAll(() => t.close());

  it('exports results: BOM, RFC 4180, one column per question, formulas neutralised', async () => {
    const r = await csv(
      t,
      w.teacher.token,
      `/api/v1/exam-sessions/${w.sessionId}/export/results.csv`,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="results-.*\.csv"/);
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.text.startsWith(CSV_BOM)).toBe(true);
    expect(r.text).toMatch(/\r\n$/);
    const rows = parseCsv(r.text);
    expect(rows).toHaveLength(1 + 3);
    const header = rows[0];
    expect(header.slice(0, 4)).toEqual(['Student', 'Email', 'How it ended', 'Score']);
    expect(header).toHaveLength(9 + 8);
    // Times are in the academy's time zone, named in the header (UTC unless it set one).
    expect(header).toContain('Finished at (UTC)');
    for (const row of rows) expect(row).toHaveLength(header.length);
    const evil = rows.find((x) => x[1] === 'evil@export.test')!;
    expect(evil[0]).toBe(`'${evilName}`);
    expect(evil[2]).toBe('Submitted');
    const first = rows.find((x) => x[1] === 'student1@export-academy.test')!;
    expect(first[2]).toBe('Ended by teacher');
    const numericCol = header.findIndex((h) => h.startsWith('Q5 '));
    expect(first[numericCol]).toBe('1');
    // Negative numbers stay numbers: only text is neutralised.
    expect(rows.flat().some((c) => /^'-?\d/.test(c))).toBe(false);
  });

  it('exports every response, text cells neutralised, line breaks kept inside quotes', async () => {
    const r = await csv(
      t,
      w.teacher.token,
      `/api/v1/exam-sessions/${w.sessionId}/export/responses.csv`,
    );
    expect(r.status).toBe(200);
    const rows = parseCsv(r.text);
    // The absent student has no responses: two attempts x eight questions.
    expect(rows).toHaveLength(1 + 2 * 8);
    const short = rows.find((x) => x[1] === 'evil@export.test' && x[4] === 'short_text')!;
    expect(short[5]).toBe("'=1+2");
    expect(short[6]).toMatch(/wrote/);
    const essay = rows.find((x) => x[1] === 'evil@export.test' && x[4] === 'essay')!;
    expect(essay[5]).toBe('\'@SUM(A1:A9), "quoted", and\nа new line');
    expect(essay[7]).toBe('awaiting grading');
    expect(r.text).toContain('"\'@SUM(A1:A9), ""quoted"", and\nа new line"');
  });

  it('serves the item statistics and their CSV', async () => {
    const s = await api<SessionStatisticsView>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${w.sessionId}/statistics`,
      { token: w.teacher.token },
    );
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ live: false, attempts: { finished: 2, inProgress: 0 } });
    expect(s.body.exam.n).toBe(2);
    expect(s.body.questions).toHaveLength(8);
    const single = s.body.questions.find((q) => q.type === 'single_choice')!;
    expect(single.options?.find((o) => o.optionId === 'a')?.chosen).toBe(1);
    const r = await csv(
      t,
      w.teacher.token,
      `/api/v1/exam-sessions/${w.sessionId}/export/statistics.csv`,
    );
    const rows = parseCsv(r.text);
    expect(rows).toHaveLength(1 + 8);
    expect(rows[0][4]).toBe('Facility (%)');
  });

  it('streams a session larger than one page, whole and in name order', async () => {
    const ds = t.app.get(DataSource);
    const n = 1_150;
    const ids: string[] = [];
    const now = Date.now();
    for (let i = 0; i < n; i += 200) {
      const chunk = Array.from({ length: Math.min(200, n - i) }, (_, k) => {
        const id = randomUUID();
        ids.push(id);
        const num = String(i + k).padStart(4, '0');
        return [id, w.academyId, `bulk${num}@export.test`, `Bulk ${num}`, now];
      });
      await ds.query(
        `INSERT INTO users (id, academy_id, email, display_name, role, password_hash, extra_time_percent, password_changed_at, created_at)
         VALUES ${chunk.map(() => "(?, ?, ?, ?, 'student', 'x', 0, ?, ?)").join(', ')}`,
        chunk.flatMap((c) => [...c, now]),
      );
    }
    const teacherId = w.teacher.id;
    const fx = await createLiveSession(ds, { academyId: w.academyId, teacherId, studentIds: ids });
    await command(t, w.teacher, fx.sessionId, 'launch');
    await command(t, w.teacher, fx.sessionId, 'complete');
    const r = await csv(
      t,
      w.teacher.token,
      `/api/v1/exam-sessions/${fx.sessionId}/export/results.csv`,
    );
    const rows = parseCsv(r.text);
    expect(rows).toHaveLength(1 + n);
    const names = rows.slice(1).map((x) => x[0]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(n);
    expect(rows[1][2]).toBe('Did not take part');
  });
});
