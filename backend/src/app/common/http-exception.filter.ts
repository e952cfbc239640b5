/**
 * Turns every error into the ApiErrorBody shape with a stable code. Unknown errors are
 * logged and answered as INTERNAL_ERROR without leaking internals.
 */
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { ApiErrorBody, ErrorCode } from '@exam/contracts';
import { AppError } from './app-error';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

interface BodyParserError {
  type?: string;
  status?: number;
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = typeof req.id === 'string' ? req.id : undefined;
    // Read by the metrics middleware (exam_errors_total{transport="http"}).
    (res.locals as { errorCode?: string }).errorCode = body.code;
    if (exception instanceof AppError && exception.headers) {
      for (const [k, v] of Object.entries(exception.headers)) res.setHeader(k, v);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof AppError) {
      return {
        statusCode: exception.getStatus(),
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: 'Too many requests. Wait a moment and try again.',
      };
    }
    const bp = exception as BodyParserError;
    if (bp && bp.type === 'entity.parse.failed') {
      return {
        statusCode: 400,
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON. Check the syntax and send it again.',
      };
    }
    if (bp && (bp.type === 'charset.unsupported' || bp.type === 'encoding.unsupported')) {
      return {
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the body as UTF-8 JSON without content encoding.',
      };
    }
    if (bp && bp.type === 'entity.too.large') {
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large. Send less data.',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const cause = exception.cause as BodyParserError | undefined;
      if (
        status === 400 &&
        (cause?.type === 'entity.parse.failed' ||
          /JSON at position|is not valid JSON|Unexpected end of JSON/.test(exception.message))
      ) {
        return {
          statusCode: 400,
          code: 'MALFORMED_JSON',
          message: 'The request body is not valid JSON. Check the syntax and send it again.',
        };
      }
      const resp = exception.getResponse();
      const raw = typeof resp === 'string' ? resp : (resp as { message?: unknown }).message;
      const message = Array.isArray(raw)
        ? raw.join('; ')
        : typeof raw === 'string'
          ? raw
          : exception.message;
      if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(message)) {
        return {
          statusCode: 404,
          code: 'NOT_FOUND',
          message: `${message}. Check the path against /api/docs.`,
        };
      }
      return { statusCode: status, code: STATUS_CODES[status] ?? 'INTERNAL_ERROR', message };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message:
        'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
    };
  }
}
