/**
 * GET /api/v1/media/:id: an image of an imported question, for the <img> tags of question
 * texts. Access rule: the id is the secret. Pages load these images in <img>, which sends no
 * bearer token, so the route is public; each id is a random UUID (122 random bits) written only
 * into question texts, which only the exam's teachers and admins, and its students once the
 * exam is running, ever receive. Anyone holding a URL can load that one image (as they could
 * keep a screenshot of it); ids cannot be listed or guessed. The bytes are always one of the
 * four image types checked on import, sent with their type, `nosniff` and a CSP that allows
 * nothing, so even a crafted file cannot run as a page. Counted by the REST rate limit.
 */
import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../auth/decorators';
import { AppError } from '../../common/app-error';
import { ApiErrors } from '../../common/api-errors.decorator';
import { IMAGE_MIME_TYPES } from '../domain/question-media';
import { QuestionMediaService } from './question-media.service';

/** A week: an id's bytes never change. Private: not for shared caches. */
export const MEDIA_CACHE_CONTROL = 'private, max-age=604800, immutable';

@ApiTags('media')
@Public()
@Controller({ path: 'media', version: '1' })
export class QuestionMediaController {
  constructor(private readonly media: QuestionMediaService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'An image of an imported question (public: the random id is the secret)',
    description:
      'Question texts point here (<img src="/api/v1/media/<id>">). No bearer token is needed, since <img> sends none; ids are random UUIDs that only appear in question texts. Only PNG, JPEG, GIF and WebP are ever stored.',
  })
  @ApiProduces(...IMAGE_MIME_TYPES)
  @ApiOkResponse({ description: 'The image bytes', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const image = await this.media.find(id);
    if (!image) {
      throw new AppError(
        404,
        'NOT_FOUND',
        'This image does not exist. Check the address, or import the question again.',
      );
    }
    res.set({
      'Cache-Control': MEDIA_CACHE_CONTROL,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
      'Content-Disposition': 'inline',
    });
    return new StreamableFile(image.bytes, { type: image.mime, length: image.bytes.length });
  }
}
