/**
 * What happens after (and while) an exam is taken: the results grid, attempt review,
 * manual grading, regrade, release to students, item statistics and CSV exports. Scores
 * themselves are written by the grading module when attempts end.
 */
import { Module } from '@nestjs/common';
import { ExamSessionModule } from '../exam-session/exam-session.module';
import { GradingModule } from '../grading/grading.module';
import { ExportService } from './export.service';
import { GradingController } from './grading.controller';
import { ManualGradingService } from './manual-grading.service';
import { RegradeService } from './regrade.service';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results-repository';
import { ResultsService } from './results.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [ExamSessionModule, GradingModule],
  controllers: [ResultsController, GradingController, StatisticsController],
  providers: [
    ResultsRepository,
    ResultsService,
    ManualGradingService,
    RegradeService,
    StatisticsService,
    ExportService,
  ],
})
export class ResultsModule {}
