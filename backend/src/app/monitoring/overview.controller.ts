import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MonitoringOverview } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { MonitoringOverviewDto } from './overview.dto';
import { OverviewService } from './overview.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring', version: '1' })
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('overview')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Live monitoring for the admin page (admins): connections, live sessions with progress, messages/s, ack latency p50/p99, 15-minute history',
  })
  @ApiOkResponse({ type: MonitoringOverviewDto })
  @ApiErrors(401, 403)
  get(@CurrentUser() user: AuthUser): Promise<MonitoringOverview> {
    return this.overview.overview(user.academyId);
  }
}
