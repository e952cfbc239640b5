/**
 * Questions in and out (teachers and admins of the academy, like GET /exams/:id): GIFT
 * export, QTI 3 content package export and import. Thin: authorize, call one service method.
 */
import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { QtiImportResponse } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { AppError } from '../common/app-error';
import { GiftImportQueryDto } from './dto/exam.dto';
import { QtiImportResponseDto } from './dto/question-exchange.dto';
import { QuestionExchangeService, type ExportFile } from './question-exchange.service';

const uuid = new ParseUUIDPipe();

const download = (f: ExportFile) =>
  new StreamableFile(f.data, {
    type: f.type,
    disposition: `attachment; filename="${f.name}"`,
    length: f.data.length,
  });

@ApiTags('exams')
@ApiBearerAuth()
@Roles('admin', 'teacher')
@Controller({ path: 'exams', version: '1' })
export class QuestionExchangeController {
  constructor(private readonly exchange: QuestionExchangeService) {}

  @Get(':id/export/gift')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The exam as a GIFT file (Moodle), keys included',
    description:
      'text/plain; charset=utf-8, as an attachment named after the exam. Every type but ordering is written as Moodle reads it; what GIFT cannot hold (points, units, case sensitivity, ordering questions...) is said in // comments.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The GIFT file', schema: { type: 'string' } })
  @ApiErrors(400, 401, 403, 404)
  async exportGift(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<StreamableFile> {
    return download(await this.exchange.giftFile(actor, id));
  }

  @Get(':id/export/qti')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The exam as a QTI 3.0 content package (zip), keys included',
    description:
      'imsmanifest.xml, one qti-assessment-item per question (items/item-001.xml...) and a qti-assessment-test weighting each item by its points. What QTI cannot hold (short-answer wildcards, accent folding, units, word limits, feedback) is said in XML comments in the item.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The package', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 401, 403, 404)
  async exportQti(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<StreamableFile> {
    return download(await this.exchange.qtiFile(actor, id));
  }

  @Post('import/qti')
  @ApiOperation({
    summary: 'Create an exam from a QTI 3.0 content package (zip)',
    description:
      "Send the zip itself with Content-Type: application/zip (at most 10 MB; at most 2,000 files and 20 MB of XML once unpacked); title and durationMinutes come from the query (default: the test's title, 60). Choice, text entry, extended text, order and match interactions are read; the report lists every item not taken (code, reason) and what imported items lost. 400 IMPORT_FAILED with details.problem (NOT_A_ZIP, UNSAFE_PATH, TOO_MANY_ENTRIES, TOO_LARGE, NO_MANIFEST, BAD_MANIFEST, NO_QUESTIONS) stores nothing.",
  })
  @ApiConsumes('application/zip')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: QtiImportResponseDto })
  @ApiErrors(400, 401, 403, 413)
  importQti(
    @CurrentUser() actor: AuthUser,
    @Body() body: unknown,
    @Query() q: GiftImportQueryDto,
  ): Promise<QtiImportResponse> {
    if (!Buffer.isBuffer(body) || !body.length) {
      throw new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the QTI package (.zip) itself as the body, with Content-Type: application/zip.',
      );
    }
    return this.exchange.importQti(actor, body, q);
  }
}
