/**
 * The one exception type our code throws for errors a user can hit: an HTTP status, a
 * stable code from the contracts, and a sentence that says what to do.
 */
import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@exam/contracts';

export class AppError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorBody['details'],
    readonly headers?: Record<string, string>,
  ) {
    super({ statusCode: status, code, message, details }, status);
  }

  static notFound(what: string): AppError {
    return new AppError(404, 'NOT_FOUND', `${what} was not found in your academy.`);
  }

  static forbidden(message = 'Your role is not allowed to do this.'): AppError {
    return new AppError(403, 'FORBIDDEN', message);
  }

  static conflict(message: string, code: ErrorCode = 'CONFLICT'): AppError {
    return new AppError(409, code, message);
  }

  static badRequest(message: string, details?: ApiErrorBody['details']): AppError {
    return new AppError(400, 'VALIDATION_FAILED', message, details);
  }
}
