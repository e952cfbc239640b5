/**
 * Manual grading and regrade over REST, for the session's teachers and admins. Every change
 * is recorded (who, when) and reaches teachers' screens as attempt_graded.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  GradeDto,
  GradeResponseDto,
  GradingQueueDto,
  GradingQueueQueryDto,
  RegradePreviewDto,
  RegradeRecordDto,
  RegradeRequestDoc,
  RegradeResultDto,
} from './dto/results.dto';
import { ManualGradingService } from './manual-grading.service';
import { RegradeService } from './regrade.service';

@ApiTags('results')
@ApiBearerAuth()
@Controller({ path: 'exam-sessions', version: '1' })
export class GradingController {
  constructor(
    private readonly grading: ManualGradingService,
    private readonly regrades: RegradeService,
  ) {}

  @Get(':id/grading')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'Grading queue: every answer that needs a teacher (essays) and every answer already graded by hand, by question or by student',
  })
  @ApiOkResponse({ type: GradingQueueDto })
  @ApiErrors(400, 401, 403, 404)
  queue(@CurrentUser() u: AuthUser, @Param('id') id: string, @Query() q: GradingQueueQueryDto) {
    return this.grading.queue(u, id, q.order, q.state);
  }

  @Post(':id/grades')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "Grade (or override) one answer of a finished attempt: 0 to the question's points, optional comment to the student; kept as history",
  })
  @ApiOkResponse({ type: GradeResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  grade(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() b: GradeDto) {
    return this.grading.grade(u, id, b);
  }

  @Post(':id/regrade/preview')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'What a regrade would change, per student (before / after); nothing is stored. Changes: update_key, accept_answer, full_marks, drop, restore',
  })
  @ApiBody({ type: RegradeRequestDoc })
  @ApiOkResponse({ type: RegradePreviewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  preview(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() b: Record<string, unknown>) {
    return this.regrades.preview(u, id, b);
  }

  @Post(':id/regrade')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "Apply a regrade: fixes the session's keys, re-scores every graded attempt from its stored answers, records who did it",
  })
  @ApiBody({ type: RegradeRequestDoc })
  @ApiOkResponse({ type: RegradeResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  regrade(@CurrentUser() u: AuthUser, @Param('id') id: string, @Body() b: Record<string, unknown>) {
    return this.regrades.apply(u, id, b);
  }

  @Get(':id/regrades')
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Regrade history of the session, newest first' })
  @ApiOkResponse({ type: [RegradeRecordDto] })
  @ApiErrors(401, 403, 404)
  history(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.regrades.history(u, id);
  }
}
