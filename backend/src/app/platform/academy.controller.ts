/** An academy's own settings, for its admins: name, time zone, retention. */
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { AcademyViewDto, UpdateAcademyDto } from './dto/platform.dto';
import { PlatformService } from './platform.service';

@ApiTags('academy')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'academy', version: '1' })
export class AcademyController {
  constructor(private readonly platform: PlatformService) {}

  @Get()
  @ApiOperation({ summary: "Your academy's settings and user counts (admins)" })
  @ApiOkResponse({ type: AcademyViewDto })
  @ApiErrors(401, 403)
  get(@CurrentUser() u: AuthUser) {
    return this.platform.get(u.academyId);
  }

  @Patch()
  @ApiOperation({ summary: "Change your academy's name, time zone or retention (admins)" })
  @ApiOkResponse({ type: AcademyViewDto })
  @ApiErrors(400, 401, 403)
  update(@CurrentUser() u: AuthUser, @Body() b: UpdateAcademyDto) {
    return this.platform.update(u, u.academyId, b);
  }
}
