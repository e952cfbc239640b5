/**
 * Three instances behind a real nginx running the README's configuration (issue 15):
 * sockets upgrade through it and spread over the instances, and a rolling restart (SIGTERM
 * one instance at a time, start it again) during an exam loses no acknowledged answer.
 *
 * Runs when TEST_POSTGRES_URL and TEST_REDIS_URL are set and nginx is installed (.ci/run
 * installs it and exports both).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ExamLaunchPayload, ExamSessionView, ExamView, Page, UserView } from '@exam/contracts';
import { startCluster, type Cluster } from '../support/cluster';
import { examBody } from '../support/exams';
import { api, login } from '../support/http';
import { answerLoop } from '../support/answer-loop';
import { joined, sleep } from '../support/live-helpers';
import { PG_URL, REDIS_URL } from '../support/postgres';
import { freePort, ROOT } from '../support/server-process';
import type { TestSocket } from '../support/ws-client';

const CONF = join(ROOT, 'ops/nginx/exam-cluster.conf');
const hasNginx = spawnSync('nginx', ['-v']).status === 0;

/** The README's configuration with these upstream ports and this listen port. */
function nginxConfig(ports: number[], listen: number): string {
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`);
  return readFileSync(CONF, 'utf8')
    .replace(/( {4}server 127\.0\.0\.1:\d+[^\n]*\n)+/, `${servers.join('\n')}\n`)
    .replace(/listen \d+;/, `listen ${listen};`);
}

describe('the nginx configuration in the README', () => {
  it('is the file the tests run', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```nginx\n' + readFileSync(CONF, 'utf8') + '```');
  });

  // No Docker engine here: docker-compose.yml is checked for shape, and its nginx file for
  // being the tested configuration (and valid to a real nginx).
  const DOCKER_CONF = join(ROOT, 'ops/nginx/docker.conf');
  /** A configuration without comments, with its machine-specific lines neutralised. */
  const shape = (text: string) =>
    text
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trimEnd())
      .filter((l) => l.trim() !== '')
      .filter((l) => !/^\s*server \S+:\d+ max_fails/.test(l))
      .map((l) => l.replace(/^(\s*(pid|\w+_temp_path)) \S+;/, '$1 X;'))
      .join('\n');

  it('docker.conf is the same configuration, upstream the compose service', () => {
    const docker = readFileSync(DOCKER_CONF, 'utf8');
    expect(shape(docker)).toBe(shape(readFileSync(CONF, 'utf8')));
    expect(docker).toMatch(/server app:3000 max_fails=1 fail_timeout=2s;/);
  });

  (hasNginx ? it : it.skip)('docker.conf is valid to nginx (nginx -t)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exam-nginx-t-'));
    const file = join(dir, 'nginx.conf');
    // "app" only resolves inside Docker's network.
    writeFileSync(
      file,
      readFileSync(DOCKER_CONF, 'utf8')
        .replace('server app:3000', 'server 127.0.0.1:3000')
        .replaceAll('/tmp/', `${dir}/`),
    );
    const r = spawnSync('nginx', ['-t', '-c', file, '-p', dir], { encoding: 'utf8' });
    expect(r.stderr).toContain('test is successful');
  });

  it('docker-compose.yml: PostgreSQL, Redis, three app replicas on both, nginx with docker.conf', () => {
    const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, Record<string, unknown>>;
    };
    const { postgres, redis, app, nginx } = compose.services;
    expect(postgres && redis && app && nginx).toBeTruthy();
    expect(app.build).toBe('.');
    expect((app.deploy as { replicas: number }).replicas).toBe(3);
    const env = app.environment as Record<string, string>;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.TRUST_PROXY).toBe('true');
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(nginx.volumes).toEqual(['./ops/nginx/docker.conf:/etc/nginx/nginx.conf:ro']);
    expect(app.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    // The app listens where docker.conf sends traffic (the image's PORT).
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/PORT=3000/);
  });
});

(PG_URL && REDIS_URL && hasNginx ? describe : describe.skip)('three instances behind nginx', () => {
  let c: Cluster;
  let nginx: ChildProcess;
  let base: string;
  let ws: { wsUrl: string };
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  beforeAll(async () => {
    c = await startCluster(3);
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'exam-nginx-'));
    writeFileSync(
      join(dir, 'nginx.conf'),
      nginxConfig(
        c.instances.map((i) => i.port),
        port,
      ),
    );
    nginx = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    base = `http://127.0.0.1:${port}`;
    ws = { wsUrl: `ws://127.0.0.1:${port}/ws` };
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/health/live`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 100) throw new Error('nginx did not answer');
      await sleep(100);
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of open) s.close();
    nginx?.kill('SIGTERM');
    await c?.stop();
  });

  /** Sockets each instance holds (its /metrics). */
  async function socketsPerInstance(): Promise<number[]> {
    return Promise.all(
      c.instances.map(async (i) => {
        const text = await (await fetch(`${i.baseUrl}/metrics`)).text();
        return [...text.matchAll(/^exam_ws_connections_active\{[^}]*\} (\d+)/gm)].reduce(
          (n, m) => n + Number(m[1]),
          0,
        );
      }),
    );
  }

  it('spreads sockets over the instances and loses no answer in a rolling restart', async () => {
    const call = <T>(method: string, path: string, token: string, body?: unknown) =>
      api<T>(base, method, `/api/v1${path}`, { token, body });
    const teacher = await login(base, 'teacher@demo.school');
    const students = (
      await call<Page<UserView>>('GET', '/users?role=student&pageSize=6', teacher.accessToken)
    ).body.items.slice(0, 6);
    expect(students.length).toBeGreaterThanOrEqual(3);
    const exam = await call<ExamView>('POST', '/exams', teacher.accessToken, examBody());
    const created = await call<ExamSessionView>('POST', '/exam-sessions', teacher.accessToken, {
      examId: exam.body.id,
      title: 'Behind nginx',
      studentIds: students.map((s) => s.id),
      durationMinutes: 30,
    });
    const sid = created.body.id;
    const tokens = await Promise.all(
      students.map(async (s) => (await login(base, s.email)).accessToken),
    );
    const current = await Promise.all(tokens.map(async (t) => track(await joined(ws, t, sid))));
    // The upgrade went through nginx, and least_conn spread the sockets.
    const spread = await socketsPerInstance();
    expect(spread.reduce((a, b) => a + b, 0)).toBe(students.length);
    expect(spread.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

    const launched = await call('POST', `/exam-sessions/${sid}/launch`, teacher.accessToken);
    expect(launched.status).toBe(200);
    const first = await current[0].next<ExamLaunchPayload>('exam_launch');
    const text = first.data.questions!.find((q) => q.type === 'short_text')!;

    const loop = answerLoop({
      sockets: current,
      sessionId: sid,
      questionId: text.id,
      reconnect: async (i, lastSeq) => track(await joined(ws, tokens[i], sid, lastSeq)),
      pauseMs: 30,
    });

    // Rolling restart: one instance at a time, SIGTERM (graceful), then started again.
    await sleep(1_000);
    for (const i of c.instances.keys()) {
      await c.instances[i].kill('SIGTERM');
      await c.restart(i);
      await sleep(1_000);
    }
    await sleep(1_000);
    await loop.stop();
    expect(loop.reconnects).toBeGreaterThanOrEqual(students.length);

    const done = await call('POST', `/exam-sessions/${sid}/complete`, teacher.accessToken);
    expect(done.status).toBe(200);
    const rows = await c.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM answers WHERE exam_session_id = $1',
      [sid],
    );
    const stored = new Set(rows.map((r) => r.idempotency_key));
    expect(stored.size).toBe(rows.length);
    expect([...loop.acked].filter((k) => !stored.has(k))).toEqual([]);
    expect(loop.acked.size).toBeGreaterThan(50);
  }, 180_000);
});
