/** Response shapes of the exam routes for the OpenAPI document (contracts are the source of truth). */
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  GIFT_DROPPED_PARTS,
  GIFT_SKIP_CODES,
  TEXT_FORMATS,
  type ExamSummary,
  type ExamText,
  type ExamView,
  type GiftDroppedPart,
  type GiftDroppedPartName,
  type GiftDroppedParts,
  type GiftImportReport,
  type GiftImportResponse,
  type GiftSkipCode,
  type GiftSkippedQuestion,
  type Page,
  type QuestionDefinition,
} from '@exam/contracts';
import { QUESTION_DTOS } from './question.dto';

export class ExamSummaryDto implements ExamSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ description: 'percent' }) passingScore: number;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty() questionCount: number;
  @ApiProperty() totalPoints: number;
  @ApiProperty({ description: 'Bumped on every edit' }) version: number;
  @ApiProperty({
    description:
      'A session of this exam is preparing, active or paused: edit and delete answer 409 EXAM_LOCKED',
  })
  locked: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A text between questions (Moodle's description): no answer, no points. */
export class ExamTextDto implements ExamText {
  @ApiPropertyOptional({ format: 'uuid', description: 'Send it back on update to keep the text' })
  id?: string;
  @ApiProperty({
    minimum: 0,
    description:
      '0-based position of the question it is shown before (the number of questions: after the last one); it stays with that question when questions are shuffled',
  })
  beforeQuestion: number;
  @ApiProperty({ maxLength: 10000 }) text: string;
  @ApiPropertyOptional({ enum: TEXT_FORMATS, default: 'plain' }) format?: ExamText['format'];
  @ApiPropertyOptional({ maxLength: 255, description: 'Never shown to students' }) name?: string;
}

export class ExamViewDto extends ExamSummaryDto implements ExamView {
  @ApiProperty() instructions: string;
  @ApiProperty() shuffleQuestions: boolean;
  @ApiProperty() shuffleOptions: boolean;
  @ApiProperty({
    type: 'array',
    description: 'Questions with their keys (teachers and admins only)',
    items: { oneOf: QUESTION_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) },
  })
  questions: Array<QuestionDefinition & { id: string }>;
  @ApiProperty({ type: [ExamTextDto], description: 'Texts between questions, in shown order' })
  texts: Array<ExamText & { id: string }>;
}

export class ExamPageDto implements Page<ExamSummary> {
  @ApiProperty({ type: [ExamSummaryDto] }) items: ExamSummary[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class GiftSkippedQuestionDto implements GiftSkippedQuestion {
  @ApiProperty({ description: '1-based position in the file' }) index: number;
  @ApiPropertyOptional({
    description: '1-based line where the question starts (SYNTAX: the line of the problem)',
  })
  line?: number;
  @ApiPropertyOptional({ description: '1-based column of the problem (SYNTAX only)' })
  column?: number;
  @ApiPropertyOptional({
    enum: GIFT_SKIP_CODES,
    description:
      'SYNTAX: cannot be read; DESCRIPTION: text without answers; UNSUPPORTED: valid Moodle, not yet in our question types; INVALID: not gradable once mapped',
  })
  code?: GiftSkipCode;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ example: 'Description' }) giftType?: string;
  @ApiProperty({ example: 'description (text without answers) is not a question; not imported' })
  reason: string;
}

export class GiftDroppedPartDto implements GiftDroppedPart {
  @ApiProperty({ enum: GIFT_DROPPED_PARTS }) part: GiftDroppedPartName;
  @ApiProperty({ example: 'feedback on 3 answers' }) detail: string;
}

export class GiftDroppedPartsDto implements GiftDroppedParts {
  @ApiProperty({ description: '1-based position in the file' }) index: number;
  @ApiPropertyOptional() line?: number;
  @ApiPropertyOptional() title?: string;
  @ApiProperty({ type: [GiftDroppedPartDto] }) parts: GiftDroppedPart[];
}

export class GiftImportReportDto implements GiftImportReport {
  @ApiProperty({ description: 'Questions found (categories not counted)' }) found: number;
  @ApiProperty() imported: number;
  @ApiPropertyOptional({ description: 'Descriptions imported as texts between questions' })
  texts?: number;
  @ApiProperty({ type: [GiftSkippedQuestionDto] }) skipped: GiftSkippedQuestion[];
  @ApiPropertyOptional({
    type: [GiftDroppedPartsDto],
    description:
      'Imported questions and what of them was not kept (names, categories, tags, feedback, 0 % answers)',
  })
  dropped?: GiftDroppedParts[];
}

export class GiftImportResponseDto implements GiftImportResponse {
  @ApiProperty({ type: ExamViewDto }) exam: ExamView;
  @ApiProperty({ type: GiftImportReportDto }) report: GiftImportReport;
}
