/** GET /metrics (outside /api): Prometheus text format, for a scraper on the admin network. */
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators';
import { AppError } from '../common/app-error';
import { ApiErrors } from '../common/api-errors.decorator';
import { AppConfigService } from '../config/app-config';
import { buildAllowList, checkMetricsAccess } from './metrics-access';
import { MetricsService } from './metrics.service';

@ApiTags('monitoring')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly allow;

  constructor(
    private readonly metrics: MetricsService,
    private readonly cfg: AppConfigService,
  ) {
    this.allow = buildAllowList(cfg.get('METRICS_ALLOW_CIDRS'));
  }

  @Get()
  @ApiOperation({
    summary:
      'Prometheus metrics (text format). Bearer METRICS_TOKEN when set; otherwise only clients in METRICS_ALLOW_CIDRS',
  })
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus exposition format 0.0.4' })
  @ApiErrors(401, 403)
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const verdict = checkMetricsAccess(
      { token: this.cfg.get('METRICS_TOKEN') || undefined, allow: this.allow },
      // req.ip honours X-Forwarded-For only when TRUST_PROXY is on.
      { authorization: req.headers.authorization, ip: req.ip ?? req.socket.remoteAddress },
    );
    if (verdict === 'token_required') {
      throw new AppError(
        401,
        'AUTH_REQUIRED',
        'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="metrics"',
        },
      );
    }
    if (verdict === 'network_refused') {
      throw AppError.forbidden(
        'Metrics are served to the admin network only (METRICS_ALLOW_CIDRS), or set METRICS_TOKEN.',
      );
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).end(await this.metrics.metrics());
  }
}
