/**
 * Results over REST: the session's grid, one attempt, one question across students, the
 * release to students and the student's own result. Same academy and role rules as every
 * other session route (the session's teacher or an admin; a student only their own).
 */
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  AttemptReviewDto,
  ListResultsQueryDto,
  MyResultDto,
  QuestionResponsesDto,
  ReleaseDto,
  ResultsReleaseDto,
  SessionResultsDto,
} from './dto/results.dto';
import { ResultsService } from './results.service';

@ApiTags('results')
@ApiBearerAuth()
@Controller({ path: 'exam-sessions', version: '1' })
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get(':id/results')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'Results grid: one row per student (score, percent, pass, time taken, how it ended) and one cell per question; open attempts show their answers so far with no total',
  })
  @ApiOkResponse({ type: SessionResultsDto })
  @ApiErrors(400, 401, 403, 404)
  list(@CurrentUser() u: AuthUser, @Param('id') id: string, @Query() q: ListResultsQueryDto) {
    return this.results.sessionResults(u, id, q);
  }

  @Get(':id/results/attempts/:attemptId')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "One student's attempt: every question with the answer, the key, points (auto or by hand, and why), grade history and every stored answer write",
  })
  @ApiOkResponse({ type: AttemptReviewDto })
  @ApiErrors(401, 403, 404)
  attempt(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Param('attemptId') attemptId: string,
  ) {
    return this.results.attemptReview(u, id, attemptId);
  }

  @Get(':id/results/questions/:questionId')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "One question across students: every student's answer and points; identical short-text answers grouped with counts",
  })
  @ApiOkResponse({ type: QuestionResponsesDto })
  @ApiErrors(401, 403, 404)
  question(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Param('questionId') questionId: string,
  ) {
    return this.results.questionResponses(u, id, questionId);
  }

  @Put(':id/release')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'Release results to the students (after the session ended): none, score, correctness or full_review; sends results_released',
  })
  @ApiOkResponse({ type: ResultsReleaseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  release(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() b: ReleaseDto) {
    return this.results.release(u, id, b.mode);
  }

  @Get(':id/my-result')
  @Roles('student')
  @ApiOperation({
    summary:
      "A student's own result, exactly as released; 403 RESULTS_NOT_RELEASED before the teacher releases it",
  })
  @ApiOkResponse({ type: MyResultDto })
  @ApiErrors(401, 403, 404)
  mine(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.results.myResult(u, id);
  }
}
