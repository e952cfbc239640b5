/** REST mirror DTOs of the live protocol (validated by the global ValidationPipe). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ANSWER_ACK_STATUSES,
  COMPLETE_MODES,
  EXAM_SESSION_STATUSES,
  type AddTimeBody,
  type CompleteMode,
  type AnswerAckPayload,
  type AnswerAckStatus,
  type AnswerBody,
  type AnswerValue,
  type ExamSessionStatus,
  type SessionCommandResult,
} from '@exam/contracts';

export class SessionCommandBodyDto {
  @ApiPropertyOptional({ description: 'Note recorded in the session log', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CompleteBodyDto extends SessionCommandBodyDto {
  @ApiPropertyOptional({
    enum: COMPLETE_MODES,
    default: 'now',
    description:
      'now: every attempt ends at once; own_time: nobody new starts, everyone working finishes their own time, then the session completes',
  })
  @IsOptional()
  @IsIn(COMPLETE_MODES, { message: `mode must be one of ${COMPLETE_MODES.join(', ')}` })
  mode?: CompleteMode;
}

export class AddTimeDto implements AddTimeBody {
  @ApiProperty({ minimum: 1, maximum: 600, example: 5 })
  @IsInt()
  @Min(1)
  @Max(600)
  minutes: number;

  @ApiPropertyOptional({ description: 'One student (user id); missing = whole session' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  studentId?: string;
}

export class AnswerDto implements AnswerBody {
  @ApiProperty()
  @IsString()
  @MaxLength(36)
  questionId: string;

  @ApiProperty({
    description:
      'The answer for the question type, e.g. {"optionId":"b"}, {"text":"..."}, {"value":42}, {"optionIds":[...]}, {"order":[...]}, {"pairs":{...}}',
    type: 'object',
    additionalProperties: true,
    example: { optionId: 'b' },
  })
  @IsDefined()
  @IsObject()
  answer: AnswerValue;

  @ApiProperty({ description: 'Client-made idempotency key, 8-100 chars of A-Za-z0-9_-:.' })
  @Matches(/^[A-Za-z0-9_\-:.]{8,100}$/, {
    message: 'key must be 8-100 characters of A-Z a-z 0-9 _ - : .',
  })
  key: string;

  @ApiProperty({ description: 'Per-question sequence number, increasing', minimum: 0 })
  @IsInt()
  @Min(0)
  seq: number;

  @ApiPropertyOptional({ description: 'true = final answer (answer_submitted); default autosave' })
  @IsOptional()
  @IsBoolean()
  final?: boolean;
}

export class SessionCommandResultDto implements SessionCommandResult {
  @ApiProperty() sessionId: string;
  @ApiProperty({ enum: EXAM_SESSION_STATUSES }) status: ExamSessionStatus;
  @ApiProperty({ type: Number, nullable: true }) launchedAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) pausedAt: number | null;
  @ApiProperty({ type: Number, nullable: true }) endedAt: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Session deadline (epoch ms)' })
  deadline: number | null;
  @ApiProperty() serverNow: number;
}

export class AnswerAckDto implements AnswerAckPayload {
  @ApiProperty() sessionId: string;
  @ApiProperty() questionId: string;
  @ApiProperty() key: string;
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ANSWER_ACK_STATUSES }) status: AnswerAckStatus;
  @ApiPropertyOptional() savedAt?: number;
  @ApiPropertyOptional() currentSeq?: number;
}

export class ExamSubmitResultDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ enum: ['completed'] }) status: 'completed';
  @ApiProperty() completedAt: number;
  @ApiProperty() answered: number;
  @ApiProperty() total: number;
}

export class BroadcastDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  message: string;

  @ApiPropertyOptional({ enum: ['info', 'warning', 'error', 'success'] })
  @IsOptional()
  @IsIn(['info', 'warning', 'error', 'success'])
  level?: 'info' | 'warning' | 'error' | 'success';

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true })
  studentIds?: string[];
}
