/** REST bodies and queries of the exam routes; each implements its contract type. */
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ArrayMaxSize,
} from 'class-validator';
import type {
  CreateExamRequest,
  ExamText,
  GiftImportRequest,
  ListExamsQuery,
  QuestionDefinition,
  UpdateExamRequest,
} from '@exam/contracts';
import { QUESTION_DTOS } from './question.dto';
import { ExamTextDto } from './exam-views.dto';
import { PageQuery } from '../../common/page-query.dto';
import { toBool } from '../../common/to-bool';

export const MAX_QUESTIONS = 300;

const questionsSchema = {
  type: 'array' as const,
  maxItems: MAX_QUESTIONS,
  description:
    'Ordered questions with their keys. Each is checked by its type: problems come back per question and field, e.g. questions[2].correctOptionId.',
  items: { oneOf: QUESTION_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) },
};

export class CreateExamDto implements CreateExamRequest {
  @ApiProperty({ example: 'English Assessment', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  instructions?: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 60 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 50, description: 'percent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  passingScore?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  shuffleQuestions?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  shuffleOptions?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiProperty(questionsSchema)
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  questions: QuestionDefinition[];

  @ApiPropertyOptional({
    type: [ExamTextDto],
    maxItems: 200,
    description:
      'Texts shown between questions, with no answer and no points. Checked with the questions: problems come back as texts[i].field.',
  })
  @IsOptional()
  @IsArray()
  texts?: ExamText[];
}

export class UpdateExamDto extends CreateExamDto implements UpdateExamRequest {
  @ApiPropertyOptional({
    description: 'The version you edited; a different current version answers 409 CONFLICT',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class DuplicateExamDto {
  @ApiPropertyOptional({ description: 'Defaults to "<title> (copy)"', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class ListExamsQueryDto extends PageQuery(20, 100) implements ListExamsQuery {
  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) exams' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  authorId?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the title', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/**
 * The new exam's fields of every import (GIFT, Moodle XML): in the JSON body, or in the query
 * when the body is the file itself.
 */
export class ImportedExamFieldsDto implements Omit<GiftImportRequest, 'gift'> {
  @ApiPropertyOptional({ default: 'Imported exam', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  instructions?: string;

  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: 1440 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ default: 50, minimum: 0, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  passingScore?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  isActive?: boolean;
}

export class GiftImportDto extends ImportedExamFieldsDto implements GiftImportRequest {
  @ApiProperty({
    description: 'The GIFT text (Moodle format)',
    example: '::Form:: She ___ to school. {~go =goes ~going ~gone}',
    maxLength: 500000,
  })
  @IsString()
  @Length(1, 500000)
  gift: string;
}

/** Query of the text/plain variant of the GIFT import. */
export class GiftImportQueryDto {
  @ApiPropertyOptional({ default: 'Imported exam', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: 1440 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;
}
