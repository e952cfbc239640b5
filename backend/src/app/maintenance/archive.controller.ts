/** Archived exam sessions stay readable after the weekly job moved them out of the hot tables. */
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { StaffRole } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AppError } from '../common/app-error';
import { ApiErrors } from '../common/api-errors.decorator';
import { mayDo, refusalFor, sessionAccess } from '../exam-session/domain/session-access';

export class ArchivedExamSessionDto {
  @ApiProperty() id: string;
  @ApiProperty() examId: string;
  @ApiProperty() teacherId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['completed', 'terminated'] }) status: string;
  @ApiProperty({ type: Number, nullable: true }) endedAt: number | null;
  @ApiProperty() archivedAt: number;
  @ApiProperty({ description: 'the exam_sessions row as it was (snake_case columns)' })
  session: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) studentSessions: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) answers: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) events: unknown[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object' } },
    description:
      'rows of question_scores, manual_grades, regrades, session_questions, exam_session_staff and integrity_signals as they were (empty for sessions archived before those existed)',
  })
  results: Record<string, unknown[]>;
}

interface ArchiveRow {
  id: string;
  academy_id: string;
  exam_id: string;
  teacher_id: string;
  title: string;
  status: string;
  ended_at: number | string | null;
  archived_at: number | string;
  payload: string;
}

@ApiTags('archive')
@ApiBearerAuth()
@Controller({ path: 'archive/exam-sessions', version: '1' })
export class ArchiveController {
  constructor(private readonly ds: DataSource) {}

  @Get(':id')
  @Roles('admin', 'teacher')
  @ApiOperation({
    summary:
      'An archived exam session with its student sessions, answers and events (admins; teachers for their own sessions)',
  })
  @ApiOkResponse({ type: ArchivedExamSessionDto })
  @ApiErrors(400, 401, 403, 404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ArchivedExamSessionDto> {
    const placeholder = this.ds.options.type === 'postgres' ? '$1' : '?';
    const [row] = (await this.ds.query(
      `SELECT * FROM archived_exam_sessions WHERE id = ${placeholder}`,
      [id],
    )) as ArchiveRow[];
    if (!row || row.academy_id !== user.academyId)
      throw AppError.notFound('The archived exam session');
    const p = JSON.parse(row.payload) as Pick<
      ArchivedExamSessionDto,
      'session' | 'studentSessions' | 'answers' | 'events'
    > & { results?: Record<string, unknown[]> };
    // The same rule as for a live session; an archive is results, so invigilators are out.
    const staff = (p.results?.['exam_session_staff'] ?? []) as Array<{
      user_id: string;
      role: StaffRole;
    }>;
    const access = sessionAccess(
      user,
      { academyId: row.academy_id, teacherId: row.teacher_id },
      staff.find((s) => s.user_id === user.id)?.role,
    );
    if (!access) throw AppError.notFound('The archived exam session');
    if (!mayDo(access, 'results')) throw AppError.forbidden(refusalFor('results'));
    return {
      id: row.id,
      examId: row.exam_id,
      teacherId: row.teacher_id,
      title: row.title,
      status: row.status,
      endedAt: row.ended_at === null ? null : Number(row.ended_at),
      archivedAt: Number(row.archived_at),
      session: p.session,
      studentSessions: p.studentSessions,
      answers: p.answers,
      events: p.events,
      results: p.results ?? {},
    };
  }
}
