/**
 * The global ValidationPipe: unknown fields rejected, payloads transformed into DTO classes,
 * and every problem listed per field under a VALIDATION_FAILED error.
 */
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidationIssue } from '@exam/contracts';
import { AppError } from './app-error';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      out.push({
        field,
        problems: Object.entries(e.constraints).map(([k, v]) =>
          k === 'whitelistValidation' ? `${field} is not a known field; remove it` : v,
        ),
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = details.map((d) => d.field).join(', ');
      return new AppError(
        400,
        'VALIDATION_FAILED',
        `The request has invalid fields: ${fields}. Fix them and send it again.`,
        details,
      );
    },
  });
}
