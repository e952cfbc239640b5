/**
 * REST mirrors of the live protocol, for integrators and for browsers whose network blocks
 * WebSockets. Same service, same rules and guarantees (R1-R7), and the same events reach
 * the connected clients.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type {
  AnswerAckPayload,
  ExamSubmitPayload,
  LiveSnapshot,
  SessionCommandResult,
  SessionEventsResponse,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { AppError } from '../common/app-error';
import type { SessionCommand } from './domain/session-lifecycle';
import {
  AddTimeDto,
  AnswerAckDto,
  AnswerDto,
  BroadcastDto,
  CompleteBodyDto,
  ExamSubmitResultDto,
  SessionCommandBodyDto,
  SessionCommandResultDto,
} from './dto/live-session.dto';
import { LiveSessionService, type Actor } from './live-session.service';

function actor(user: AuthUser, req: Request): Actor {
  return { user, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') };
}

@ApiTags('live sessions')
@ApiBearerAuth()
@ApiExtraModels(SessionCommandResultDto)
@Controller({ path: 'exam-sessions', version: '1' })
export class LiveSessionController {
  constructor(private readonly live: LiveSessionService) {}

  private cmd(
    user: AuthUser,
    req: Request,
    id: string,
    command: Exclude<SessionCommand, 'expire'>,
    body: SessionCommandBodyDto,
  ): Promise<SessionCommandResult> {
    return this.live.command(actor(user, req), id, command, body.reason);
  }

  @Post(':id/prepare')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Announce the exam to the lobby (exam_prepare); only while preparing' })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  prepare(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: SessionCommandBodyDto,
  ) {
    return this.cmd(u, r, id, 'prepare', b);
  }

  @Post(':id/launch')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary: 'Launch (preparing -> active): starts the server clock; exam_launch to every student',
  })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  launch(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: SessionCommandBodyDto,
  ) {
    return this.cmd(u, r, id, 'launch', b);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Pause (active -> paused): remaining time is frozen' })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  pause(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: SessionCommandBodyDto,
  ) {
    return this.cmd(u, r, id, 'pause', b);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Resume (paused -> active): every deadline moves by the paused time' })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  resume(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: SessionCommandBodyDto,
  ) {
    return this.cmd(u, r, id, 'resume', b);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'Complete (active/paused -> completed): every open attempt is finalised. mode own_time: nobody new starts, everyone working finishes their own time (exam_closing), then it completes by itself',
  })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  complete(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: CompleteBodyDto,
  ) {
    if (b.mode === 'own_time') return this.live.finishInOwnTime(actor(u, r), id, b.reason);
    return this.cmd(u, r, id, 'complete', b);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary: 'Terminate (any live state -> terminated): ends early, attempts finalised',
  })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  terminate(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: SessionCommandBodyDto,
  ) {
    return this.cmd(u, r, id, 'terminate', b);
  }

  @Post(':id/add-time')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary: 'Add minutes to the whole session or one student; new deadlines are pushed at once',
  })
  @ApiOkResponse({ type: SessionCommandResultDto })
  @ApiErrors(400, 401, 403, 404, 409)
  addTime(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: AddTimeDto,
  ) {
    return this.live.addTime(actor(u, r), {
      sessionId: id,
      minutes: b.minutes,
      studentId: b.studentId,
    });
  }

  @Post(':id/broadcast')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Send a broadcast_message to all or some students' })
  @ApiOkResponse({ description: '{seq}: the session sequence number of the message' })
  @ApiErrors(400, 401, 403, 404)
  async broadcast(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: BroadcastDto,
  ) {
    const seq = await this.live.broadcast(actor(u, r), { sessionId: id, ...b });
    return { seq };
  }

  @Get(':id/snapshot')
  @ApiOperation({
    summary:
      'The live snapshot: teachers get the roster; a student gets their own attempt (questions, saved answers, deadline, remaining time)',
  })
  @ApiOkResponse({ description: 'TeacherSnapshot or StudentSnapshot (see /api/asyncapi.json)' })
  @ApiErrors(401, 403, 404)
  snapshot(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
  ): Promise<LiveSnapshot> {
    return this.live.snapshotFor(actor(u, r), id);
  }

  @Get(':id/events')
  @ApiOperation({
    summary:
      'Missed events after afterSeq, from the resume buffer (the REST fallback of a reconnect): a student gets the events addressed to them or to all students (time warnings, broadcasts, lifecycle); teachers and admins get teacher events. snapshotRequired: the buffer no longer holds everything after afterSeq, fetch the snapshot',
  })
  @ApiQuery({ name: 'afterSeq', required: true, type: Number, description: 'The last seq seen' })
  @ApiOkResponse({
    description:
      '{events: ServerFrame[] (each with its seq, in order), snapshotRequired: boolean} (see /api/asyncapi.json)',
  })
  @ApiErrors(400, 401, 403, 404)
  events(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Query('afterSeq') afterSeq: string,
  ): Promise<SessionEventsResponse> {
    const n = Number(afterSeq);
    if (afterSeq === undefined || afterSeq === '' || !Number.isSafeInteger(n) || n < 0) {
      throw AppError.badRequest('afterSeq must be a whole number from 0.', [
        { field: 'afterSeq', problems: ['expected a whole number from 0'] },
      ]);
    }
    return this.live.eventsFor(actor(u, r), id, n);
  }

  @Post(':id/answers')
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({
    summary:
      'Save an answer (students). 200 only after COMMIT with status saved/autosaved, or stale (a newer seq is stored). A retried key returns the original reply. After the deadline plus grace: 409 LATE, nothing stored.',
  })
  @ApiOkResponse({ type: AnswerAckDto })
  @ApiErrors(400, 401, 403, 404, 409, 413)
  async answer(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
    @Body() b: AnswerDto,
  ): Promise<AnswerAckPayload> {
    const ack = await this.live.answer(
      actor(u, r),
      { sessionId: id, questionId: b.questionId, answer: b.answer, key: b.key, seq: b.seq },
      b.final ?? false,
    );
    if (ack.status === 'late' || ack.status === 'error') {
      throw new AppError(
        ack.status === 'late' ? 409 : ack.code === 'NOT_ENROLLED' ? 403 : 409,
        ack.code ?? 'CONFLICT',
        ack.message ?? 'The answer was not saved.',
        { key: ack.key, questionId: ack.questionId },
      );
    }
    return ack;
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({ summary: 'Final submit of your attempt (exam_submit); idempotent' })
  @ApiOkResponse({ type: ExamSubmitResultDto })
  @ApiErrors(401, 403, 404, 409)
  submit(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Param('id') id: string,
  ): Promise<ExamSubmitPayload> {
    return this.live.submit(actor(u, r), id);
  }
}
