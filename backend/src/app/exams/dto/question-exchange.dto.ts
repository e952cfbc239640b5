/** OpenAPI shapes of the QTI import's answer (the report has the GIFT import's shape). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  QTI_DROPPED_PARTS,
  type ExamView,
  type QtiDroppedPart,
  type QtiDroppedPartName,
  type QtiDroppedParts,
  type QtiImportReport,
  type QtiImportResponse,
  type QtiSkippedItem,
} from '@exam/contracts';
import { ExamViewDto, GiftSkippedQuestionDto } from './exam-views.dto';

export class QtiDroppedPartDto implements QtiDroppedPart {
  @ApiProperty({ enum: QTI_DROPPED_PARTS }) part: QtiDroppedPartName;
  @ApiProperty({ example: 'feedback (2)' }) detail: string;
}

export class QtiDroppedPartsDto implements QtiDroppedParts {
  @ApiProperty() index: number;
  @ApiPropertyOptional() title?: string;
  @ApiProperty({ type: [QtiDroppedPartDto] }) parts: QtiDroppedPart[];
}

export class QtiImportReportDto implements QtiImportReport {
  @ApiProperty({ description: 'Assessment items found in the package' }) found: number;
  @ApiProperty() imported: number;
  @ApiPropertyOptional({
    description: 'Items without interaction imported as texts between questions',
  })
  texts?: number;
  @ApiProperty({ type: [GiftSkippedQuestionDto] }) skipped: QtiSkippedItem[];
  @ApiPropertyOptional({ type: [QtiDroppedPartsDto] }) dropped?: QtiDroppedParts[];
}

export class QtiImportResponseDto implements QtiImportResponse {
  @ApiProperty({ type: ExamViewDto }) exam: ExamView;
  @ApiProperty({ type: QtiImportReportDto }) report: QtiImportReport;
}
