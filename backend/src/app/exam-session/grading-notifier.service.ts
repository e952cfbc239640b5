/**
 * Tells the live side that an attempt's score changed outside its end (a manual grade, a
 * regrade, the restart catch-up): the cached live state follows, and the session's teachers
 * get attempt_graded.
 */
import { Injectable } from '@nestjs/common';
import {
  RESULTS_EVENTS,
  type AttemptEndReason,
  type AttemptGradedPayload,
  type AttemptScore,
} from '@exam/contracts';
import { AUDIENCE_GRADERS } from '../realtime/realtime-bus';
import { StudentSessionEntity } from './entities/student-session.entity';
import { LiveSessionService } from './live-session.service';
import { LiveWriteDb } from './live-write-db.service';
import { SessionPublisher } from './session-publisher.service';

@Injectable()
export class GradingNotifier {
  constructor(
    private readonly live: LiveSessionService,
    private readonly publisher: SessionPublisher,
    private readonly db: LiveWriteDb,
  ) {}

  async attemptGraded(
    sessionId: string,
    studentSessionId: string,
    score: AttemptScore,
    endReason: AttemptEndReason | null,
  ): Promise<void> {
    const studentId =
      this.live.noteScore(sessionId, studentSessionId, score, endReason) ??
      (
        await this.db.reader.findOne(StudentSessionEntity, {
          where: { id: studentSessionId },
          select: { studentId: true },
        })
      )?.studentId;
    if (!studentId) return;
    const data: AttemptGradedPayload = {
      sessionId,
      studentId,
      studentSessionId,
      endReason,
      score,
    };
    await this.publisher.publish(sessionId, AUDIENCE_GRADERS, RESULTS_EVENTS.ATTEMPT_GRADED, data);
  }
}
