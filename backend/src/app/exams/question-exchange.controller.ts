/**
 * Questions in and out (teachers and admins of the academy, like GET /exams/:id): GIFT
 * export, QTI 3 content package export and import. Thin: authorize, call one service method.
 */
import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
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
}
