/**
 * Academy isolation (R14, issue 6): a GENERATED matrix of callers (anonymous, admin,
 * teacher, student of academy "Own", and a colleague: a teacher of "Own" who does not
 * teach its sessions) x target academy (own, other) x every REST route the
 * running app serves (read from the Express router, roles read from the handlers' @Roles
 * metadata) and every WebSocket event name in the contracts. Each forbidden call must be
 * refused (401/403/404, or 400 before any lookup; an `error` frame on the socket) and leave
 * every table unchanged (the security log excepted: refusals are rightly recorded there).
 * New routes and events are covered automatically; a route the generator cannot classify
 * fails the test.
 */
import { createHash } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  CONNECTION_EVENTS,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
  type ErrorPayload,
  type Role,
} from '@exam/contracts';
import { IS_PUBLIC, ROLES_KEY } from '../../backend/src/app/auth/decorators';
import { examBody } from '../support/exams';
import { createAcademy, createOperator } from '../support/fixtures';
import { api, login } from '../support/http';
import { appRoutes, type AppRoute } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

/** colleague: a teacher of the same academy who is not the session's teacher or staff. */
type Caller = 'anonymous' | Role | 'colleague';
interface Ids {
  academy: string;
  exam: string;
  session: string;
  preparing: string;
  user: string;
  question: string;
}
interface RouteMeta {
  roles?: Role[];
  isPublic: boolean;
}

/** Routes that are not Nest handlers (the OpenAPI pages): public documentation. */
const DOC_ROUTES = /^\/api\/docs/;
/** Self-service routes acting only on the caller's own login (would sign the caller out). */
const SELF_SERVICE = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/change-password']);
const REFUSED_HTTP = [400, 401, 403, 404];
const REST_CALLERS: Caller[] = [
  'anonymous',
  'operator',
  'admin',
  'teacher',
  'student',
  'colleague',
];
const REFUSED_WS = [
  'FORBIDDEN',
  'NOT_FOUND',
  'NOT_ENROLLED',
  'NOT_JOINED',
  'NOT_AUTHENTICATED',
  'UNKNOWN_EVENT',
  'VALIDATION_FAILED',
  'SESSION_NOT_LIVE',
];

function normalise(p: string): string {
  return ('/' + p).replace(/\/+/g, '/').replace(/\/$/, '') || '/';
}

/** @Roles/@Public of every Nest route, keyed "METHOD /path" as Express serves it. */
function routeMetadata(t: TestApp): Map<string, RouteMeta> {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const out = new Map<string, RouteMeta>();
  for (const w of discovery.getControllers()) {
    const cls = w.metatype as (new (...a: unknown[]) => object) | undefined;
    if (!cls || !w.instance) continue;
    const classPaths = [Reflect.getMetadata(PATH_METADATA, cls) as string | string[]].flat();
    const proto = Object.getPrototypeOf(w.instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const fn = proto[name] as (...a: unknown[]) => unknown;
      const methodPath = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (methodPath === undefined || verb === undefined) continue;
      const version =
        (Reflect.getMetadata(VERSION_METADATA, fn) as string | undefined) ??
        (Reflect.getMetadata(VERSION_METADATA, cls) as string | undefined);
      const meta: RouteMeta = {
        roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [fn, cls]),
        isPublic: !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [fn, cls]),
      };
      for (const cp of classPaths)
        for (const mp of [methodPath].flat()) {
          const tail = `${cp ?? ''}/${mp}`;
          const method = RequestMethod[verb].toLowerCase();
          for (const prefix of ['/api', '']) {
            const path = normalise(`${prefix}${version ? `/v${version}` : ''}/${tail}`);
            out.set(`${method} ${path}`, meta);
          }
        }
    }
  }
  return out;
}

/** What a route's path parameter names: an exam, a user, or (otherwise) an exam session. */
function idKind(path: string): 'exam' | 'user' | 'session' {
  if (/\/exams\//.test(path)) return 'exam';
  if (/\/users\//.test(path)) return 'user';
  return 'session';
}

/** Which of the other academy's ids a path parameter gets. */
function fillPath(path: string, method: string, ids: Ids): string {
  const kind: keyof Ids = idKind(path);
  // PATCH/DELETE of a session only work while preparing: aim them at the preparing one.
  const preparingOnly = method === 'patch' || method === 'delete';
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'questionId') return ids.question;
    if (name === 'studentId' || name === 'userId') return ids.user;
    return kind === 'session' && preparingOnly ? ids.preparing : ids[kind];
  });
}

/** A plausible body, so a refusal comes from the academy check rather than validation. */
function bodyFor(r: AppRoute, ids: Ids): unknown {
  const k = `${r.method.toUpperCase()} ${r.path}`;
  if (k === 'POST /api/v1/exam-sessions') return { examId: ids.exam, studentIds: [ids.user] };
  if (k === 'PATCH /api/v1/exam-sessions/:id') return { title: 'taken over' };
  if (k === 'PUT /api/v1/exams/:id') return examBody({ title: 'taken over' });
  if (k.endsWith('/add-time')) return { minutes: 5 };
  if (k.endsWith('/broadcast')) return { message: 'taken over' };
  if (k.endsWith('/answers'))
    return { questionId: ids.question, answer: { optionId: 'a' }, key: 'matrix-key-0001', seq: 1 };
  if (r.method === 'get' || r.method === 'delete') return undefined;
  return {};
}

async function dbHash(t: TestApp): Promise<string> {
  const ds = t.app.get(DataSource);
  const tables = (await ds.query(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('migrations', 'security_events') ORDER BY name",
  )) as Array<{ name: string }>;
  const h = createHash('sha1');
  for (const { name } of tables)
    h.update(name + JSON.stringify(await ds.query(`SELECT * FROM "${name}" ORDER BY 1`)));
  return h.digest('hex');
}

describe('academy isolation matrix (R14): roles x academies x every route and event', () => {
  let t: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};
  let own: Ids;
  let other: Ids;
  let otherTokens: { teacher: string; student: string };

  async function world(name: string): Promise<{
    ids: Ids;
    tok: Record<Exclude<Role, 'operator'> | 'colleague', string>;
  }> {
    const a = await createAcademy(t, name, 2, 1);
    const tok = {
      admin: (await login(t.baseUrl, a.admin)).accessToken,
      teacher: (await login(t.baseUrl, a.teacher)).accessToken,
      student: (await login(t.baseUrl, a.students[0])).accessToken,
      colleague: (await login(t.baseUrl, a.otherTeachers[0])).accessToken,
    };
    const student = await login(t.baseUrl, a.students[0]);
    const exam = await api<{ id: string; questions: Array<{ id: string }> }>(
      t.baseUrl,
      'POST',
      '/api/v1/exams',
      { token: tok.teacher, body: examBody({ title: `${name} exam` }) },
    );
    expect(exam.status).toBe(201);
    const mk = async () => {
      const s = await api<{ id: string }>(t.baseUrl, 'POST', '/api/v1/exam-sessions', {
        token: tok.teacher,
        body: { examId: exam.body.id, studentIds: [student.user.id] },
      });
      expect(s.status).toBe(201);
      return s.body.id;
    };
    const session = await mk();
    const preparing = await mk();
    const launch = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${session}/launch`, {
      token: tok.teacher,
      body: {},
    });
    expect(launch.status).toBeLessThan(300);
    return {
      ids: {
        academy: a.academyId,
        exam: exam.body.id,
        session,
        preparing,
        user: student.user.id,
        question: exam.body.questions[0].id,
      },
      tok,
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ WS_AUTH_TIMEOUT_MS: '120000' });
    const o = await world('Own');
    own = o.ids;
    Object.assign(tokens, o.tok);
    // The platform operator belongs to no academy: every school is "other" to them.
    const op = await createOperator(t, 'matrix-operator@platform.test');
    tokens.operator = (await login(t.baseUrl, op)).accessToken;
    const x = await world('Other');
    other = x.ids;
    otherTokens = x.tok;
  });
  afterAll(() => t.close());

  it('refuses every forbidden REST call and changes nothing', async () => {
    const routes = appRoutes(t.app);
    const meta = routeMetadata(t);
    expect(routes.length).toBeGreaterThan(30);
    const otherIds = Object.values(other);
    const problems: string[] = [];
    let checked = 0;
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      const m = meta.get(key) ?? (DOC_ROUTES.test(r.path) ? { isPublic: true } : undefined);
      if (!m) {
        problems.push(`${key}: not a Nest route the generator can classify`);
        continue;
      }
      const label = `${r.method.toUpperCase()} ${r.path}`;
      for (const caller of REST_CALLERS) {
        for (const target of ['own', 'other'] as const) {
          const ids = target === 'own' ? own : other;
          const hasParams = r.path.includes(':');
          const colleagueOwn = caller === 'colleague' && target === 'own';
          // Both academies are someone else's to the operator.
          const foreign = target === 'other' || caller === 'operator';
          let expectRefusal: boolean;
          if (caller === 'anonymous') {
            if (m.isPublic) continue;
            expectRefusal = true;
          } else if (SELF_SERVICE.has(label) || m.isPublic) {
            continue;
          } else if (m.roles && !m.roles.includes(caller === 'colleague' ? 'teacher' : caller)) {
            expectRefusal = true;
          } else if (colleagueOwn) {
            // Exams and users are the academy's; sessions belong to their staff only.
            if (hasParams && idKind(r.path) !== 'session') continue;
            expectRefusal = hasParams;
          } else if (caller === 'operator') {
            if (m.roles?.includes('operator')) continue; // the operator's own routes
            expectRefusal = hasParams;
          } else if (target === 'other' && hasParams) {
            expectRefusal = true;
          } else if (target === 'other') {
            expectRefusal = false; // no id in the path: allowed, but must not touch or show B
          } else {
            continue; // an allowed call in one's own academy: functional tests cover it
          }
          const before = await dbHash(t);
          const res = await api(
            t.baseUrl,
            r.method.toUpperCase(),
            fillPath(r.path, r.method, ids),
            {
              token: caller === 'anonymous' ? undefined : tokens[caller],
              body: bodyFor(r, ids),
            },
          );
          const after = await dbHash(t);
          checked++;
          const where = `${caller} -> ${target} ${label} = ${res.status}`;
          if (expectRefusal) {
            const allowed = caller === 'anonymous' ? [401] : REFUSED_HTTP;
            if (!allowed.includes(res.status)) problems.push(`${where}: not refused`);
            if (before !== after) problems.push(`${where}: database changed`);
          } else if (res.status < 300) {
            const text = JSON.stringify(res.body ?? '');
            const watched =
              foreign && caller === 'operator'
                ? [...otherIds, ...Object.values(own)]
                : colleagueOwn
                  ? [own.session, own.preparing]
                  : otherIds;
            const leaked = watched.filter((id) => text.includes(id));
            if (leaked.length) problems.push(`${where}: shows the other academy's ${leaked}`);
          }
        }
      }
    }
    // The other academy's rows still look as before to their own teacher.
    const mine = await api(t.baseUrl, 'GET', `/api/v1/exam-sessions/${other.session}`, {
      token: otherTokens.teacher,
    });
    expect(mine.status).toBe(200);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 120_000);

  it('refuses every WebSocket event aimed at another academy (and by the wrong role) and changes nothing', async () => {
    const clientEvents = [
      ...Object.values(SESSION_CONTROL_EVENTS),
      ...Object.values(STUDENT_EVENTS),
      ...Object.values(LIVE_ANSWER_EVENTS),
      ...Object.values(LIVE_EVENTS),
      ...Object.values(SESSION_EVENTS),
    ] as string[];
    const teacherOnly = new Set<string>([
      ...Object.values(SESSION_CONTROL_EVENTS),
      LIVE_EVENTS.BROADCAST_MESSAGE,
    ]);
    const studentOnly = new Set<string>([
      LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED,
      LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED,
      SESSION_EVENTS.EXAM_SUBMIT,
      SESSION_EVENTS.QUESTION_VIEWED,
    ]);
    const payload = (event: string, ids: Ids) => ({
      sessionId: ids.session,
      ...(event.startsWith('answer_')
        ? { questionId: ids.question, answer: { optionId: 'a' }, key: `ws-matrix-${event}`, seq: 1 }
        : {}),
      ...(event === 'question_viewed' ? { questionId: ids.question } : {}),
      ...(event === 'exam_add_time' ? { minutes: 5 } : {}),
      ...(event === 'broadcast_message' ? { message: 'taken over' } : {}),
      ...(event === 'reconnect' ? { lastSeq: 0 } : {}),
    });
    const problems: string[] = [];
    const anon = await TestSocket.open(t.wsUrl);
    const socks: Partial<Record<Caller, TestSocket>> = { anonymous: anon };
    for (const role of ['operator', 'admin', 'teacher', 'student', 'colleague'] as const)
      socks[role] = await TestSocket.authed(t.wsUrl, tokens[role]!);
    // Connection bookkeeping settles first: a socket that joins no session has its row
    // written after ConnectionTracker's hold (1 s, checked every 0.5 s).
    await new Promise((r) => setTimeout(r, 2_000));
    for (const event of [...clientEvents, CONNECTION_EVENTS.HEARTBEAT]) {
      for (const caller of [...REST_CALLERS] as Caller[]) {
        for (const target of ['own', 'other'] as const) {
          if (event === CONNECTION_EVENTS.HEARTBEAT && caller !== 'anonymous') continue;
          // To a colleague, another academy is what it is to any teacher (covered above).
          if (caller === 'colleague' && target === 'other') continue;
          const wrongRole =
            caller !== 'anonymous' &&
            ((teacherOnly.has(event) && caller === 'student') ||
              (studentOnly.has(event) && caller !== 'student'));
          const mayUse = caller !== 'anonymous' && caller !== 'operator' && caller !== 'colleague';
          if (mayUse && target === 'own' && !wrongRole) continue;
          const s = socks[caller]!;
          const ids = target === 'own' ? own : other;
          const before = await dbHash(t);
          const mark = s.frames.length;
          s.send(event, payload(event, ids));
          let reply: ErrorPayload | undefined;
          try {
            reply = (await s.next<ErrorPayload>('error', (f) => f.data.event === event, 3000)).data;
          } catch {
            /* reported below */
          }
          const after = await dbHash(t);
          const where = `${caller} -> ${target} ${event}`;
          if (!reply || !REFUSED_WS.includes(reply.code))
            problems.push(`${where}: not refused (${reply?.code ?? 'no error frame'})`);
          if (before !== after) problems.push(`${where}: database changed`);
          const leaked = s.frames
            .slice(mark)
            .filter((f) => f.event !== 'error' && JSON.stringify(f).includes(ids.session));
          if (
            (target === 'other' || caller === 'operator' || caller === 'colleague') &&
            leaked.length
          )
            problems.push(`${where}: received ${leaked.map((f) => f.event)}`);
        }
      }
    }
    for (const s of Object.values(socks)) s?.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
