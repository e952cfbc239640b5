/**
 * Test-taker tools over REST: a student's own (GET/PUT /me/test-taker-tools) and any
 * student's for the academy's staff (GET/PUT /users/:id/test-taker-tools).
 */
import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TestTakerToolsView } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  SetMyTestTakerToolsDto,
  SetStudentTestTakerToolsDto,
  TestTakerToolsViewDto,
} from './dto/test-taker-tools.dto';
import { TestTakerToolsService } from './test-taker-tools.service';

@ApiTags('test-taker tools')
@ApiBearerAuth()
@Controller({ version: '1' })
export class TestTakerToolsController {
  constructor(private readonly tools: TestTakerToolsService) {}

  @Get('me/test-taker-tools')
  @Roles('student')
  @ApiOperation({
    summary: 'Your test-taker tools (text size, contrast, spacing, font, line reader, ...)',
  })
  @ApiOkResponse({ type: TestTakerToolsViewDto })
  @ApiErrors(401, 403)
  mine(@CurrentUser() u: AuthUser): Promise<TestTakerToolsView> {
    return this.tools.mine(u);
  }

  @Put('me/test-taker-tools')
  @Roles('student')
  @ApiOperation({
    summary: 'Change your test-taker tools (403 TOOLS_FIXED when your teacher fixed them)',
  })
  @ApiOkResponse({ type: TestTakerToolsViewDto })
  @ApiErrors(400, 401, 403)
  setMine(
    @CurrentUser() u: AuthUser,
    @Body() b: SetMyTestTakerToolsDto,
  ): Promise<TestTakerToolsView> {
    return this.tools.setMine(u, b.tools);
  }

  @Get('users/:id/test-taker-tools')
  @Roles('admin', 'teacher')
  @ApiOperation({ summary: "A student's test-taker tools (the academy's teachers and admins)" })
  @ApiOkResponse({ type: TestTakerToolsViewDto })
  @ApiErrors(401, 403, 404)
  forStudent(
    @CurrentUser() u: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<TestTakerToolsView> {
    return this.tools.forStudent(u, id);
  }

  @Put('users/:id/test-taker-tools')
  @Roles('admin', 'teacher')
  @ApiOperation({
    summary:
      "Set a student's test-taker tools and whether they may change them (the academy's teachers and admins)",
  })
  @ApiOkResponse({ type: TestTakerToolsViewDto })
  @ApiErrors(400, 401, 403, 404)
  setForStudent(
    @CurrentUser() u: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() b: SetStudentTestTakerToolsDto,
  ): Promise<TestTakerToolsView> {
    return this.tools.setForStudent(u, id, b);
  }
}
