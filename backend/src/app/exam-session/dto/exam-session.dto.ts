/** REST bodies, queries and response shapes of the exam-session planning routes. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_SESSION_STAFF,
  INTEGRITY_SIGNAL_KINDS,
  type IntegritySignalKind,
  type SessionStaffMember,
  CONNECTION_STATUSES,
  EXAM_SESSION_STATUSES,
  RESULTS_RELEASE_MODES,
  type ResultsReleaseMode,
  STUDENT_SESSION_STATUSES,
  type ConnectionStatus,
  type CreateExamSessionRequest,
  type ExamSessionConfig,
  type ExamSessionStats,
  type ExamSessionStatus,
  type ExamSessionView,
  type ListExamSessionsQuery,
  type MyExamSessionView,
  type Page,
  type StudentSessionStatus,
  type StudentSessionView,
  type UpdateExamSessionRequest,
} from '@exam/contracts';
import { PageQuery } from '../../common/page-query.dto';
import { SessionStaffMemberDto, StaffEntryDto } from './session-staff.dto';

export const MAX_ENROLMENT = 1000;

export class SessionConfigDto implements Partial<ExamSessionConfig> {
  @ApiPropertyOptional({
    type: [Number],
    example: [10, 5, 1],
    description:
      'Minutes before the deadline when students are warned (default TIME_WARNING_MINUTES)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1440, { each: true })
  timeWarningMinutes?: number[];

  @ApiPropertyOptional({ minimum: 0, maximum: 3600, description: 'default GRACE_PERIOD_SECONDS' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  gracePeriodSeconds?: number;

  @ApiPropertyOptional({ default: true, description: 'Enrolled students may join after launch' })
  @IsOptional()
  @IsBoolean()
  allowLateJoin?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Launch by itself at scheduledStartAt (which must be set and in the future)',
  })
  @IsOptional()
  @IsBoolean()
  autoLaunch?: boolean;

  @ApiPropertyOptional({
    enum: INTEGRITY_SIGNAL_KINDS,
    isArray: true,
    description:
      'Integrity signals recorded (context for the teacher, never a verdict); default all, [] none',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(INTEGRITY_SIGNAL_KINDS, { each: true })
  integritySignals?: IntegritySignalKind[];

  @ApiPropertyOptional({ default: false, description: 'The exam page asks for full screen' })
  @IsOptional()
  @IsBoolean()
  fullscreen?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Numeric questions offer a basic on-screen calculator',
  })
  @IsOptional()
  @IsBoolean()
  calculator?: boolean;
}

export class CreateExamSessionDto implements CreateExamSessionRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  examId: string;

  @ApiPropertyOptional({ description: "Defaults to the exam's title", maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Students of your academy to enrol' })
  @IsArray()
  @ArrayMaxSize(MAX_ENROLMENT)
  @ArrayUnique({ message: 'studentIds must not repeat a student' })
  @IsUUID('all', { each: true })
  studentIds: string[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1440,
    description: "Defaults to the exam's duration",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Planned start, epoch ms' })
  @IsOptional()
  @IsInt()
  @Min(0)
  scheduledStartAt?: number | null;

  @ApiPropertyOptional({ type: SessionConfigDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SessionConfigDto)
  config?: SessionConfigDto;

  @ApiPropertyOptional({
    type: [StaffEntryDto],
    description: 'Co-teachers and invigilators (teachers of your academy)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SESSION_STAFF)
  @ValidateNested({ each: true })
  @Type(() => StaffEntryDto)
  staff?: StaffEntryDto[];
}

export class UpdateExamSessionDto implements UpdateExamSessionRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'epoch ms; null clears it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  scheduledStartAt?: number | null;

  @ApiPropertyOptional({ type: SessionConfigDto, description: 'Merged into the current config' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SessionConfigDto)
  config?: SessionConfigDto;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Replaces the enrolment (students kept keep their row)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ENROLMENT)
  @ArrayUnique({ message: 'studentIds must not repeat a student' })
  @IsUUID('all', { each: true })
  studentIds?: string[];
}

export class ListExamSessionsQueryDto extends PageQuery(20, 100) implements ListExamSessionsQuery {
  @ApiPropertyOptional({ enum: EXAM_SESSION_STATUSES })
  @IsOptional()
  @IsIn(EXAM_SESSION_STATUSES, {
    message: `status must be one of ${EXAM_SESSION_STATUSES.join(', ')}`,
  })
  status?: ExamSessionStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  examId?: string;
}

/* ---------- responses ---------- */

export class SessionConfigViewDto implements ExamSessionConfig {
  @ApiProperty({ type: [Number] }) timeWarningMinutes: number[];
  @ApiProperty() gracePeriodSeconds: number;
  @ApiProperty() allowLateJoin: boolean;
  @ApiProperty({ description: 'launches by itself at scheduledStartAt' }) autoLaunch: boolean;
  @ApiProperty({
    enum: INTEGRITY_SIGNAL_KINDS,
    isArray: true,
    description: 'integrity signals recorded',
  })
  integritySignals: IntegritySignalKind[];
  @ApiProperty({ description: 'the exam page asks for full screen' }) fullscreen: boolean;
  @ApiProperty({ description: 'numeric questions offer a basic calculator' }) calculator: boolean;
}

export class ExamSessionStatsDto implements ExamSessionStats {
  @ApiProperty() enrolled: number;
  @ApiProperty({ description: 'connection status = connected' }) connected: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: '0-100, one decimal' }) averageProgress: number;
  @ApiProperty({ description: 'since launch, paused time excluded' }) minutesElapsed: number;
}

export class ExamSessionViewDto implements ExamSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() examTitle: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ description: 'The teacher who planned the session' }) teacherName: string;
  @ApiProperty({ type: [SessionStaffMemberDto], description: 'Co-teachers and invigilators' })
  staff: SessionStaffMember[];
  @ApiProperty() title: string;
  @ApiProperty({ enum: EXAM_SESSION_STATUSES }) status: ExamSessionStatus;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ type: SessionConfigViewDto }) config: ExamSessionConfig;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' })
  scheduledStartAt: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' }) launchedAt: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' }) pausedAt: number | null;
  @ApiProperty() totalPausedMs: number;
  @ApiProperty() extraMs: number;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' }) endedAt: number | null;
  @ApiProperty({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'epoch ms: "let everyone finish their own time" chosen (no new students)',
  })
  closingAt: number | null;
  @ApiProperty() examVersion: number;
  @ApiProperty({ enum: RESULTS_RELEASE_MODES, description: 'what students see of their results' })
  resultsRelease: ResultsReleaseMode;
  @ApiProperty({ type: ExamSessionStatsDto }) stats: ExamSessionStats;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'self-enrolment code (null until first opened)',
  })
  joinCode: string | null;
  @ApiProperty({ description: 'students may join with the code now' }) joinOpen: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ExamSessionPageDto implements Page<ExamSessionView> {
  @ApiProperty({ type: [ExamSessionViewDto] }) items: ExamSessionView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class StudentSessionViewDto implements StudentSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) examSessionId: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty() studentEmail: string;
  @ApiProperty({ enum: STUDENT_SESSION_STATUSES }) status: StudentSessionStatus;
  @ApiProperty() extraMs: number;
  @ApiProperty() extraTimePercent: number;
  @ApiProperty({ type: Number, nullable: true }) joinedAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) completedAt: number | null;
  @ApiProperty() progress: number;
  @ApiProperty() answeredCount: number;
  @ApiProperty({ type: String, nullable: true }) currentQuestionId: string | null;
  @ApiProperty() timeSpentMs: number;
  @ApiProperty({ enum: CONNECTION_STATUSES }) connectionStatus: ConnectionStatus;
  @ApiProperty({ type: Number, nullable: true }) lastActivityAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
}

export class MyStudentSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) examSessionId: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ enum: STUDENT_SESSION_STATUSES }) status: StudentSessionStatus;
  @ApiProperty() extraMs: number;
  @ApiProperty() extraTimePercent: number;
  @ApiProperty({ type: Number, nullable: true }) joinedAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) completedAt: number | null;
  @ApiProperty() progress: number;
  @ApiProperty() answeredCount: number;
  @ApiProperty({ type: String, nullable: true }) currentQuestionId: string | null;
  @ApiProperty() timeSpentMs: number;
  @ApiProperty({ enum: CONNECTION_STATUSES }) connectionStatus: ConnectionStatus;
  @ApiProperty({ type: Number, nullable: true }) lastActivityAt: number | null;
}

export class MyExamSessionViewDto implements MyExamSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EXAM_SESSION_STATUSES }) status: ExamSessionStatus;
  @ApiProperty() examTitle: string;
  @ApiProperty() instructions: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty() questionCount: number;
  @ApiProperty({ type: Number, nullable: true }) scheduledStartAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) launchedAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) endedAt: number | null;
  @ApiProperty({ type: SessionConfigViewDto }) config: ExamSessionConfig;
  @ApiProperty({
    enum: RESULTS_RELEASE_MODES,
    description: 'not none: the result is at GET /api/v1/exam-sessions/{id}/my-result',
  })
  resultsRelease: ResultsReleaseMode;
  @ApiProperty({
    description:
      "the student's own working time in ms (duration + accommodation + added time); show this, not durationMinutes",
  })
  allowanceMs: number;
  @ApiProperty({ type: MyStudentSessionDto }) me: MyExamSessionView['me'];
}

export class MyExamSessionPageDto implements Page<MyExamSessionView> {
  @ApiProperty({ type: [MyExamSessionViewDto] }) items: MyExamSessionView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
