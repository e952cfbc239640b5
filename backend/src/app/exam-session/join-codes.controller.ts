/**
 * Join by code over REST: the staff open or close a session's self-enrolment and take a
 * student off the lobby; a student joins with the code the teacher shows.
 */
import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';
import type { Request } from 'express';
import type {
  JoinByCodeRequest,
  JoinByCodeResponse,
  SessionJoinCode,
  SetJoinCodeRequest,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { JoinCodesService } from './join-codes.service';

class SetJoinCodeDto implements SetJoinCodeRequest {
  @ApiProperty({ description: 'true: students may join with the code; false: closed' })
  @IsBoolean()
  open: boolean;
}

class JoinByCodeDto implements JoinByCodeRequest {
  @ApiProperty({
    example: 'K7PQ3M',
    description: 'The code shown by the teacher (case and dashes ignored)',
  })
  @IsString()
  @Length(1, 32)
  code: string;
}

class SessionJoinCodeDto implements SessionJoinCode {
  @ApiProperty() sessionId: string;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty() open: boolean;
}

class JoinByCodeResponseDto implements JoinByCodeResponse {
  @ApiProperty() sessionId: string;
  @ApiProperty() title: string;
  @ApiProperty() alreadyEnrolled: boolean;
}

@ApiTags('exam sessions')
@ApiBearerAuth()
@Controller({ path: 'exam-sessions', version: '1' })
export class JoinCodesController {
  constructor(private readonly codes: JoinCodesService) {}

  @Post('join')
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({
    summary:
      "Join an exam with the code the teacher shows (students of the session's academy). Enrolled, or already; a wrong, closed, ended or other academy's code is 404; too many wrong codes 429",
  })
  @ApiOkResponse({ type: JoinByCodeResponseDto })
  @ApiErrors(400, 401, 403, 404, 429)
  join(
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
    @Body() b: JoinByCodeDto,
  ): Promise<JoinByCodeResponse> {
    return this.codes.join(u, b.code, r.ip ?? 'unknown');
  }

  @Post(':id/join-code')
  @HttpCode(200)
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      'Open (drawing a code the first time) or close self-enrolment by code (staff who plan the session)',
  })
  @ApiOkResponse({ type: SessionJoinCodeDto })
  @ApiErrors(400, 401, 403, 404, 409)
  set(
    @CurrentUser() u: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() b: SetJoinCodeDto,
  ): Promise<SessionJoinCode> {
    return this.codes.set(u, id, b.open);
  }

  @Delete(':id/students/:studentId')
  @HttpCode(204)
  @Roles('teacher', 'admin')
  @ApiOperation({ summary: 'Take a student off a session that has not started (the lobby)' })
  @ApiNoContentResponse({ description: 'Taken off the session' })
  @ApiErrors(401, 403, 404, 409)
  remove(
    @CurrentUser() u: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
  ): Promise<void> {
    return this.codes.remove(u, id, studentId);
  }
}
