/**
 * Turns whatever an HTTP call failed with into one shape, so pages show the server's sentence
 * and switch on its stable code instead of digging through HttpErrorResponse.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, type ErrorCode, type ValidationIssue } from '@exam/contracts';

/** Server codes plus the two failures that never reach the server. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN_ERROR';

export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: ClientErrorCode;
  message: string;
  /** Problems per field (from VALIDATION_FAILED details), keyed by field name. */
  fieldErrors: Readonly<Record<string, readonly string[]>>;
}

export const NETWORK_ERROR_MESSAGE =
  'Cannot reach the server. Check your connection and try again.';

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ApiError>;
  return (
    typeof v.status === 'number' &&
    typeof v.code === 'string' &&
    typeof v.message === 'string' &&
    typeof v.fieldErrors === 'object'
  );
}

export function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) {
      return { status: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE, fieldErrors: {} };
    }
    const body: unknown = err.error;
    if (isRecord(body) && typeof body['code'] === 'string' && typeof body['message'] === 'string') {
      return {
        status: err.status,
        code: KNOWN_CODES.has(body['code']) ? (body['code'] as ErrorCode) : 'UNKNOWN_ERROR',
        message: body['message'],
        fieldErrors: fieldErrorsFrom(body['details']),
      };
    }
    return {
      status: err.status,
      code: 'UNKNOWN_ERROR',
      message: fallbackMessage(err.status),
      fieldErrors: {},
    };
  }
  return {
    status: 0,
    code: 'UNKNOWN_ERROR',
    message: 'Something went wrong in the page. Reload it and try again.',
    fieldErrors: {},
  };
}

/** `details` of VALIDATION_FAILED is a list of {field, problems}; anything else has no fields. */
function fieldErrorsFrom(details: unknown): Record<string, string[]> {
  if (!Array.isArray(details)) return {};
  const out: Record<string, string[]> = {};
  for (const item of details as unknown[]) {
    if (!isValidationIssue(item)) continue;
    (out[item.field] ??= []).push(...item.problems);
  }
  return out;
}

function isValidationIssue(v: unknown): v is ValidationIssue {
  return (
    isRecord(v) &&
    typeof v['field'] === 'string' &&
    Array.isArray(v['problems']) &&
    (v['problems'] as unknown[]).every((p) => typeof p === 'string')
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fallbackMessage(status: number): string {
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  if (status === 404) return 'That was not found. Check the address and try again.';
  return `The request failed (HTTP ${status}). Try again.`;
}
