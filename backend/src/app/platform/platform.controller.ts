/**
 * The platform operator's academies over REST. Operators only; academy admins manage their
 * own academy's settings at /academy (AcademyController).
 */
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { UserViewDto } from '../auth/dto/auth-views.dto';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  AcademyPageDto,
  AcademyViewDto,
  CreateAcademyDto,
  ListAcademiesQueryDto,
  NewAdminDto,
  SuspendAcademyDto,
  UpdateAcademyDto,
} from './dto/platform.dto';
import { PlatformService } from './platform.service';

const id = new ParseUUIDPipe();

@ApiTags('platform')
@ApiBearerAuth()
@Roles('operator')
@Controller({ path: 'platform/academies', version: '1' })
export class PlatformController {
  constructor(private readonly platform: PlatformService) {}

  @Get()
  @ApiOperation({ summary: 'Academies of the platform with their user counts (operators)' })
  @ApiOkResponse({ type: AcademyPageDto })
  @ApiErrors(400, 401, 403)
  list(@Query() q: ListAcademiesQueryDto) {
    return this.platform.list(q);
  }

  @Post()
  @ApiOperation({ summary: 'Create an academy, optionally with its first admin (operators)' })
  @ApiCreatedResponse({ type: AcademyViewDto })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentUser() u: AuthUser, @Body() b: CreateAcademyDto) {
    return this.platform.create(u, b);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One academy (operators)' })
  @ApiOkResponse({ type: AcademyViewDto })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', id) academyId: string) {
    return this.platform.get(academyId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename an academy or change its time zone and retention (operators)' })
  @ApiOkResponse({ type: AcademyViewDto })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() u: AuthUser,
    @Param('id', id) academyId: string,
    @Body() b: UpdateAcademyDto,
  ) {
    return this.platform.update(u, academyId, b);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Suspend an academy: its users are signed out at once, cannot sign in, and their sockets close (operators)',
  })
  @ApiOkResponse({ type: AcademyViewDto })
  @ApiErrors(400, 401, 403, 404)
  suspend(
    @CurrentUser() u: AuthUser,
    @Param('id', id) academyId: string,
    @Body() b: SuspendAcademyDto,
  ) {
    return this.platform.suspend(u, academyId, b.reason);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension (operators)' })
  @ApiOkResponse({ type: AcademyViewDto })
  @ApiErrors(400, 401, 403, 404)
  reactivate(@CurrentUser() u: AuthUser, @Param('id', id) academyId: string) {
    return this.platform.reactivate(u, academyId);
  }

  @Get(':id/admins')
  @ApiOperation({ summary: "The academy's admins (operators)" })
  @ApiOkResponse({ type: [UserViewDto] })
  @ApiErrors(400, 401, 403, 404)
  admins(@Param('id', id) academyId: string) {
    return this.platform.admins(academyId);
  }

  @Post(':id/admins')
  @ApiOperation({ summary: 'Create an admin of the academy, e.g. its first one (operators)' })
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  addAdmin(@CurrentUser() u: AuthUser, @Param('id', id) academyId: string, @Body() b: NewAdminDto) {
    return this.platform.addAdmin(u, academyId, b);
  }
}
