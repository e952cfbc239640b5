/** POST /api/v1/exams/import/moodle-xml (teachers and admins): an exam from Moodle XML. */
import { Body, Controller, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { MoodleXmlImportResponse } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { createValidationPipe } from '../common/validation';
import {
  MoodleXmlImportDto,
  MoodleXmlImportQueryDto,
  MoodleXmlImportResponseDto,
} from './dto/moodle-xml.dto';
import { MoodleXmlImportService } from './moodle-xml-import.service';

@ApiTags('exams')
@ApiBearerAuth()
@ApiExtraModels(MoodleXmlImportDto)
@Roles('admin', 'teacher')
@Controller({ path: 'exams', version: '1' })
export class MoodleXmlImportController {
  constructor(private readonly importer: MoodleXmlImportService) {}

  @Post('import/moodle-xml')
  @ApiOperation({
    summary: "Create an exam from Moodle XML (Moodle's question bank export)",
    description:
      'Send JSON {xml, title?, ...} or the XML itself as application/xml or text/xml (title, durationMinutes... then come from the query). Multiple choice (one answer or weights), true/false, short answer, numerical (tolerance, several answers, the base unit), essay, matching and ordering are taken; embedded PNG/JPEG/GIF/WebP images are stored and served at /api/v1/media/:id. The report lists every question not taken (code, line, why) and what imported questions lost. 400 IMPORT_FAILED when the XML cannot be read (details: line, column) or no question can be imported (details.report); nothing is stored then.',
  })
  @ApiConsumes('application/json', 'application/xml', 'text/xml')
  @ApiBody({
    description: 'JSON MoodleXmlImportDto, or with application/xml the XML itself',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(MoodleXmlImportDto) },
        { type: 'string', example: '<quiz><question type="truefalse">...</question></quiz>' },
      ],
    },
  })
  @ApiCreatedResponse({ type: MoodleXmlImportResponseDto })
  @ApiErrors(400, 401, 403, 413, 415)
  async importXml(
    @CurrentUser() actor: AuthUser,
    @Body() body: unknown,
    @Query() q: MoodleXmlImportQueryDto,
  ): Promise<MoodleXmlImportResponse> {
    if (typeof body === 'string') return this.importer.importXml(actor, { ...q, xml: body });
    const dto = (await createValidationPipe().transform(body, {
      type: 'body',
      metatype: MoodleXmlImportDto,
    })) as MoodleXmlImportDto;
    // Fields in the body win; the query fills those the body leaves out.
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    return this.importer.importXml(actor, { ...q, ...given, xml: dto.xml });
  }
}
