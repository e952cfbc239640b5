/** Exams REST (teachers and admins of the academy): CRUD with questions, duplicate, GIFT import. */
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { ExamSummary, ExamView, GiftImportResponse, Page } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { createValidationPipe } from '../common/validation';
import {
  CreateExamDto,
  DuplicateExamDto,
  GiftImportDto,
  GiftImportQueryDto,
  ListExamsQueryDto,
  UpdateExamDto,
} from './dto/exam.dto';
import { ExamPageDto, ExamViewDto, GiftImportResponseDto } from './dto/exam-views.dto';
import { QUESTION_DTOS } from './dto/question.dto';
import { ExamsService } from './exams.service';

const uuid = new ParseUUIDPipe();

@ApiTags('exams')
@ApiBearerAuth()
@ApiExtraModels(...QUESTION_DTOS, GiftImportDto)
@Roles('admin', 'teacher')
@Controller({ path: 'exams', version: '1' })
export class ExamsController {
  constructor(private readonly exams: ExamsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an exam with its questions and keys',
    description:
      'Each question is checked for its type (e.g. a single choice needs its correctOptionId among the options; multiple-response weights of correct options add up to 100). Every problem is listed in details as {field, problems}.',
  })
  @ApiCreatedResponse({ type: ExamViewDto })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateExamDto): Promise<ExamView> {
    return this.exams.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List exams of your academy (paginated; filter by active, author; search title)',
  })
  @ApiOkResponse({ type: ExamPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() actor: AuthUser, @Query() q: ListExamsQueryDto): Promise<Page<ExamSummary>> {
    return this.exams.list(actor, q);
  }

  @Post('import/gift')
  @ApiOperation({
    summary: 'Create an exam from GIFT text (Moodle format)',
    description:
      'Send JSON {gift, title?, ...} or the GIFT text itself as text/plain (title and durationMinutes then come from the query). Read as Moodle reads GIFT. Single/multiple choice (weights), true/false, short answer (credits, * wildcards), numeric (tolerance, ranges, several answers), essay and matching are taken; the report lists every question that was not (code, line, column, why) and what imported questions lost (names, feedback...). 400 IMPORT_FAILED when no question can be imported (details.report.skipped: every question with its line and column).',
  })
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({
    description: 'JSON GiftImportDto, or with text/plain the GIFT text itself',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(GiftImportDto) },
        { type: 'string', example: '::Q1:: 2 + 2 = ? {#4}' },
      ],
    },
  })
  @ApiCreatedResponse({ type: GiftImportResponseDto })
  @ApiErrors(400, 401, 403, 413)
  async importGift(
    @CurrentUser() actor: AuthUser,
    @Body() body: unknown,
    @Query() q: GiftImportQueryDto,
  ): Promise<GiftImportResponse> {
    if (typeof body === 'string') return this.exams.importGift(actor, { ...q, gift: body });
    const dto = (await createValidationPipe().transform(body, {
      type: 'body',
      metatype: GiftImportDto,
    })) as GiftImportDto;
    return this.exams.importGift(actor, { ...dto, title: dto.title ?? q.title });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One exam with its questions and keys' })
  @ApiOkResponse({ type: ExamViewDto })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() actor: AuthUser, @Param('id', uuid) id: string): Promise<ExamView> {
    return this.exams.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replace an exam and its questions (bumps version)',
    description:
      'Questions sent with their id keep it; others are new; missing ones are removed. 409 EXAM_LOCKED while a session of this exam is preparing, active or paused; 409 CONFLICT when `version` is not the current one.',
  })
  @ApiOkResponse({ type: ExamViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateExamDto,
  ): Promise<ExamView> {
    return this.exams.update(actor, id, body);
  }

  @Post(':id/duplicate')
  @ApiOperation({ summary: 'Copy an exam with its questions (allowed even while locked)' })
  @ApiCreatedResponse({ type: ExamViewDto })
  @ApiErrors(400, 401, 403, 404)
  duplicate(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: DuplicateExamDto,
  ): Promise<ExamView> {
    return this.exams.duplicate(actor, id, body.title);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an exam (soft delete: its past sessions and results stay)',
    description: '409 EXAM_LOCKED while a session of this exam is preparing, active or paused.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 401, 403, 404, 409)
  async remove(@CurrentUser() actor: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    await this.exams.remove(actor, id);
  }
}
