/** GET /exam-sessions/:id/activity: the staff's activity feed from the session log. */
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ActivityEntry, SessionActivityPage } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { ACTIVITY_PAGE_MAX, SessionActivity } from './session-activity.service';

export class ActivityQueryDto {
  @ApiPropertyOptional({ description: 'Entries older than this id (paging back)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'beforeId must be a whole number' })
  @Min(1)
  beforeId?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: ACTIVITY_PAGE_MAX, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(ACTIVITY_PAGE_MAX)
  limit?: number;
}

class ActivityEntryDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'epoch ms' }) at: number;
  @ApiProperty({ description: 'exam_launch, student_joined, student_disconnected, ...' })
  type: string;
  @ApiProperty({ type: Object, nullable: true, description: '{id, role} or null (the server)' })
  actor: ActivityEntry['actor'];
  @ApiProperty({ type: [String] }) studentIds: string[];
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
}

class SessionActivityPageDto implements SessionActivityPage {
  @ApiProperty({ type: [ActivityEntryDto] }) entries: ActivityEntry[];
  @ApiProperty({ type: Object, description: 'display name by user id' })
  names: Record<string, string>;
  @ApiProperty() hasMore: boolean;
}

@ApiTags('live sessions')
@ApiBearerAuth()
@Controller({ path: 'exam-sessions', version: '1' })
export class SessionActivityController {
  constructor(private readonly activity: SessionActivity) {}

  @Get(':id/activity')
  @Roles('teacher', 'admin')
  @ApiOperation({
    summary:
      "The session's activity feed, newest first, from the stored log (staff): lifecycle, time added, messages, warnings, each student's arrival, dropped connection, return and end",
  })
  @ApiOkResponse({ type: SessionActivityPageDto })
  @ApiErrors(400, 401, 403, 404)
  page(
    @CurrentUser() u: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: ActivityQueryDto,
  ): Promise<SessionActivityPage> {
    return this.activity.page(u, id, q);
  }
}
