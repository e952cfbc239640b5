/**
 * Item statistics and the CSV exports. The CSV routes stream (a 5,000-student session is
 * never built in memory); their errors before the first byte are the usual JSON errors.
 */
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { SessionStatisticsDto } from './dto/statistics.dto';
import { ExportService } from './export.service';
import { StatisticsService } from './statistics.service';

const CSV_OK = {
  description: 'RFC 4180 CSV, UTF-8 with a byte-order mark; formula-like text cells neutralised',
  schema: { type: 'string' },
};

@ApiTags('results')
@ApiBearerAuth()
@Controller({ path: 'exam-sessions', version: '1' })
export class StatisticsController {
  constructor(
    private readonly stats: StatisticsService,
    private readonly exports: ExportService,
  ) {}

  @Get(':id/statistics')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "Item analysis (facility, SD, discrimination, discriminative efficiency, weights, options, flags) and the exam's figures (mean, median, SD, skewness, kurtosis, Cronbach's alpha, SEM); live while the session runs",
  })
  @ApiOkResponse({ type: SessionStatisticsDto })
  @ApiErrors(401, 403, 404)
  statistics(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.stats.statistics(u, id);
  }

  @Get(':id/export/results.csv')
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Results as CSV: one row per student, one column per question' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  @ApiErrors(401, 403, 404)
  resultsCsv(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res() res: Response) {
    return this.exports.resultsCsv(u, id, res);
  }

  @Get(':id/export/responses.csv')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary: 'Every response as CSV: one row per student and question (answer, key, points)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  @ApiErrors(401, 403, 404)
  responsesCsv(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res() res: Response) {
    return this.exports.responsesCsv(u, id, res);
  }

  @Get(':id/export/signals.csv')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'Integrity signals as CSV: one row per signal in time order (student, signal, start, how long, characters pasted, question, offline); context, never a verdict',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  @ApiErrors(401, 403, 404)
  signalsCsv(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res() res: Response) {
    return this.exports.signalsCsv(u, id, res);
  }

  @Get(':id/export/statistics.csv')
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Item statistics as CSV: one row per question' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  @ApiErrors(401, 403, 404)
  statisticsCsv(@CurrentUser() u: AuthUser, @Param('id') id: string, @Res() res: Response) {
    return this.exports.statisticsCsv(u, id, res);
  }
}
