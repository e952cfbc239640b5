/**
 * REST bodies, queries and response shapes of the results routes (validation and the
 * OpenAPI document). The response classes describe the contract types in
 * libs/contracts/src/lib/results.ts for integrators.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ATTEMPT_END_REASONS,
  ATTEMPT_RESULTS,
  EXAM_SESSION_STATUSES,
  GRADING_ORDERS,
  QUESTION_ADJUSTMENTS,
  QUESTION_SCORE_STATES,
  QUESTION_TYPES,
  RESULTS_RELEASE_MODES,
  RESULTS_SORT_KEYS,
  SCORE_SOURCES,
  STUDENT_SESSION_STATUSES,
  type AttemptEndReason,
  type AttemptResult,
  type GradeRequest,
  type GradingOrder,
  type ListResultsQuery,
  type ReleaseResultsRequest,
  type ResultsReleaseMode,
} from '@exam/contracts';
import { PageQuery } from '../../common/page-query.dto';

const RESULT_FILTERS = [...ATTEMPT_RESULTS, 'absent', 'in_progress'] as const;

export class ListResultsQueryDto extends PageQuery(100, 1000) implements ListResultsQuery {
  @ApiPropertyOptional({
    description: `${RESULTS_SORT_KEYS.join(', ')}, or q:<questionId> for one question's points`,
    default: 'name',
  })
  @IsOptional()
  @Matches(new RegExp(`^(${RESULTS_SORT_KEYS.join('|')}|q:[A-Za-z0-9-]{1,36})$`), {
    message: `sort must be one of ${RESULTS_SORT_KEYS.join(', ')} or q:<questionId>`,
  })
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: "Part of the student's name or email", maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: RESULT_FILTERS })
  @IsOptional()
  @IsIn(RESULT_FILTERS, { message: `result must be one of ${RESULT_FILTERS.join(', ')}` })
  result?: AttemptResult | 'absent' | 'in_progress';

  @ApiPropertyOptional({ enum: ATTEMPT_END_REASONS })
  @IsOptional()
  @IsIn(ATTEMPT_END_REASONS, {
    message: `endReason must be one of ${ATTEMPT_END_REASONS.join(', ')}`,
  })
  endReason?: AttemptEndReason;
}

export class GradingQueueQueryDto {
  @ApiPropertyOptional({ enum: GRADING_ORDERS, default: 'question' })
  @IsOptional()
  @IsIn(GRADING_ORDERS, { message: 'order must be question or student' })
  order?: GradingOrder;

  @ApiPropertyOptional({ enum: ['pending', 'all'], default: 'all' })
  @IsOptional()
  @IsIn(['pending', 'all'], { message: 'state must be pending or all' })
  state?: 'pending' | 'all';
}

export class GradeDto implements GradeRequest {
  @ApiProperty({ format: 'uuid', description: 'The attempt (student session id)' })
  @IsUUID()
  studentSessionId: string;

  @ApiProperty({ description: 'A question of the session' })
  @IsString()
  @Length(1, 36)
  questionId: string;

  @ApiProperty({ minimum: 0, description: "0 to the question's points, 2 decimals" })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100_000)
  points: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Shown to the student in a full review' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReleaseDto implements ReleaseResultsRequest {
  @ApiProperty({
    enum: RESULTS_RELEASE_MODES,
    description:
      'none (withdraw), score (total and pass), correctness (also which questions were right), full_review (also answers, correct answers and comments)',
  })
  @IsIn(RESULTS_RELEASE_MODES, {
    message: `mode must be one of ${RESULTS_RELEASE_MODES.join(', ')}`,
  })
  mode: ResultsReleaseMode;
}

/** Documentation of the regrade body (validated in domain/regrade.ts: a union of changes). */
export class RegradeChangeDoc {
  @ApiProperty() questionId: string;
  @ApiProperty({ enum: ['update_key', 'accept_answer', 'full_marks', 'drop', 'restore'] })
  action: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'update_key: the question with its corrected key (same type, prompt, points, options)',
  })
  question?: unknown;
  @ApiPropertyOptional({ description: 'accept_answer: the short-text answer to accept' })
  text?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  creditPercent?: number;
}

export class RegradeRequestDoc {
  @ApiProperty({ type: [RegradeChangeDoc], minItems: 1, maxItems: 100 })
  changes: RegradeChangeDoc[];
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why (kept in the regrade history)' })
  note?: string;
}

/* ---------- responses ---------- */

export class AttemptScoreDto {
  @ApiProperty() score: number;
  @ApiProperty() maxScore: number;
  @ApiProperty() percent: number;
  @ApiProperty({ enum: ATTEMPT_RESULTS, nullable: true, description: 'null when absent' })
  result: AttemptResult | null;
  @ApiProperty() pendingManual: number;
  @ApiProperty({ description: 'epoch ms' }) gradedAt: number;
}

export class QuestionScoreCellDto {
  @ApiProperty() questionId: string;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ enum: QUESTION_SCORE_STATES }) state: string;
  @ApiProperty({ enum: SCORE_SOURCES, nullable: true }) source: string | null;
}

export class ResultsQuestionColumnDto {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: QUESTION_TYPES }) type: string;
  @ApiProperty() prompt: string;
  @ApiProperty() points: number;
  @ApiProperty({ enum: QUESTION_ADJUSTMENTS }) adjustment: string;
}

export class ResultsReleaseDto {
  @ApiProperty({ enum: RESULTS_RELEASE_MODES }) mode: string;
  @ApiProperty({ type: Number, nullable: true }) releasedAt: number | null;
  @ApiProperty({ type: String, nullable: true }) releasedBy: string | null;
}

/** What the grid row and the attempt page both say about an attempt. */
export class AttemptFactsDto {
  @ApiProperty() studentSessionId: string;
  @ApiProperty() studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ enum: STUDENT_SESSION_STATUSES }) status: string;
  @ApiProperty({ enum: ATTEMPT_END_REASONS, nullable: true }) endReason: string | null;
  @ApiProperty({ type: AttemptScoreDto, nullable: true }) score: AttemptScoreDto | null;
  @ApiProperty() timeTakenMs: number;
  @ApiProperty({ type: Number, nullable: true }) joinedAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) completedAt: number | null;
}

export class AttemptResultRowDto extends AttemptFactsDto {
  @ApiProperty() studentEmail: string;
  @ApiProperty({ type: [QuestionScoreCellDto] }) cells: QuestionScoreCellDto[];
}

export class ResultsSummaryDto {
  @ApiProperty() enrolled: number;
  @ApiProperty() graded: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() absent: number;
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty() pending: number;
  @ApiProperty({ type: Number, nullable: true }) meanPercent: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianPercent: number | null;
}

export class SessionResultsDto {
  @ApiProperty() sessionId: string;
  @ApiProperty() title: string;
  @ApiProperty() examTitle: string;
  @ApiProperty({ enum: EXAM_SESSION_STATUSES }) status: string;
  @ApiProperty() passingScore: number;
  @ApiProperty({ type: ResultsReleaseDto }) release: ResultsReleaseDto;
  @ApiProperty({ type: [ResultsQuestionColumnDto] }) questions: ResultsQuestionColumnDto[];
  @ApiProperty({ type: ResultsSummaryDto }) summary: ResultsSummaryDto;
  @ApiProperty({ type: [AttemptResultRowDto] }) items: AttemptResultRowDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const QUESTION_DOC = {
  type: 'object',
  additionalProperties: true,
  description: 'The question with its key (QuestionDefinition + id)',
} as const;
const ANSWER_DOC = {
  type: 'object',
  nullable: true,
  additionalProperties: true,
  description: 'The stored answer value for the question type',
} as const;

export class ManualGradeEntryDto {
  @ApiProperty() points: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() graderId: string;
  @ApiProperty() graderName: string;
  @ApiProperty() at: number;
}

export class AnswerHistoryEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty() final: boolean;
  @ApiProperty(ANSWER_DOC) answer: unknown;
  @ApiProperty() savedAt: number;
}

export class AttemptReviewQuestionDto {
  @ApiProperty(QUESTION_DOC) question: unknown;
  @ApiProperty() position: number;
  @ApiProperty() shownPosition: number;
  @ApiProperty({ type: [String], nullable: true }) shownOrder: string[] | null;
  @ApiProperty({ enum: QUESTION_ADJUSTMENTS }) adjustment: string;
  @ApiProperty(ANSWER_DOC) answer: unknown;
  @ApiProperty({ description: 'the answer in words' }) answerText: string;
  @ApiProperty({ description: 'a fully correct answer in words (empty for essays)' })
  correctText: string;
  @ApiProperty({ type: Number, nullable: true }) answeredAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ enum: QUESTION_SCORE_STATES }) state: string;
  @ApiProperty({ enum: SCORE_SOURCES, nullable: true }) source: string | null;
  @ApiProperty({ type: Number, nullable: true }) autoPoints: number | null;
  @ApiProperty({ type: [String] }) details: string[];
  @ApiProperty() needsManualGrading: boolean;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: [ManualGradeEntryDto] }) gradeHistory: ManualGradeEntryDto[];
  @ApiProperty({ type: [AnswerHistoryEntryDto] }) answerHistory: AnswerHistoryEntryDto[];
}

export class AttemptReviewDto extends AttemptFactsDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ type: [AttemptReviewQuestionDto] }) questions: AttemptReviewQuestionDto[];
}

export class QuestionResponseDto {
  @ApiProperty() studentSessionId: string;
  @ApiProperty() studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty(ANSWER_DOC) answer: unknown;
  @ApiProperty() answerText: string;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ enum: QUESTION_SCORE_STATES }) state: string;
  @ApiProperty({ enum: SCORE_SOURCES, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

export class AnswerGroupDto {
  @ApiProperty() text: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: '0-100: what the current key gives it' }) creditPercent: number;
  @ApiProperty({ type: [String] }) studentSessionIds: string[];
}

export class QuestionResponsesDto {
  @ApiProperty() sessionId: string;
  @ApiProperty(QUESTION_DOC) question: unknown;
  @ApiProperty() correctText: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: QUESTION_ADJUSTMENTS }) adjustment: string;
  @ApiProperty({ type: [QuestionResponseDto] }) responses: QuestionResponseDto[];
  @ApiProperty({ type: [AnswerGroupDto], description: 'short text only' })
  groups: AnswerGroupDto[];
}

export class GradingQueueItemDto {
  @ApiProperty() studentSessionId: string;
  @ApiProperty() studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty() questionId: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: QUESTION_TYPES }) type: string;
  @ApiProperty() prompt: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty(ANSWER_DOC) answer: unknown;
  @ApiProperty() answerText: string;
  @ApiProperty() correctText: string;
  @ApiProperty({ type: Number, nullable: true }) autoPoints: number | null;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty() needsManualGrading: boolean;
  @ApiProperty() graded: boolean;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) gradedBy: string | null;
  @ApiProperty({ type: Number, nullable: true }) gradedAt: number | null;
  @ApiProperty({ type: [String] }) details: string[];
  @ApiProperty({ type: String, nullable: true }) gradingNotes: string | null;
}

export class GradingQueueDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ enum: GRADING_ORDERS }) order: string;
  @ApiProperty({ type: [GradingQueueItemDto] }) items: GradingQueueItemDto[];
  @ApiProperty() pending: number;
}

export class GradeResponseDto {
  @ApiProperty({ type: GradingQueueItemDto }) item: GradingQueueItemDto;
  @ApiProperty({ type: AttemptScoreDto }) attempt: AttemptScoreDto;
}

export class ScoreTotalsDto {
  @ApiProperty() score: number;
  @ApiProperty() maxScore: number;
  @ApiProperty() percent: number;
  @ApiProperty({ enum: ATTEMPT_RESULTS, nullable: true }) result: string | null;
}

export class RegradeQuestionDiffDto {
  @ApiProperty() questionId: string;
  @ApiProperty({ type: Number, nullable: true }) before: number | null;
  @ApiProperty({ type: Number, nullable: true }) after: number | null;
}

export class RegradeStudentDiffDto {
  @ApiProperty() studentSessionId: string;
  @ApiProperty() studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ type: ScoreTotalsDto }) before: ScoreTotalsDto;
  @ApiProperty({ type: ScoreTotalsDto }) after: ScoreTotalsDto;
  @ApiProperty({ type: [RegradeQuestionDiffDto] }) questions: RegradeQuestionDiffDto[];
}

export class RegradePreviewDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ type: [RegradeChangeDoc] }) changes: RegradeChangeDoc[];
  @ApiProperty({ type: [RegradeStudentDiffDto] }) changed: RegradeStudentDiffDto[];
  @ApiProperty() unchanged: number;
}

export class RegradeRecordDto {
  @ApiProperty() id: number;
  @ApiProperty() sessionId: string;
  @ApiProperty() actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty() at: number;
  @ApiProperty({ type: [RegradeChangeDoc] }) changes: RegradeChangeDoc[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() changedAttempts: number;
}

export class RegradeResultDto extends RegradePreviewDto {
  @ApiProperty({ type: RegradeRecordDto }) record: RegradeRecordDto;
}

export class MyResultQuestionDto {
  @ApiProperty() position: number;
  @ApiProperty({ enum: QUESTION_SCORE_STATES }) state: string;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty() maxPoints: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'full_review: the question as the student saw it',
  })
  question?: unknown;
  @ApiPropertyOptional(ANSWER_DOC) answer?: unknown;
  @ApiPropertyOptional() answerText?: string;
  @ApiPropertyOptional() correctText?: string;
  @ApiPropertyOptional({ ...QUESTION_DOC, description: 'full_review: what was correct' })
  correct?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) comment?: string | null;
}

export class MyResultDto {
  @ApiProperty() sessionId: string;
  @ApiProperty() title: string;
  @ApiProperty() examTitle: string;
  @ApiProperty({ enum: ['score', 'correctness', 'full_review'] }) mode: string;
  @ApiProperty() releasedAt: number;
  @ApiProperty() passingScore: number;
  @ApiProperty({ enum: ATTEMPT_END_REASONS, nullable: true }) endReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) completedAt: number | null;
  @ApiProperty({ type: AttemptScoreDto }) score: AttemptScoreDto;
  @ApiPropertyOptional({ type: [MyResultQuestionDto] }) questions?: MyResultQuestionDto[];
}
