/** OpenAPI description of GET /exam-sessions/:id/statistics (SessionStatisticsView). */
import { ApiProperty } from '@nestjs/swagger';
import { EXAM_SESSION_STATUSES, QUESTION_TYPES, STATISTICS_FLAG_CODES } from '@exam/contracts';

const nnum = (description?: string) => ({ type: Number, nullable: true, description });

export class StatisticsFlagDto {
  @ApiProperty({ enum: STATISTICS_FLAG_CODES }) code: string;
  @ApiProperty() message: string;
}

export class OptionStatisticsDto {
  @ApiProperty() optionId: string;
  @ApiProperty() text: string;
  @ApiProperty() correct: boolean;
  @ApiProperty() chosen: number;
  @ApiProperty({ description: 'chosen in the top 27 % by total' }) top: number;
  @ApiProperty({ description: 'chosen in the bottom 27 % by total' }) bottom: number;
}

export class QuestionStatisticsDto {
  @ApiProperty() questionId: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: QUESTION_TYPES }) type: string;
  @ApiProperty() prompt: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty() n: number;
  @ApiProperty(nnum('mean score, % of the points')) facility: number | null;
  @ApiProperty(nnum('% of the points')) sd: number | null;
  @ApiProperty(nnum('%')) randomGuessScore: number | null;
  @ApiProperty({ description: '%' }) intendedWeight: number;
  @ApiProperty(nnum('%')) effectiveWeight: number | null;
  @ApiProperty(nnum('corrected item-total correlation x100')) discrimination: number | null;
  @ApiProperty(nnum('%')) discriminativeEfficiency: number | null;
  @ApiProperty({ type: [OptionStatisticsDto], nullable: true })
  options: OptionStatisticsDto[] | null;
  @ApiProperty({ type: [StatisticsFlagDto] }) flags: StatisticsFlagDto[];
}

export class HistogramBinDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() count: number;
}

export class ExamStatisticsDto {
  @ApiProperty() n: number;
  @ApiProperty() maxScore: number;
  @ApiProperty(nnum()) mean: number | null;
  @ApiProperty(nnum()) median: number | null;
  @ApiProperty(nnum()) sd: number | null;
  @ApiProperty(nnum()) skewness: number | null;
  @ApiProperty(nnum()) kurtosis: number | null;
  @ApiProperty(nnum('0-1')) cronbachAlpha: number | null;
  @ApiProperty(nnum('%')) errorRatio: number | null;
  @ApiProperty(nnum('points')) standardError: number | null;
  @ApiProperty() groupSize: number;
  @ApiProperty({ type: [HistogramBinDto] }) histogram: HistogramBinDto[];
}

export class AttemptCountsDto {
  @ApiProperty() finished: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() pendingManual: number;
}

export class SessionStatisticsDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ enum: EXAM_SESSION_STATUSES }) status: string;
  @ApiProperty({ description: 'open attempts count with their answers so far' }) live: boolean;
  @ApiProperty() computedAt: number;
  @ApiProperty({ type: AttemptCountsDto }) attempts: AttemptCountsDto;
  @ApiProperty({ type: ExamStatisticsDto }) exam: ExamStatisticsDto;
  @ApiProperty({ type: [QuestionStatisticsDto] }) questions: QuestionStatisticsDto[];
}
