/**
 * The live protocol as an AsyncAPI 3 document, generated from ONE table: every event name in
 * the contracts -> its direction and the JSON schema of its `data`. The table is typed by
 * the contract's event-name union, so adding an event to the contracts without describing
 * it here does not compile, and asyncapi.spec.ts compares the document with the contract.
 */
import {
  ANSWER_ACK_STATUSES,
  BROADCAST_LEVELS,
  COMPLETE_MODES,
  CONNECTION_EVENTS,
  CONNECTION_STATUSES,
  ERROR_CODES,
  EXAM_SESSION_STATUSES,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  ATTEMPT_END_REASONS,
  ATTEMPT_RESULTS,
  RESULTS_EVENTS,
  RESULTS_RELEASE_MODES,
  SESSION_CONTROL_EVENTS,
  SESSION_END_REASONS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
  STUDENT_LEFT_REASONS,
  STUDENT_SESSION_STATUSES,
  TEXT_FORMATS,
  CLIENT_SIGNAL_KINDS,
  INTEGRITY_EVENTS,
  LINE_SPACINGS,
  TEXT_SIZES,
  TOOLS_EVENTS,
  INTEGRITY_SIGNAL_KINDS,
  type LiveProtocolEvent,
} from '@exam/contracts';

type Schema = Record<string, unknown>;
type ConnectionEvent = (typeof CONNECTION_EVENTS)[keyof typeof CONNECTION_EVENTS];
export type ProtocolEvent = LiveProtocolEvent | ConnectionEvent;

/** client = client -> server; server = server -> client; both = a command and its broadcast. */
export type Direction = 'client' | 'server' | 'both';

export interface EventSpec {
  direction: Direction;
  summary: string;
  /** Payload sent by the client (direction client/both). */
  request?: Schema;
  /** Payload sent by the server (direction server/both). */
  payload?: Schema;
  /** Server events that belong to a session carry seq + sessionId. */
  sequenced?: boolean;
}

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
const num = (extra: Schema = {}): Schema => ({ type: 'number', ...extra });
const bool: Schema = { type: 'boolean' };
const ms = (description = 'epoch ms, server clock'): Schema => ({ type: 'integer', description });
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const oneOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });
const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
/** A strict object: every listed property, the ones without `?` required. */
function obj(props: Record<string, Schema>, additional = false): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    const optional = k.endsWith('?');
    const name = optional ? k.slice(0, -1) : k;
    properties[name] = v;
    if (!optional) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: additional };
}

const sessionId = str({ description: 'exam session id' });
const command = obj({ sessionId, 'reason?': str({ maxLength: 500 }) });
const answerValue: Schema = {
  description:
    'By question type: {optionId} | {value: boolean} | {optionIds} | {text} | {value: number} | {text} | {order} | {pairs}; at most WS_MAX_ANSWER_BYTES (10 KB)',
  type: 'object',
};
const config = obj({
  timeWarningMinutes: arr(int()),
  gracePeriodSeconds: int(),
  allowLateJoin: bool,
  'autoLaunch?': bool,
  'integritySignals?': arr(oneOf(INTEGRITY_SIGNAL_KINDS)),
  'fullscreen?': bool,
  'calculator?': bool,
});
const stats = obj({
  enrolled: int(),
  connected: int(),
  completed: int(),
  averageProgress: num(),
  minutesElapsed: int(),
});
const question: Schema = {
  type: 'object',
  description:
    "StudentQuestionView: id, type, position, prompt, points and the options/items in this student's order; never the key",
  required: ['id', 'type', 'position', 'prompt', 'points'],
};
const examText = obj({
  id: str(),
  beforeQuestionId: nullable(
    str({ description: 'shown before this question; null: after the last' }),
  ),
  text: str(),
  'format?': oneOf(TEXT_FORMATS),
});
const integritySignal = obj({
  id: str(),
  studentId: str(),
  kind: oneOf(INTEGRITY_SIGNAL_KINDS),
  at: ms(),
  durationMs: nullable(int()),
  chars: nullable(int()),
  questionId: nullable(str()),
  offline: bool,
  detail: nullable({ type: 'object' }),
});
const savedAnswer = obj({
  questionId: str(),
  answer: answerValue,
  key: str(),
  seq: int(),
  final: bool,
  savedAt: ms(),
});
const snapshotBase = {
  sessionId,
  title: str(),
  status: oneOf(EXAM_SESSION_STATUSES),
  durationMinutes: int(),
  config,
  launchedAt: nullable(ms()),
  pausedAt: nullable(ms()),
  endedAt: nullable(ms()),
  closingAt: nullable(ms('"let everyone finish their own time" chosen at')),
  scheduledStartAt: nullable(ms('the planned start')),
  serverNow: ms(),
  questionCount: int(),
  lastSeq: int(),
  deadline: nullable(ms()),
};
const attemptScore = obj({
  score: num(),
  maxScore: num(),
  percent: num(),
  result: nullable(oneOf(ATTEMPT_RESULTS)),
  pendingManual: int(),
  gradedAt: ms(),
});
const rosterEntry = obj({
  studentId: str(),
  studentSessionId: str(),
  displayName: str(),
  status: oneOf(STUDENT_SESSION_STATUSES),
  connectionStatus: oneOf(CONNECTION_STATUSES),
  answered: int(),
  total: int(),
  progress: num(),
  currentQuestionId: nullable(str()),
  timeSpentMs: int(),
  joinedAt: nullable(ms()),
  completedAt: nullable(ms()),
  lastActivityAt: nullable(ms()),
  deadline: nullable(ms()),
  extraMs: int(),
  extraTimePercent: int(),
  allowanceMs: int({
    description: "this student's working time: duration, accommodation, added time",
  }),
  score: nullable(attemptScore),
  endReason: nullable(oneOf(ATTEMPT_END_REASONS)),
  signals: obj({ count: int(), latest: nullable(integritySignal) }),
});

export const PROTOCOL: Record<ProtocolEvent, EventSpec> = {
  [CONNECTION_EVENTS.AUTH_REQUEST]: {
    direction: 'client',
    summary: 'Authenticate a socket opened without ?access_token= (must be the first frame)',
    request: obj({ token: str() }),
  },
  [CONNECTION_EVENTS.AUTH_SUCCESS]: {
    direction: 'server',
    summary: 'The socket is authenticated; carries the server clock and token expiry',
    payload: obj({ user: { type: 'object' }, serverNow: ms(), tokenExpiresAt: ms() }),
  },
  [CONNECTION_EVENTS.AUTH_FAILED]: {
    direction: 'server',
    summary: 'Authentication refused',
    payload: obj({ code: oneOf(ERROR_CODES), message: str() }),
  },
  [CONNECTION_EVENTS.HEARTBEAT]: {
    direction: 'both',
    summary: 'Application heartbeat; the reply carries serverNow for the clock offset (R8)',
    request: obj({ 'clientNow?': ms('client clock') }),
    payload: obj({ serverNow: ms(), 'clientNow?': ms('echo') }),
  },
  [CONNECTION_EVENTS.ERROR]: {
    direction: 'server',
    summary: 'Any refused or failed request',
    payload: obj({
      code: oneOf(ERROR_CODES),
      message: str(),
      'details?': {},
      recoverable: bool,
      'event?': str(),
      'key?': str({ description: 'idempotency key of the refused answer' }),
      'retryAfterMs?': int(),
    }),
  },
  [SESSION_EVENTS.SESSION_JOIN]: {
    direction: 'client',
    summary:
      'Enter a session room (teacher or enrolled student). Without lastSeq: a session_snapshot. With lastSeq: the missed events then session_resumed, or a snapshot when they are gone',
    request: obj({ sessionId, 'lastSeq?': int({ minimum: 0 }) }),
  },
  [SESSION_EVENTS.RECONNECT]: {
    direction: 'client',
    summary: "The seed's reconnect: session_join with the last seq seen",
    request: obj({ sessionId, lastSeq: int({ minimum: 0 }) }),
  },
  [SESSION_EVENTS.SESSION_LEAVE]: {
    direction: 'client',
    summary: 'Leave the room (teachers see student_left reason disconnect)',
    request: obj({ sessionId }),
  },
  [SESSION_EVENTS.SESSION_SNAPSHOT]: {
    direction: 'server',
    summary:
      'Full state, flagged isSnapshot: the frame seq is the session seq it is exact at. Teachers: roster; students: their questions, saved answers (latest per question), deadline and remaining time',
    sequenced: true,
    payload: obj({
      isSnapshot: { const: true },
      snapshot: {
        oneOf: [
          obj({
            ...snapshotBase,
            role: { const: 'teacher' },
            totalPausedMs: int(),
            extraMs: int(),
            stats,
            roster: arr(rosterEntry),
          }),
          obj({
            ...snapshotBase,
            role: { const: 'student' },
            remainingMs: nullable(int()),
            attemptStatus: oneOf(STUDENT_SESSION_STATUSES),
            completedAt: nullable(ms()),
            endReason: nullable(oneOf(ATTEMPT_END_REASONS)),
            allowanceMs: int({ description: "this student's own working time" }),
            currentQuestionId: nullable(str()),
            questions: arr(question),
            texts: arr(examText),
            answers: arr(savedAnswer),
          }),
        ],
      },
    }),
  },
  [SESSION_EVENTS.SESSION_RESUMED]: {
    direction: 'server',
    summary: 'Sent after the replayed missed events of a resume',
    payload: obj({ sessionId, fromSeq: int(), toSeq: int(), replayed: int() }),
  },
  [SESSION_EVENTS.EXAM_SUBMIT]: {
    direction: 'both',
    summary: 'Student final submit; the reply goes to every socket of that student',
    sequenced: true,
    request: obj({ sessionId }),
    payload: obj({
      sessionId,
      status: { const: 'completed' },
      endReason: oneOf(['submitted', 'deadline']),
      completedAt: ms(),
      answered: int(),
      total: int(),
    }),
  },
  [INTEGRITY_EVENTS.INTEGRITY_SIGNAL]: {
    direction: 'both',
    summary:
      "Integrity signals, context and never a verdict. Student -> server: what the exam page saw (1-50 signals, each with the page's own id so a resend is stored once; times on the server's clock; about the sender only). Server -> staff: a student's new signals and their count and latest",
    request: obj({
      sessionId,
      signals: arr(
        obj({
          id: str({ description: "8-64 characters, the page's own id" }),
          kind: oneOf(CLIENT_SIGNAL_KINDS),
          at: ms(),
          'durationMs?': int(),
          'chars?': int({ description: 'paste: how many characters (never the content)' }),
          'questionId?': str(),
          'offline?': bool,
        }),
      ),
    }),
    sequenced: true,
    payload: obj({
      sessionId,
      studentId: str(),
      signals: arr(integritySignal),
      summary: obj({ count: int(), latest: nullable(integritySignal) }),
    }),
  },
  [INTEGRITY_EVENTS.INTEGRITY_ACK]: {
    direction: 'server',
    summary:
      'The reply to integrity_signal, after the signals were stored: the ids that need no resending, how many were new, already stored, or not recorded (a kind the planner did not choose)',
    payload: obj({
      sessionId,
      ids: arr(str()),
      stored: int(),
      duplicates: int(),
      ignored: int(),
    }),
  },
  [TOOLS_EVENTS.TOOLS_CHANGED]: {
    direction: 'server',
    summary:
      "A student's test-taker tools changed (by staff, or by the student on another device): the new tools, to every open socket of that student, so the exam page applies them at once. Not sequenced: it belongs to the student, not to a session",
    payload: obj({
      tools: obj({
        textSize: { type: 'integer', enum: [...TEXT_SIZES] },
        lineSpacing: oneOf(LINE_SPACINGS),
        highContrast: bool,
        dyslexiaFont: bool,
        lineReader: bool,
        optionElimination: bool,
        highlighter: bool,
      }),
      studentMayChange: bool,
      setBy: nullable(oneOf(['student', 'staff'])),
      updatedAt: nullable(str()),
    }),
  },
  [SESSION_EVENTS.QUESTION_VIEWED]: {
    direction: 'client',
    summary: "The student's current question (teacher progress)",
    request: obj({ sessionId, questionId: str() }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_PREPARE]: {
    direction: 'both',
    summary: 'Teacher announces the exam to the lobby (preparing only)',
    sequenced: true,
    request: command,
    payload: obj({
      sessionId,
      status: oneOf(EXAM_SESSION_STATUSES),
      title: str(),
      durationMinutes: int(),
      questionCount: int(),
      config,
    }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_LAUNCH]: {
    direction: 'both',
    summary:
      'preparing -> active. Students get their own deadline, serverNow and questions (no key)',
    sequenced: true,
    request: command,
    payload: obj({
      sessionId,
      status: { const: 'active' },
      launchedAt: ms(),
      deadline: ms(),
      serverNow: ms(),
      durationMinutes: int(),
      'questions?': arr(question),
      'texts?': arr(examText),
    }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_PAUSE]: {
    direction: 'both',
    summary: 'active -> paused; remaining time is frozen',
    sequenced: true,
    request: command,
    payload: obj({ sessionId, status: { const: 'paused' }, pausedAt: ms(), serverNow: ms() }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_RESUME]: {
    direction: 'both',
    summary: 'paused -> active; each recipient gets their new deadline',
    sequenced: true,
    request: command,
    payload: obj({
      sessionId,
      status: { const: 'active' },
      deadline: ms(),
      serverNow: ms(),
      totalPausedMs: int(),
    }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_COMPLETE]: {
    direction: 'both',
    summary:
      'active/paused -> completed (teacher, or the clock: reason deadline); attempts finalised. With mode own_time: nobody new starts, everyone working finishes their own time (exam_closing), then it completes',
    sequenced: true,
    request: obj({
      sessionId,
      'reason?': str({ maxLength: 500 }),
      'mode?': oneOf(COMPLETE_MODES),
    }),
    payload: obj({
      sessionId,
      status: { const: 'completed' },
      endedAt: ms(),
      reason: oneOf(SESSION_END_REASONS),
    }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_TERMINATE]: {
    direction: 'both',
    summary: 'Any live state -> terminated; attempts finalised',
    sequenced: true,
    request: command,
    payload: obj({
      sessionId,
      status: { const: 'terminated' },
      endedAt: ms(),
      reason: oneOf(SESSION_END_REASONS),
    }),
  },
  [SESSION_CONTROL_EVENTS.EXAM_ADD_TIME]: {
    direction: 'both',
    summary:
      'Add minutes for the session or one student; affected students get their new deadline at once',
    sequenced: true,
    request: obj({ sessionId, minutes: int({ minimum: 1, maximum: 600 }), 'studentId?': str() }),
    payload: obj({
      sessionId,
      addedMs: int(),
      scope: oneOf(['session', 'student']),
      deadline: ms(),
      serverNow: ms(),
      'studentId?': str(),
      'allowanceMs?': int({ description: 'students: their working time now' }),
    }),
  },
  [STUDENT_EVENTS.STUDENT_JOINED]: {
    direction: 'server',
    summary: 'Teachers: a student came online in the session',
    sequenced: true,
    payload: obj({
      sessionId,
      studentId: str(),
      displayName: str(),
      joinedAt: ms(),
      connectionStatus: oneOf(CONNECTION_STATUSES),
      rejoin: bool,
      offlineMs: nullable(int()),
    }),
  },
  [STUDENT_EVENTS.STUDENT_LEFT]: {
    direction: 'server',
    summary: 'Teachers: a student went offline or finished',
    sequenced: true,
    payload: obj({ sessionId, studentId: str(), reason: oneOf(STUDENT_LEFT_REASONS), at: ms() }),
  },
  [STUDENT_EVENTS.STUDENT_PROGRESS]: {
    direction: 'server',
    summary: "Teachers: one student's progress, coalesced to at most 4 per second per student",
    sequenced: true,
    payload: obj({
      sessionId,
      studentId: str(),
      status: oneOf(STUDENT_SESSION_STATUSES),
      currentQuestionId: nullable(str()),
      answered: int(),
      total: int(),
      progress: num({ minimum: 0, maximum: 100 }),
      timeSpentMs: int(),
      connectionStatus: oneOf(CONNECTION_STATUSES),
      lastActivityAt: nullable(ms()),
      endReason: nullable(oneOf(ATTEMPT_END_REASONS)),
    }),
  },
  [LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED]: {
    direction: 'client',
    summary: 'A final answer to one question',
    request: obj({
      sessionId,
      questionId: str(),
      answer: answerValue,
      key: str({ pattern: '^[A-Za-z0-9_\\-:.]{8,100}$' }),
      seq: int({ minimum: 0 }),
    }),
  },
  [LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED]: {
    direction: 'client',
    summary: 'A draft answer (autosave); same fields and guarantees as answer_submitted',
    request: obj({
      sessionId,
      questionId: str(),
      answer: answerValue,
      key: str({ pattern: '^[A-Za-z0-9_\\-:.]{8,100}$' }),
      seq: int({ minimum: 0 }),
    }),
  },
  [LIVE_ANSWER_EVENTS.ANSWER_ACK]: {
    direction: 'server',
    summary:
      'The one reply per answer, to the sending socket: saved/autosaved only after COMMIT; a duplicate key gets the original reply; stale = a newer seq is stored; late = after deadline + grace (nothing stored)',
    payload: obj({
      sessionId,
      questionId: str(),
      key: str(),
      seq: int(),
      status: oneOf(ANSWER_ACK_STATUSES),
      'savedAt?': ms(),
      'currentSeq?': int(),
      'code?': oneOf(ERROR_CODES),
      'message?': str(),
    }),
  },
  [LIVE_EVENTS.LIVE_UPDATE]: {
    direction: 'server',
    summary: 'Teachers: session statistics when they change',
    sequenced: true,
    payload: obj({
      sessionId,
      kind: { const: 'stats' },
      status: oneOf(EXAM_SESSION_STATUSES),
      stats,
    }),
  },
  [LIVE_EVENTS.BROADCAST_MESSAGE]: {
    direction: 'both',
    summary: 'Teacher message to all students or chosen ones',
    sequenced: true,
    request: obj({
      sessionId,
      message: str({ maxLength: 1000 }),
      'level?': oneOf(BROADCAST_LEVELS),
      'studentIds?': arr(str()),
    }),
    payload: obj({
      sessionId,
      message: str(),
      level: oneOf(BROADCAST_LEVELS),
      fromUserId: str(),
      sentAt: ms(),
    }),
  },
  [LIVE_EVENTS.EXAM_CLOSING]: {
    direction: 'server',
    summary:
      'The teacher chose "let everyone finish their own time": nobody new may start; the session completes when the last student working is done (endsBy at the latest)',
    sequenced: true,
    payload: obj({
      sessionId,
      closingAt: ms(),
      working: int(),
      endsBy: nullable(ms()),
      serverNow: ms(),
    }),
  },
  [LIVE_EVENTS.TIME_WARNING]: {
    direction: 'server',
    summary: "Minutes left before this student's deadline; each configured minute once",
    sequenced: true,
    payload: obj({
      sessionId,
      minutesRemaining: int(),
      urgent: bool,
      deadline: ms(),
      serverNow: ms(),
    }),
  },
  [RESULTS_EVENTS.RESULTS_RELEASED]: {
    direction: 'server',
    summary:
      "Teachers and the session's students: the teacher released results (mode none = withdrawn); students then read GET /exam-sessions/:id/my-result",
    sequenced: true,
    payload: obj({
      sessionId,
      mode: oneOf(RESULTS_RELEASE_MODES),
      releasedAt: nullable(ms()),
    }),
  },
  [RESULTS_EVENTS.ATTEMPT_GRADED]: {
    direction: 'server',
    summary:
      "Teachers: an attempt's score changed (graded when it ended, graded by hand, or regraded)",
    sequenced: true,
    payload: obj({
      sessionId,
      studentId: str(),
      studentSessionId: str(),
      endReason: nullable(oneOf(ATTEMPT_END_REASONS)),
      score: attemptScore,
    }),
  },
};

/** Builds the AsyncAPI 3.0 document. */
export function buildAsyncApi(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const channelMessages: Record<string, unknown> = {};
  for (const [event, spec] of Object.entries(PROTOCOL) as Array<[ProtocolEvent, EventSpec]>) {
    const frame = (data: Schema | undefined, fromServer: boolean): Schema => {
      const props: Record<string, Schema> = { event: { const: event }, data: data ?? {} };
      if (fromServer) {
        props.id = str({ description: 'unique message id' });
        props.ts = ms('server time the frame was made');
        if (spec.sequenced) {
          props.seq = int({ description: 'session sequence number (resume, R9)' });
          props.sessionId = sessionId;
        }
      }
      return obj(props);
    };
    if (spec.direction !== 'server') {
      const name = `${event}.client`;
      messages[name] = {
        name: event,
        title: `${event} (client -> server)`,
        summary: spec.summary,
        payload: frame(spec.request, false),
      };
      channelMessages[name] = { $ref: `#/components/messages/${name}` };
      operations[`receive_${event}`] = {
        action: 'receive',
        channel: { $ref: '#/channels/live' },
        summary: spec.summary,
        messages: [{ $ref: `#/channels/live/messages/${name}` }],
      };
    }
    if (spec.direction !== 'client') {
      const name = `${event}.server`;
      messages[name] = {
        name: event,
        title: `${event} (server -> client)`,
        summary: spec.summary,
        payload: frame(spec.payload, true),
      };
      channelMessages[name] = { $ref: `#/components/messages/${name}` };
      operations[`send_${event}`] = {
        action: 'send',
        channel: { $ref: '#/channels/live' },
        summary: spec.summary,
        messages: [{ $ref: `#/channels/live/messages/${name}` }],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Real-time exam system: live protocol',
      version: '1.0.0',
      description:
        'JSON text frames {event, data} over the WebSocket at /ws. Authenticate with ?access_token=<JWT> on the handshake or an auth_request first frame. Server frames add id, ts and, for session events, seq + sessionId: remember the highest seq and send it with session_join/reconnect to resume. Times are epoch ms of the server clock.',
    },
    defaultContentType: 'application/json',
    servers: {
      ws: {
        host: 'localhost:3000',
        pathname: '/ws',
        protocol: 'ws',
        description: 'Same port as the HTTP API (or WEBSOCKET_PORT)',
      },
    },
    channels: { live: { address: '/ws', messages: channelMessages } },
    operations,
    components: { messages },
  };
}

/** Markdown table of the events (README protocol section). */
export function eventsTable(): string {
  const dir: Record<Direction, string> = {
    client: 'client → server',
    server: 'server → client',
    both: 'both',
  };
  const rows = (Object.entries(PROTOCOL) as Array<[ProtocolEvent, EventSpec]>).map(
    ([e, s]) =>
      `| \`${e}\` | ${dir[s.direction]} | ${s.sequenced ? 'yes' : ''} | ${s.summary.replace(/\|/g, '\\|')} |`,
  );
  return ['| event | direction | seq | what |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
