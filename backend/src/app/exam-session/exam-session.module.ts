/** Live exam sessions: lifecycle, clock, answers, the ExamGateway and REST mirrors. */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExamsModule } from '../exams/exams.module';
import { GradingModule } from '../grading/grading.module';
import { ExamSessionEntity } from './entities/exam-session.entity';
import { StudentSessionEntity } from './entities/student-session.entity';
import { SessionStaffEntity } from './entities/session-staff.entity';
import { SessionStaff } from './session-staff.service';
import { ExamGateway } from './exam.gateway';
import { ExamSessionsController } from './exam-sessions.controller';
import { ExamSessionsService } from './exam-sessions.service';
import { DemoExamSeed } from './demo-exam.seed';
import { AnswerWriter } from './answer-writer';
import { BackgroundWriter } from './background-writer';
import { ConnectionTracker } from './connection-tracker.service';
import { AnswerEntity } from './entities/answer.entity';
import { ConnectionEntity } from './entities/connection.entity';
import { SessionEventEntity } from './entities/session-event.entity';
import { SessionSeqReservationEntity } from './entities/session-seq-reservation.entity';
import { LiveSessionController } from './live-session.controller';
import { LiveSessionService } from './live-session.service';
import { GradingNotifier } from './grading-notifier.service';
import { GradingRecovery } from './grading-recovery.service';
import { SessionPublisher } from './session-publisher.service';
import { LiveWriteDb } from './live-write-db.service';
import { SessionSeq } from './session-seq.service';
import { AsyncApiController } from './protocol/asyncapi.controller';
import { SessionActivityController } from './session-activity.controller';
import { SessionActivity } from './session-activity.service';
import { ScheduledLaunches } from './scheduled-launches.service';
import { LifecycleAnnouncer } from './live/lifecycle-announcer';
import { LifecycleCommands } from './live/lifecycle-commands';
import { LiveAccess } from './live/live-access';
import { LiveAnswers } from './live/live-answers';
import { LiveControls } from './live/live-controls';
import { LiveEmitter } from './live/live-emitter';
import { LivePresence } from './live/live-presence';
import { LiveIntegrity } from './live/live-integrity';
import { IntegrityController } from './integrity.controller';
import { JoinCodesController } from './join-codes.controller';
import { JoinCodesService } from './join-codes.service';
import { IntegritySignalEntity } from './entities/integrity-signal.entity';
import { LiveProgress } from './live/live-progress';
import { ClusterSync } from './live/cluster-sync';
import { LiveRooms } from './live/live-rooms';
import { PresenceRegistry } from './live/presence-registry';
import { SessionClock } from './live/session-clock';
import { SessionGrading } from './live/session-grading';
import { SessionLog } from './live/session-log';
import { SessionStore } from './live/session-store';

@Module({
  imports: [
    TypeOrmModule.forFeature([ExamSessionEntity, StudentSessionEntity, SessionStaffEntity]),
    ExamsModule,
    GradingModule,
    TypeOrmModule.forFeature([
      AnswerEntity,
      SessionEventEntity,
      ConnectionEntity,
      SessionSeqReservationEntity,
      IntegritySignalEntity,
    ]),
  ],
  controllers: [
    ExamSessionsController,
    LiveSessionController,
    SessionActivityController,
    IntegrityController,
    JoinCodesController,
    AsyncApiController,
  ],
  providers: [
    ExamGateway,
    LiveWriteDb,
    AnswerWriter,
    BackgroundWriter,
    SessionSeq,
    SessionPublisher,
    GradingNotifier,
    ConnectionTracker,
    // The live session's units (live/); LiveSessionService holds them together.
    LiveEmitter,
    SessionLog,
    PresenceRegistry,
    SessionClock,
    SessionStore,
    LiveAccess,
    LiveProgress,
    LivePresence,
    LiveIntegrity,
    JoinCodesService,
    SessionGrading,
    LiveAnswers,
    LifecycleAnnouncer,
    LifecycleCommands,
    LiveControls,
    LiveRooms,
    ClusterSync,
    LiveSessionService,
    ExamSessionsService,
    SessionStaff,
    SessionActivity,
    ScheduledLaunches,
    GradingRecovery,
    DemoExamSeed,
  ],
  exports: [
    LiveSessionService,
    SessionStaff,
    LiveWriteDb,
    ExamSessionsService,
    SessionPublisher,
    GradingNotifier,
  ],
})
export class ExamSessionModule {}
