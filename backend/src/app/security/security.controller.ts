import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Page } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { SecurityEventEntity } from './security-event.entity';
import { SecurityLogService } from './security-log.service';
import {
  SecurityEventPageDto,
  SecurityEventsQueryDto,
  type SecurityEventDto,
} from './security.dto';

@ApiTags('security')
@ApiBearerAuth()
@Controller({ path: 'security', version: '1' })
export class SecurityController {
  constructor(
    private readonly log: SecurityLogService,
    @InjectRepository(SecurityEventEntity) private readonly repo: Repository<SecurityEventEntity>,
  ) {}

  @Get('events')
  @Roles('admin')
  @ApiOperation({
    summary:
      'The security log of your academy, newest first (admins): sign-ins and failures, refusals, rate-limit hits, token rejections. Events with no academy (e.g. a refused origin) are only in the server log and the security_events table.',
  })
  @ApiOkResponse({ type: SecurityEventPageDto })
  @ApiErrors(400, 401, 403)
  async list(
    @CurrentUser() actor: AuthUser,
    @Query() q: SecurityEventsQueryDto,
  ): Promise<Page<SecurityEventDto>> {
    await this.log.flush();
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.repo
      .createQueryBuilder('e')
      .where('e.academy_id = :academyId', { academyId: actor.academyId });
    if (q.type) qb.andWhere('e.type = :type', { type: q.type });
    if (q.since !== undefined) qb.andWhere('e.at >= :since', { since: q.since });
    const [rows, total] = await qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        type: r.type,
        severity: r.severity,
        userId: r.userId,
        ip: r.ip,
        detail: r.detail,
      })),
      total,
      page,
      pageSize,
    };
  }
}
