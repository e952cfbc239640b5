/**
 * OpenAPI descriptions of the question definitions (one schema per type). Question bodies are
 * validated by the domain parser (exams/domain/question-schema.ts), which knows the union and
 * the gradability rules; these classes only document the shapes.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDERING_SCORING, QUESTION_TYPES, TEXT_FORMATS } from '@exam/contracts';

export class ChoiceOptionDto {
  @ApiProperty({ example: 'b', maxLength: 64 }) id: string;
  @ApiProperty({ example: 'goes' }) text: string;
}

export class WeightedOptionDto extends ChoiceOptionDto {
  @ApiProperty({
    minimum: -100,
    maximum: 100,
    description: 'Percent of the points: correct options > 0 and sum to 100; wrong ones <= 0',
  })
  weight: number;
}

export class AcceptedTextDto {
  @ApiProperty({ example: 'wrote' }) text: string;
  @ApiProperty({ minimum: 1, maximum: 100, example: 100 }) creditPercent: number;
}

export class NumericAcceptedDto {
  @ApiPropertyOptional({ description: 'Exact value (with tolerance); or use min + max' })
  value?: number;
  @ApiPropertyOptional({ minimum: 0 }) tolerance?: number;
  @ApiPropertyOptional({ enum: ['absolute', 'relative'], default: 'absolute' })
  toleranceMode?: 'absolute' | 'relative';
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiProperty({ minimum: 1, maximum: 100 }) creditPercent: number;
}

abstract class QuestionBaseDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Send back on update to keep the question' })
  id?: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: string;
  @ApiProperty({ maxLength: 10000 }) prompt: string;
  @ApiPropertyOptional({
    enum: TEXT_FORMATS,
    default: 'plain',
    description:
      'How prompt and option texts are written. plain: shown as typed, line breaks kept. markdown: rendered, raw HTML in it shown as text. html: cleaned on the way in (allowed: text formatting, lists, tables, images and links by http(s) URL, MathML; scripts, event handlers, javascript: URLs, SVG and frames are removed).',
  })
  format?: string;
  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: 1000, example: 1 }) points: number;
}

export class SingleChoiceQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['single_choice'] }) declare type: 'single_choice';
  @ApiProperty({ type: [ChoiceOptionDto], minItems: 2 }) options: ChoiceOptionDto[];
  @ApiProperty({ example: 'b' }) correctOptionId: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0 }) negativeMarkPercent?: number;
}

export class TrueFalseQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['true_false'] }) declare type: 'true_false';
  @ApiProperty() correct: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0 }) negativeMarkPercent?: number;
}

export class MultipleResponseQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['multiple_response'] }) declare type: 'multiple_response';
  @ApiProperty({ type: [WeightedOptionDto], minItems: 2 }) options: WeightedOptionDto[];
  @ApiPropertyOptional({ default: false }) allOrNothing?: boolean;
}

export class ShortTextQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['short_text'] }) declare type: 'short_text';
  @ApiProperty({ type: [AcceptedTextDto], minItems: 1 }) acceptedAnswers: AcceptedTextDto[];
  @ApiPropertyOptional({ default: false }) caseSensitive?: boolean;
  @ApiPropertyOptional({ default: false }) foldAccents?: boolean;
  @ApiPropertyOptional({ default: false, description: '`*` matches any characters' })
  wildcards?: boolean;
  @ApiPropertyOptional({ minimum: 1 }) maxLength?: number;
}

export class NumericQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['numeric'] }) declare type: 'numeric';
  @ApiProperty({ type: [NumericAcceptedDto], minItems: 1 }) acceptedAnswers: NumericAcceptedDto[];
  @ApiPropertyOptional({ example: 'km' }) unit?: string;
}

export class EssayQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['essay'] }) declare type: 'essay';
  @ApiPropertyOptional({ minimum: 1 }) maxWords?: number;
  @ApiPropertyOptional({ description: 'For the human grader; never shown to students' })
  gradingNotes?: string;
}

export class OrderingQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['ordering'] }) declare type: 'ordering';
  @ApiProperty({ type: [ChoiceOptionDto], minItems: 2 }) items: ChoiceOptionDto[];
  @ApiProperty({ type: [String], description: 'Item ids in the correct order' })
  correctOrder: string[];
  @ApiPropertyOptional({ enum: ORDERING_SCORING, default: 'exact' }) scoring?: string;
}

export class MatchingQuestionDto extends QuestionBaseDto {
  @ApiProperty({ enum: ['matching'] }) declare type: 'matching';
  @ApiProperty({ type: [ChoiceOptionDto], minItems: 2 }) left: ChoiceOptionDto[];
  @ApiProperty({ type: [ChoiceOptionDto], minItems: 2, description: 'Extra ones are distractors' })
  right: ChoiceOptionDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { l1: 'r1', l2: 'r2' },
    description: 'leftId -> rightId for every left item',
  })
  correctPairs: Record<string, string>;
}

export const QUESTION_DTOS = [
  SingleChoiceQuestionDto,
  TrueFalseQuestionDto,
  MultipleResponseQuestionDto,
  ShortTextQuestionDto,
  NumericQuestionDto,
  EssayQuestionDto,
  OrderingQuestionDto,
  MatchingQuestionDto,
];
