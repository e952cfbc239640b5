/** Serves the AsyncAPI document of the live protocol at GET /api/asyncapi.json (public). */
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/decorators';
import { ApiErrors } from '../../common/api-errors.decorator';
import { buildAsyncApi } from './asyncapi';

@ApiTags('live sessions')
@Controller()
export class AsyncApiController {
  private readonly doc = buildAsyncApi();

  @Get('asyncapi.json')
  @Public()
  @ApiOperation({ summary: 'AsyncAPI 3 document of the WebSocket protocol at /ws' })
  @ApiOkResponse({ description: 'AsyncAPI 3.0 JSON' })
  @ApiErrors(429)
  get(): Record<string, unknown> {
    return this.doc;
  }
}
