/**
 * Integrity signals of a live session: a student's page reports what it saw (stored, then
 * acknowledged, so its offline queue can forget them), the server records what it sees
 * itself (another device or tab, a new address, a reconnect), each student's summary is kept
 * for the teacher's grid, new signals go to the session's staff at once, and a student's
 * timeline puts signals beside answers and connection changes. Signals are only recorded,
 * never judged: nothing here changes a score, a deadline or an attempt.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import {
  INTEGRITY_EVENTS,
  MAX_SIGNALS_PER_ATTEMPT,
  recordedKinds,
  type IntegrityAckPayload,
  type IntegritySignal,
  type IntegritySignalKind,
  type IntegritySignalPayload,
  type IntegritySignalReport,
  type ReportedSignal,
  type StudentTimeline,
  type TimelineEntry,
} from '@exam/contracts';
import { AppError } from '../../common/app-error';
import { AUDIENCE_TEACHERS } from '../../realtime/realtime-bus';
import { NO_SIGNALS, addToSummary, sortReport, sortTimeline } from '../domain/integrity';
import { AnswerEntity } from '../entities/answer.entity';
import { IntegritySignalEntity } from '../entities/integrity-signal.entity';
import { SessionEventEntity } from '../entities/session-event.entity';
import { LiveWriteDb } from '../live-write-db.service';
import { toSignal } from './integrity-load';
import { LiveAccess } from './live-access';
import { LiveEmitter } from './live-emitter';
import type { Actor, LiveState, StudentState } from './live-state';

/** Most timeline lines of each source (answers, log entries, signals) one request reads. */
const TIMELINE_ROWS = 5_000;

/** A signal to store: reported by the page, or seen by the server (any kind; no page id). */
type SignalInput = Omit<ReportedSignal, 'kind'> & { kind: IntegritySignalKind };

@Injectable()
export class LiveIntegrity {
  private readonly log = new Logger('LiveIntegrity');

  constructor(
    private readonly access: LiveAccess,
    private readonly emitter: LiveEmitter,
    private readonly db: LiveWriteDb,
  ) {}

  /**
   * integrity_signal from a student's page: checked against the session (recorded kinds,
   * times inside the attempt, questions of the exam), stored once per page id, and answered
   * only after the commit. Always about the sender: a report names no student.
   */
  async report(actor: Actor, req: IntegritySignalReport): Promise<IntegrityAckPayload> {
    const { st, me } = await this.access.asStudent(actor, req.sessionId);
    if (st.launchedAt === null) {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        'The exam has not started yet; nothing is recorded before it starts.',
      );
    }
    const questions = new Set(st.questions.map((q) => q.id));
    const unknown = req.signals.findIndex((s) => s.questionId && !questions.has(s.questionId));
    if (unknown >= 0) {
      throw AppError.badRequest('A signal names a question that is not in this exam.', [
        { field: `signals[${unknown}].questionId`, problems: ['not a question of this exam'] },
      ]);
    }
    const now = Date.now();
    const sorted = sortReport(req.signals, {
      recorded: recordedKinds(st.config),
      startedAt: Math.max(st.launchedAt, me.joinedAt ?? st.launchedAt),
      now,
    });
    if (sorted.problem) {
      throw AppError.badRequest('A signal has a time outside this attempt.', [
        { field: 'signals', problems: [sorted.problem] },
      ]);
    }
    const { stored, duplicates, full } = await this.store(st, me, sorted.keep);
    return {
      sessionId: st.id,
      ids: req.signals.map((s) => s.id),
      stored: stored.length,
      duplicates,
      ignored: sorted.ignored.length + full,
    };
  }

  /**
   * What the server itself saw (another device, a new address, a reconnect): recorded when
   * the planner chose that kind, in the background (it never holds up a join).
   */
  serverSignal(
    st: LiveState,
    me: StudentState,
    kind: Extract<IntegritySignalKind, 'second_device' | 'new_ip' | 'reconnect'>,
    extra: { durationMs?: number; detail?: Record<string, string | number> } = {},
  ): void {
    if (st.launchedAt === null || !recordedKinds(st.config).has(kind)) return;
    const signal: SignalInput = {
      id: '',
      kind,
      at: Date.now(),
      ...(extra.durationMs === undefined ? {} : { durationMs: extra.durationMs }),
      ...(me.currentQuestionId ? { questionId: me.currentQuestionId } : {}),
    };
    this.store(st, me, [signal], extra.detail).catch((e: unknown) =>
      this.log.warn({ msg: 'integrity signal not stored', kind, err: String(e) }),
    );
  }

  /** Stores new signals once, updates the student's summary and tells the staff. */
  private async store(
    st: LiveState,
    me: StudentState,
    signals: readonly SignalInput[],
    detail?: Record<string, string | number>,
  ): Promise<{ stored: IntegritySignal[]; duplicates: number; full: number }> {
    if (!signals.length) return { stored: [], duplicates: 0, full: 0 };
    const result = await this.db.transaction(async (em) => {
      const clientIds = signals.map((s) => s.id).filter(Boolean);
      const seen = clientIds.length
        ? new Set(
            (
              await em.find(IntegritySignalEntity, {
                where: { studentSessionId: me.id, clientId: In(clientIds) },
                select: { clientId: true },
              })
            ).map((r) => r.clientId),
          )
        : new Set<string | null>();
      const fresh = signals.filter(
        (s, i) => !s.id || (!seen.has(s.id) && clientIds.indexOf(s.id) === i),
      );
      const room = Math.max(0, MAX_SIGNALS_PER_ATTEMPT - (me.signals ?? NO_SIGNALS).count);
      const kept = fresh.slice(0, room);
      const now = Date.now();
      const rows: IntegritySignalEntity[] = kept.map((s) => ({
        id: randomUUID(),
        academyId: st.academyId,
        examSessionId: st.id,
        studentSessionId: me.id,
        studentId: me.userId,
        kind: s.kind,
        at: s.at,
        durationMs: s.durationMs ?? null,
        chars: s.chars ?? null,
        questionId: s.questionId ?? null,
        offline: s.offline ?? false,
        clientId: s.id || null,
        detail: detail ?? null,
        createdAt: now,
      }));
      if (rows.length) await em.insert(IntegritySignalEntity, rows);
      return { rows, duplicates: signals.length - fresh.length, full: fresh.length - kept.length };
    }, 'integrity');
    const stored = result.rows.map(toSignal);
    if (stored.length) {
      me.signals = addToSummary(me.signals ?? NO_SIGNALS, stored);
      const data: IntegritySignalPayload = {
        sessionId: st.id,
        studentId: me.userId,
        signals: stored,
        summary: me.signals,
      };
      this.emitter.emit(st, AUDIENCE_TEACHERS, INTEGRITY_EVENTS.INTEGRITY_SIGNAL, data);
    }
    return { stored, duplicates: result.duplicates, full: result.full };
  }

  /** A student's timeline for the session's staff: signals, answers, connections, the end. */
  async timeline(actor: Actor, sessionId: string, studentId: string): Promise<StudentTimeline> {
    const st = await this.access.asTeacher(actor, sessionId);
    const me = st.students.get(studentId);
    if (!me) throw AppError.notFound('That student in this session');
    const r = this.db.reader;
    const [signals, answers, log] = await Promise.all([
      r.find(IntegritySignalEntity, {
        where: { examSessionId: st.id, studentId },
        order: { at: 'ASC' },
        take: TIMELINE_ROWS,
      }),
      r.find(AnswerEntity, {
        where: { studentSessionId: me.id },
        select: { questionId: true, final: true, createdAt: true },
        order: { createdAt: 'ASC' },
        take: TIMELINE_ROWS,
      }),
      r.find(SessionEventEntity, {
        where: {
          examSessionId: st.id,
          type: In([
            'student_joined',
            'student_disconnected',
            'student_left',
            'exam_submit',
            'attempt_expired',
          ]),
        },
        order: { id: 'ASC' },
        take: TIMELINE_ROWS * 4,
      }),
    ]);
    const entries: TimelineEntry[] = [
      ...signals.map((s): TimelineEntry => ({ type: 'signal', at: s.at, signal: toSignal(s) })),
      ...answers.map((a): TimelineEntry => ({
        type: 'answer',
        at: a.createdAt,
        questionId: a.questionId,
        final: !!a.final,
      })),
      ...log.flatMap((e) => logEntry(e, studentId)),
    ];
    return {
      sessionId: st.id,
      studentId,
      displayName: me.displayName,
      questionIds: st.questions.map((q) => q.id),
      summary: me.signals ?? NO_SIGNALS,
      entries: sortTimeline(entries),
    };
  }
}

/** A session log entry as a line of one student's timeline (none when it is not about them). */
function logEntry(e: SessionEventEntity, studentId: string): TimelineEntry[] {
  const ids = Array.isArray(e.data['studentIds']) ? (e.data['studentIds'] as string[]) : [];
  const about = e.actorId === studentId || ids.includes(studentId);
  if (!about) return [];
  const at = e.createdAt;
  switch (e.type) {
    case 'student_joined': {
      const offline = typeof e.data['offlineMs'] === 'number' ? e.data['offlineMs'] : null;
      return [
        {
          type: 'connection',
          at,
          change: e.data['rejoin'] ? 'rejoined' : 'joined',
          offlineMs: offline,
        },
      ];
    }
    case 'student_disconnected':
      return [{ type: 'connection', at, change: 'disconnected', offlineMs: null }];
    case 'student_left':
      return [
        {
          type: 'connection',
          at,
          change: e.data['reason'] === 'disconnect' ? 'gone' : 'left',
          offlineMs: null,
        },
      ];
    case 'exam_submit':
      return [{ type: 'attempt', at, change: 'submitted' }];
    case 'attempt_expired':
      return [{ type: 'attempt', at, change: 'time_up' }];
    default:
      return [];
  }
}
