/**
 * Integrity signals over REST: the mirror of `integrity_signal` for a student's page that
 * cannot use the socket, and a student's timeline for the session's staff (signals beside
 * answers and connection changes). Context for the teacher, never a verdict.
 */
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import {
  CLIENT_SIGNAL_KINDS,
  MAX_SIGNALS_PER_REPORT,
  type IntegrityAckPayload,
  type IntegritySummary,
  type StudentTimeline,
  type TimelineEntry,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { integrityReportSchema, parsePayload } from './live-session.schemas';
import { LiveSessionService, type Actor } from './live-session.service';

class IntegrityAckDto implements IntegrityAckPayload {
  @ApiProperty() sessionId: string;
  @ApiProperty({ type: [String], description: "the page's ids that need no resending" })
  ids: string[];
  @ApiProperty({ description: 'newly stored' }) stored: number;
  @ApiProperty({ description: 'stored before (a resend)' }) duplicates: number;
  @ApiProperty({ description: 'not recorded: a kind the planner did not choose, or the cap' })
  ignored: number;
}

class StudentTimelineDto implements StudentTimeline {
  @ApiProperty() sessionId: string;
  @ApiProperty() studentId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String], description: "the exam's questions in order" })
  questionIds: string[];
  @ApiProperty({ type: Object, description: '{count, latest}' }) summary: IntegritySummary;
  @ApiProperty({
    type: [Object],
    description:
      'Oldest first: {type: signal, at, signal} | {type: answer, at, questionId, final} | {type: connection, at, change: joined/rejoined/disconnected/gone/left, offlineMs} | {type: attempt, at, change: submitted/time_up}',
  })
  entries: TimelineEntry[];
}

const actor = (user: AuthUser, req: Request): Actor => ({
  user,
  ip: req.ip,
  userAgent: String(req.headers['user-agent'] ?? ''),
});

@ApiTags('live sessions')
@ApiBearerAuth()
@Controller({ path: 'exam-sessions', version: '1' })
export class IntegrityController {
  constructor(private readonly live: LiveSessionService) {}

  @Post(':id/integrity-signals')
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({
    summary:
      "Report integrity signals from the exam page (students; REST mirror of integrity_signal). About the caller only. 200 after they are stored; a resent id is stored once. Times on the server's clock.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['signals'],
      properties: {
        signals: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_SIGNALS_PER_REPORT,
          items: {
            type: 'object',
            required: ['id', 'kind', 'at'],
            properties: {
              id: { type: 'string', description: "8-64 characters, the page's own id" },
              kind: { type: 'string', enum: [...CLIENT_SIGNAL_KINDS] },
              at: { type: 'integer', description: 'epoch ms, server clock' },
              durationMs: { type: 'integer' },
              chars: { type: 'integer', description: 'paste: how many characters' },
              questionId: { type: 'string' },
              offline: { type: 'boolean' },
            },
          },
        },
      },
    },
  })
  @ApiOkResponse({ type: IntegrityAckDto })
  @ApiErrors(400, 401, 403, 404, 409)
  report(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IntegrityAckPayload> {
    const fields = typeof body === 'object' && body !== null ? body : {};
    const p = parsePayload(integrityReportSchema, { ...fields, sessionId: id }, 'integrity_signal');
    return this.live.reportSignals(actor(u, r), p);
  }

  @Get(':id/students/:studentId/timeline')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "A student's timeline in a session (its staff): integrity signals beside answers, connection changes and the attempt's end, oldest first",
  })
  @ApiOkResponse({ type: StudentTimelineDto })
  @ApiErrors(401, 403, 404)
  timeline(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
  ): Promise<StudentTimeline> {
    return this.live.timeline(actor(u, r), id, studentId);
  }
}
