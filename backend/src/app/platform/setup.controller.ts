/** First-run setup over REST (public, usable once on a server without accounts). */
import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { SetupDto, SetupResponseDto, SetupStatusDto } from './dto/platform.dto';
import { SetupService } from './setup.service';

@ApiTags('setup')
@Public()
@Controller({ path: 'setup', version: '1' })
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @Get()
  @ApiOperation({ summary: 'Whether this server still needs its first academy and admin' })
  @ApiOkResponse({ type: SetupStatusDto })
  @ApiErrors(429)
  status() {
    return this.setup.status();
  }

  @Post()
  @ApiOperation({
    summary:
      'Create the first academy and its admin, with the one-time setup token the server printed at start (only while no account exists)',
  })
  @ApiCreatedResponse({ type: SetupResponseDto })
  @ApiErrors(400, 403, 409, 429)
  create(@Body() b: SetupDto, @Req() req: Request) {
    return this.setup.setup(b, req.ip);
  }
}
