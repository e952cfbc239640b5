/** Describes our error body for the given statuses in the OpenAPI document. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '@exam/contracts';

export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ enum: ERROR_CODES, example: 'VALIDATION_FAILED' })
  code: ErrorCode;

  @ApiProperty({ example: 'The request has invalid fields: email. Fix them and send it again.' })
  message: string;

  @ApiPropertyOptional({
    description: 'Per-field problems for VALIDATION_FAILED',
    type: 'array',
    items: { type: 'object' },
  })
  details?: unknown;

  @ApiPropertyOptional()
  requestId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid body, query or path (code VALIDATION_FAILED or MALFORMED_JSON)',
  401: 'Missing, expired or invalid token (AUTH_REQUIRED, TOKEN_EXPIRED, TOKEN_INVALID, INVALID_CREDENTIALS)',
  403: 'Your role may not do this (FORBIDDEN)',
  404: 'Not found in your academy (NOT_FOUND)',
  409: 'Conflicts with the current state (CONFLICT and more specific codes)',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  429: 'Rate limited (RATE_LIMITED); see the Retry-After header',
};

export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((s) =>
      ApiResponse({ status: s, description: DESCRIPTIONS[s] ?? 'Error', type: ApiErrorDto }),
    ),
  );
}
