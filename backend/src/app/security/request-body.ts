/**
 * The JSON API's front door, before any body is read: every request gets its id first (so
 * even a refused body answers with X-Request-Id and `requestId`), bodies must be JSON in
 * UTF-8 (the GIFT import also takes text/plain), and parsed bodies may not nest deeper than
 * MAX_JSON_DEPTH. A plain HTML form on another site therefore cannot post to the API
 * (browsers send forms as urlencoded or multipart), and a 10,000-deep body is a clear 400,
 * not a crash in validation.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../common/json-depth';
import { requestIdFor } from '../monitoring/logging.module';

/** Routes that also take text/plain (the GIFT import). */
const TEXT_ROUTES = /^\/api\/v1\/exams\/import\/gift\/?$/;
/** Routes that also take the XML itself (the Moodle XML import). */
const XML_ROUTES = /^\/api\/v1\/exams\/import\/moodle-xml\/?$/;
/** Routes that take a zip (the QTI package import). */
const ZIP_ROUTES = /^\/api\/v1\/exams\/import\/qti\/?$/;
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFor(req.headers['x-request-id']);
  req.headers['x-request-id'] = id;
  (req as Request & { id?: string }).id = id;
  res.setHeader('X-Request-Id', id);
  next();
}

function hasBody(req: Request): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

export function contentTypeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (!WITH_BODY.has(req.method) || !req.path.startsWith('/api/') || !hasBody(req)) return next();
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const [media, ...params] = type.split(';').map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  const json =
    media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
  const text =
    (media === 'text/plain' && TEXT_ROUTES.test(req.path)) ||
    ((media === 'application/xml' || media === 'text/xml') && XML_ROUTES.test(req.path)) ||
    ((media === 'application/zip' || media === 'application/x-zip-compressed') &&
      ZIP_ROUTES.test(req.path));
  if (!(json || text)) {
    return next(
      new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `This API takes JSON: send the body with Content-Type: application/json${media ? ` (not ${media})` : ''}.`,
      ),
    );
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    return next(
      new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the body in UTF-8 (charset=${charset} is not supported).`,
      ),
    );
  }
  next();
}

export function jsonDepthMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (req.body !== undefined && typeof req.body === 'object' && jsonDepthExceeds(req.body)) {
    return next(
      AppError.badRequest(
        `The request body nests more than ${MAX_JSON_DEPTH} levels deep. Send a flatter body.`,
        [{ field: 'body', problems: [`nests more than ${MAX_JSON_DEPTH} levels`] }],
      ),
    );
  }
  next();
}
