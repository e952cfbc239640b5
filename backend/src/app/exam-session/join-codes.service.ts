/**
 * Join by code. The staff who plan a session open it to self-enrolment (a code is drawn once
 * and kept) and close it again; a signed-in student of the same academy who types an open
 * session's code is enrolled and goes to the lobby. Codes only work while the session is
 * preparing, or running with late joining allowed; a code of another academy reads exactly
 * like a wrong one. Wrong codes count against the student and their address (sliding
 * windows), each is written to the security log, and past the limit the answer is 429.
 */
import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  codeAdmitsNow,
  normaliseJoinCode,
  type JoinByCodeResponse,
  type SessionJoinCode,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { SlidingWindowLimiter } from '../auth/domain/sliding-window-limiter';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { ExamEntity } from '../exams/entities/exam.entity';
import { SecurityLogService } from '../security/security-log.service';
import { ExamSessionEntity } from './entities/exam-session.entity';
import { StudentSessionEntity } from './entities/student-session.entity';
import { ExamSessionsService } from './exam-sessions.service';
import { LiveSessionService } from './live-session.service';

/** Wrong codes a student may type in the window, and an address (a class behind one NAT). */
export const JOIN_TRIES_PER_USER = 10;
export const JOIN_TRIES_PER_IP = 60;
export const JOIN_WINDOW_MS = 10 * 60_000;

const WRONG =
  'No exam is open to join with this code. Check the code on the board (letters and digits, no O, I or L) and try again, or ask your teacher.';

@Injectable()
export class JoinCodesService {
  private readonly perUser = new SlidingWindowLimiter(JOIN_TRIES_PER_USER, JOIN_WINDOW_MS);
  private readonly perIp = new SlidingWindowLimiter(JOIN_TRIES_PER_IP, JOIN_WINDOW_MS);

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: ExamSessionsService,
    private readonly live: LiveSessionService,
    private readonly security: SecurityLogService,
  ) {}

  /** Opens (drawing a code the first time) or closes a session's self-enrolment. */
  async set(actor: AuthUser, sessionId: string, open: boolean): Promise<SessionJoinCode> {
    const s = await this.sessions.findControlled(actor, sessionId, 'plan');
    if (open && (s.status === 'completed' || s.status === 'terminated')) {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        'This session has ended, so nobody can join it any more. Plan a new session.',
      );
    }
    let code = s.joinCode ?? null;
    for (let attempt = 0; open && !code; attempt++) {
      const candidate = drawCode();
      const taken = await this.ds.manager.count(ExamSessionEntity, {
        where: { joinCode: candidate },
      });
      if (!taken) code = candidate;
      if (attempt > 20) throw new Error('could not draw a free join code');
    }
    await this.ds.manager.update(
      ExamSessionEntity,
      { id: s.id },
      { joinCode: code, joinOpen: open, updatedAt: Date.now() },
    );
    return { sessionId: s.id, code, open };
  }

  /** A student types a code: enrolled (or already), or refused as if the code did not exist. */
  async join(actor: AuthUser, rawCode: string, ip: string): Promise<JoinByCodeResponse> {
    if (actor.role !== 'student') {
      throw AppError.forbidden('Only students join exams with a code; staff open the session.');
    }
    const userKey = `user:${actor.id}`;
    const ipKey = `ip:${ip}`;
    const blocked = [this.perUser.peek(userKey), this.perIp.peek(ipKey)].find((d) => !d.allowed);
    if (blocked) {
      const secs = Math.ceil(blocked.retryAfterMs / 1000);
      this.security.record({
        type: 'join_code_limited',
        severity: 'warn',
        academyId: actor.academyId,
        userId: actor.id,
        ip,
        detail: { retryAfterSeconds: secs },
      });
      throw new AppError(
        429,
        'RATE_LIMITED',
        `Too many wrong codes. Wait ${secs} seconds, check the code with your teacher, and try again.`,
        { retryAfterSeconds: secs },
        { 'Retry-After': String(secs) },
      );
    }
    const code = normaliseJoinCode(rawCode);
    const s = await this.ds.manager.findOne(ExamSessionEntity, { where: { joinCode: code } });
    const admits =
      !!s &&
      codeAdmitsNow({
        status: s.status,
        allowLateJoin: s.config?.allowLateJoin ?? true,
        closingAt: s.closingAt ?? null,
      });
    // Another academy's code reads like a wrong one: nothing tells it exists.
    if (!s || !s.joinOpen || !admits || s.academyId !== actor.academyId) {
      this.perUser.hit(userKey);
      this.perIp.hit(ipKey);
      this.security.record({
        type: 'join_code_failed',
        severity: 'warn',
        academyId: actor.academyId,
        userId: actor.id,
        ip,
        detail: {
          code: code.slice(0, 12),
          ...(s && s.academyId !== actor.academyId ? { otherAcademy: true } : {}),
        },
      });
      throw new AppError(404, 'NOT_FOUND', WRONG);
    }
    const existing = await this.ds.manager.findOne(StudentSessionEntity, {
      where: { examSessionId: s.id, studentId: actor.id },
      select: { id: true },
    });
    if (!existing) {
      const student = await this.ds.manager.findOneOrFail(UserEntity, { where: { id: actor.id } });
      if (student.deactivatedAt !== null && student.deactivatedAt !== undefined) {
        throw AppError.forbidden('Your account is deactivated. Ask your administrator.');
      }
      const exam = await this.ds.manager.findOneOrFail(ExamEntity, { where: { id: s.examId } });
      await this.ds.transaction(async (m) => {
        await this.sessions.enrol(m, s, exam, [student]);
        await m.update(ExamSessionEntity, { id: s.id }, { updatedAt: Date.now() });
      });
      // The roster in memory and on the staff's screens follows at once.
      await this.live.rosterChanged(s.id);
    }
    return { sessionId: s.id, title: s.title, alreadyEnrolled: !!existing };
  }

  /** Takes a student off a session that has not started (the lobby), e.g. joined by mistake. */
  async remove(actor: AuthUser, sessionId: string, studentId: string): Promise<void> {
    const s = await this.sessions.findControlled(actor, sessionId, 'plan');
    if (s.status !== 'preparing') {
      throw new AppError(
        409,
        'INVALID_TRANSITION',
        'Students can only be taken off a session before it starts. Once it runs, end their attempt instead.',
      );
    }
    const res = await this.ds.manager.delete(StudentSessionEntity, {
      examSessionId: s.id,
      studentId,
    });
    if (!res.affected) throw AppError.notFound('That student in this session');
    await this.ds.manager.update(ExamSessionEntity, { id: s.id }, { updatedAt: Date.now() });
    await this.live.rosterChanged(s.id);
  }
}

/** A random code of JOIN_CODE_LENGTH unambiguous characters (crypto RNG). */
export function drawCode(): string {
  let out = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    out += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  }
  return out;
}
