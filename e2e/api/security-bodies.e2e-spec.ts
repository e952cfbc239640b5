/**
 * Bad request bodies (issue 13, items 6-8): malformed JSON, bodies over the limit,
 * unsupported charsets and content types, and bodies nested thousands of levels deep all
 * get the usual error shape with a stable code (400 MALFORMED_JSON, 413, 415, 400
 * VALIDATION_FAILED) and the same headers as every other response (X-Request-Id, helmet's).
 * The JSON API takes only JSON (a plain HTML form on another site cannot post to it); the
 * GIFT import also takes text/plain. Checked in-process and on the built server in
 * production mode, where the probe saw 404s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login } from '../support/http';
import { buildServer, startServer, type ServerProcess } from '../support/server-process';
import { startTestApp, type TestApp } from '../support/test-app';

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

async function post(base: string, path: string, body: string, type?: string, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      ...(type ? { 'content-type': type } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await res.text();
  let json: { code?: string; requestId?: string; statusCode?: number } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, json };
}

function checks(base: () => string) {
  const expectShape = (r: Awaited<ReturnType<typeof post>>, status: number, code: string) => {
    expect([r.status, r.json.code]).toEqual([status, code]);
    expect(r.json.statusCode).toBe(status);
    expect(r.headers.get('x-request-id')).toMatch(/\S/);
    expect(r.json.requestId).toBe(r.headers.get('x-request-id'));
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  };

  it('malformed JSON: 400 MALFORMED_JSON, with a request id and the usual headers', async () => {
    expectShape(
      await post(base(), '/api/v1/auth/login', '{bad json', 'application/json'),
      400,
      'MALFORMED_JSON',
    );
  });

  it('a body over the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1_100_000) });
    expectShape(
      await post(base(), '/api/v1/auth/login', big, 'application/json'),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('an unsupported charset or content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectShape(
      await post(
        base(),
        '/api/v1/auth/login',
        '{"email":"a@b.c","password":"x"}',
        'application/json; charset=latin1',
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    // A form on another site posts urlencoded: refused before anything is read.
    expectShape(
      await post(
        base(),
        '/api/v1/auth/login',
        'email=teacher%40demo.school&password=demo1234',
        'application/x-www-form-urlencoded',
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectShape(
      await post(
        base(),
        '/api/v1/auth/login',
        '{"email":"teacher@demo.school","password":"demo1234"}',
        'text/plain',
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectShape(
      await post(base(), '/api/v1/auth/login', '{}', undefined),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('a body nested 10,000 levels deep: 400 VALIDATION_FAILED, not a crash', async () => {
    expectShape(
      await post(base(), '/api/v1/auth/login', deep(10_000), 'application/json'),
      400,
      'VALIDATION_FAILED',
    );
    // The server is fine afterwards.
    const ok = await post(
      base(),
      '/api/v1/auth/login',
      JSON.stringify({ email: 'teacher@demo.school', password: 'demo1234' }),
      'application/json; charset=utf-8',
    );
    expect(ok.status).toBe(200);
  });

  it('the GIFT import still takes text/plain', async () => {
    const token = (await login(base(), 'teacher@demo.school')).accessToken;
    const r = await post(
      base(),
      '/api/v1/exams/import/gift?title=Plain&durationMinutes=15',
      '::Sky:: The sky is blue. {T}\n\n::Two:: One plus one? {#2}',
      'text/plain',
      token,
    );
    expect(r.status).toBe(201);
  });
}

describe('bad request bodies, in process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  checks(() => t.baseUrl);
});

describe('bad request bodies, on the built server in production mode', () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'exam-bodies-'));
    // Production never seeds: the demo accounts come from a development start first.
    const dbFile = join(dir, 'b.sqlite');
    const dev = await startServer(dbFile);
    await dev.kill('SIGTERM');
    server = await startServer(dbFile, {
      NODE_ENV: 'production',
      REQUIRE_HTTPS: 'false',
      ALLOWED_ORIGINS: 'http://localhost:4200',
      LOG_LEVEL: 'warn',
    });
  }, 240_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  checks(() => server.baseUrl);
});
