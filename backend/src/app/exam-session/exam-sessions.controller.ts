/** Exam-session planning over REST. Live control (launch, pause...) is in LiveSessionController. */
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { ExamSessionView, MyExamSessionView, Page, StudentSessionView } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  CreateExamSessionDto,
  ExamSessionPageDto,
  ExamSessionViewDto,
  ListExamSessionsQueryDto,
  MyExamSessionPageDto,
  MyExamSessionViewDto,
  StudentSessionViewDto,
  UpdateExamSessionDto,
} from './dto/exam-session.dto';
import { SetSessionStaffDto } from './dto/session-staff.dto';
import { ExamSessionsService } from './exam-sessions.service';

const uuid = new ParseUUIDPipe();

@ApiTags('exam-sessions')
@ApiBearerAuth()
@ApiExtraModels(ExamSessionViewDto, MyExamSessionViewDto, ExamSessionPageDto, MyExamSessionPageDto)
@Controller({ path: 'exam-sessions', version: '1' })
export class ExamSessionsController {
  constructor(private readonly sessions: ExamSessionsService) {}

  @Post()
  @Roles('admin', 'teacher')
  @ApiOperation({
    summary: 'Plan a session of an exam and enrol students (status preparing)',
    description:
      "Students must be students of your academy (404 names any that are not); each student's extraTimePercent is copied. Config fields left out take the server defaults. 409 CONFLICT if the exam is inactive.",
  })
  @ApiCreatedResponse({ type: ExamSessionViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  create(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateExamSessionDto,
  ): Promise<ExamSessionView> {
    return this.sessions.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary:
      'List sessions: admins all of the academy, teachers the ones they teach, students the ones they are enrolled in',
    description:
      'Teachers and admins get ExamSessionView items with stats; students get their own view of each session.',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ExamSessionPageDto) },
        { $ref: getSchemaPath(MyExamSessionPageDto) },
      ],
    },
  })
  @ApiErrors(400, 401)
  list(
    @CurrentUser() actor: AuthUser,
    @Query() q: ListExamSessionsQueryDto,
  ): Promise<Page<ExamSessionView> | Page<MyExamSessionView>> {
    return this.sessions.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One session: with stats for its teacher and admins; a student gets only their own view',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ExamSessionViewDto) },
        { $ref: getSchemaPath(MyExamSessionViewDto) },
      ],
    },
  })
  @ApiErrors(400, 401, 404)
  get(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<ExamSessionView | MyExamSessionView> {
    return this.sessions.get(actor, id);
  }

  @Get(':id/students')
  @Roles('admin', 'teacher')
  @ApiOperation({ summary: 'The roster: every enrolled student with progress and connection' })
  @ApiOkResponse({ type: [StudentSessionViewDto] })
  @ApiErrors(400, 401, 403, 404)
  roster(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<StudentSessionView[]> {
    return this.sessions.roster(actor, id);
  }

  @Put(':id/staff')
  @Roles('admin', 'teacher')
  @ApiOperation({
    summary: 'Replace the co-teachers and invigilators (any status)',
    description:
      "The session's teacher, its co-teachers and the academy's admins may change the staff; invigilators get 403. Each person must be an active teacher of the academy, listed once, and not the session's own teacher. Whoever is removed leaves the live room at once.",
  })
  @ApiOkResponse({ type: ExamSessionViewDto })
  @ApiErrors(400, 401, 403, 404)
  setStaff(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: SetSessionStaffDto,
  ): Promise<ExamSessionView> {
    return this.sessions.setStaff(actor, id, body);
  }

  @Patch(':id')
  @Roles('admin', 'teacher')
  @ApiOperation({
    summary: 'Change title, duration, schedule, config or enrolment (only while preparing)',
    description: '409 INVALID_TRANSITION once the session has been launched.',
  })
  @ApiOkResponse({ type: ExamSessionViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateExamSessionDto,
  ): Promise<ExamSessionView> {
    return this.sessions.update(actor, id, body);
  }

  @Delete(':id')
  @Roles('admin', 'teacher')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a session (only while preparing)',
    description: '409 INVALID_TRANSITION once the session has been launched.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 401, 403, 404, 409)
  async remove(@CurrentUser() actor: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    await this.sessions.remove(actor, id);
  }
}
