/** Body, query and response of POST /exams/import/moodle-xml; each implements its contract type. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import {
  GIFT_SKIP_CODES,
  MOODLE_XML_DROPPED_PARTS,
  type ExamView,
  type MoodleXmlDroppedPart,
  type MoodleXmlDroppedPartName,
  type MoodleXmlDroppedParts,
  type MoodleXmlImportReport,
  type MoodleXmlImportRequest,
  type MoodleXmlImportResponse,
  type MoodleXmlSkipCode,
  type MoodleXmlSkippedQuestion,
} from '@exam/contracts';
import { ImportedExamFieldsDto } from './exam.dto';
import { ExamViewDto } from './exam-views.dto';

/** The exam's fields, in the JSON body or (with the XML itself as the body) in the query. */
export class MoodleXmlImportQueryDto
  extends ImportedExamFieldsDto
  implements Omit<MoodleXmlImportRequest, 'xml'> {}

export class MoodleXmlImportDto extends MoodleXmlImportQueryDto implements MoodleXmlImportRequest {
  @ApiProperty({
    description: "Moodle XML: Moodle's question bank export (<quiz><question type=...>...)",
    example:
      '<quiz><question type="truefalse"><name><text>Sky</text></name><questiontext format="html"><text>The sky is blue.</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>',
    maxLength: 1_000_000,
  })
  @IsString()
  @Length(1, 1_000_000)
  xml: string;
}

export class MoodleXmlSkippedQuestionDto implements MoodleXmlSkippedQuestion {
  @ApiProperty({ description: '1-based position in the file (categories not counted)' })
  index: number;
  @ApiPropertyOptional({ description: '1-based line of the <question> tag' }) line?: number;
  @ApiPropertyOptional() column?: number;
  @ApiProperty({
    enum: GIFT_SKIP_CODES,
    description:
      'SYNTAX: cannot be read; DESCRIPTION: a description with nothing to show (descriptions with text become texts between questions); UNSUPPORTED: valid Moodle, not yet in our question types; INVALID: not gradable once mapped',
  })
  code: MoodleXmlSkipCode;
  @ApiPropertyOptional({ description: "The question's name" }) title?: string;
  @ApiPropertyOptional({ example: 'cloze' }) moodleType?: string;
  @ApiProperty({
    example: 'Moodle\'s calculated question type ("calculated") is not supported yet; not imported',
  })
  reason: string;
}

export class MoodleXmlDroppedPartDto implements MoodleXmlDroppedPart {
  @ApiProperty({ enum: MOODLE_XML_DROPPED_PARTS }) part: MoodleXmlDroppedPartName;
  @ApiProperty({ example: 'image "map.png" is missing from the file; the image was removed' })
  detail: string;
}

export class MoodleXmlDroppedPartsDto implements MoodleXmlDroppedParts {
  @ApiProperty({ description: '1-based position in the file' }) index: number;
  @ApiPropertyOptional() line?: number;
  @ApiPropertyOptional() title?: string;
  @ApiProperty({ type: [MoodleXmlDroppedPartDto] }) parts: MoodleXmlDroppedPart[];
}

export class MoodleXmlImportReportDto implements MoodleXmlImportReport {
  @ApiProperty({ description: 'Questions found (categories not counted)' }) found: number;
  @ApiProperty() imported: number;
  @ApiPropertyOptional({ description: 'Descriptions imported as texts between questions' })
  texts?: number;
  @ApiProperty({ type: [MoodleXmlSkippedQuestionDto] }) skipped: MoodleXmlSkippedQuestion[];
  @ApiProperty({
    type: [MoodleXmlDroppedPartsDto],
    description:
      'Imported questions and what of them was not kept (names, tags, feedback, hints, files, units...)',
  })
  dropped: MoodleXmlDroppedParts[];
  @ApiProperty({ description: 'Images stored, served at /api/v1/media/:id' }) images: number;
}

export class MoodleXmlImportResponseDto implements MoodleXmlImportResponse {
  @ApiProperty({ type: ExamViewDto }) exam: ExamView;
  @ApiProperty({ type: MoodleXmlImportReportDto }) report: MoodleXmlImportReport;
}
