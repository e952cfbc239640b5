/**
 * The OpenAPI document lists every route the app serves, each with a success response and
 * its error responses. Routes are enumerated from the live Express router, so a new
 * controller method without documentation fails this test.
 */
import { api } from '../support/http';
import { appRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses?: Record<string, unknown>; security?: unknown[] }>
  >;
  components: { schemas: Record<string, unknown> };
}

/** Swagger UI's own routes are not API endpoints. */
const isDocsRoute = (p: string) =>
  p === '/api/docs' || p.startsWith('/api/docs/') || p.startsWith('/api/docs-');

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    t = await startTestApp();
    const r = await api<OpenApiDoc>(t.baseUrl, 'GET', '/api/docs-json');
    expect(r.status).toBe(200);
    doc = r.body;
  });
  afterAll(() => t.close());

  it('is served as JSON and as a browsable page', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const page = await api<string>(t.baseUrl, 'GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/swagger/i);
  });

  it('documents every route the app serves, with a success and an error response', () => {
    const routes = appRoutes(t.app).filter((r) => !isDocsRoute(r.path));
    expect(routes.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const r of routes) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method];
      if (!op) {
        problems.push(`${r.method.toUpperCase()} ${path}: missing from the document`);
        continue;
      }
      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((c) => /^2\d\d$/.test(c)))
        problems.push(`${r.method.toUpperCase()} ${path}: no success response`);
      if (!codes.some((c) => /^[45]\d\d$/.test(c)))
        problems.push(`${r.method.toUpperCase()} ${path}: no error response`);
    }
    expect(problems).toEqual([]);
  });

  it('documents the exam routes in detail: bodies, question types, errors', () => {
    const create = doc.paths['/api/v1/exams']?.post as Record<string, unknown> & {
      responses: Record<string, unknown>;
    };
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403']);
    expect(JSON.stringify(create)).toMatch(/CreateExamDto/);
    for (const name of [
      'SingleChoiceQuestionDto',
      'TrueFalseQuestionDto',
      'MultipleResponseQuestionDto',
      'ShortTextQuestionDto',
      'NumericQuestionDto',
      'EssayQuestionDto',
      'OrderingQuestionDto',
      'MatchingQuestionDto',
      'ExamViewDto',
      'ExamSessionViewDto',
      'MyExamSessionViewDto',
      'GiftImportResponseDto',
      'ApiErrorDto',
    ]) {
      expect(doc.components.schemas).toHaveProperty(name);
    }
    expect(Object.keys(doc.paths['/api/v1/exams/{id}'].put.responses ?? {})).toContain('409');
    expect(Object.keys(doc.paths['/api/v1/exam-sessions/{id}'].patch.responses ?? {})).toContain(
      '409',
    );
  });
});
