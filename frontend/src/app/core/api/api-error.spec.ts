import { HttpErrorResponse } from '@angular/common/http';
import { errorBody } from '../../../testing/auth-fixtures';
import { NETWORK_ERROR_MESSAGE, toApiError } from './api-error';

describe('toApiError', () => {
  it('keeps the server code and sentence', () => {
    const err = new HttpErrorResponse({
      status: 401,
      error: errorBody(401, 'INVALID_CREDENTIALS', 'Email or password is wrong.'),
    });
    expect(toApiError(err)).toEqual({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is wrong.',
      fieldErrors: {},
    });
  });

  it('collects VALIDATION_FAILED details per field', () => {
    const err = new HttpErrorResponse({
      status: 400,
      error: errorBody(
        400,
        'VALIDATION_FAILED',
        'The request has invalid fields: email, password.',
        [
          { field: 'email', problems: ['email must be an email address like name@school.org'] },
          { field: 'password', problems: ['password must be 8 to 200 characters long'] },
          { field: 'bad', problems: [42] } as never,
        ],
      ),
    });
    expect(toApiError(err).fieldErrors).toEqual({
      email: ['email must be an email address like name@school.org'],
      password: ['password must be 8 to 200 characters long'],
    });
  });

  it('explains an unreachable server', () => {
    const e = toApiError(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }));
    expect(e.code).toBe('NETWORK_ERROR');
    expect(e.message).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('falls back to a sentence when the body is not an API error (e.g. a proxy page)', () => {
    const e = toApiError(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }));
    expect(e).toMatchObject({ status: 502, code: 'UNKNOWN_ERROR' });
    expect(e.message).toMatch(/server had a problem/);
  });

  it('does not trust an unknown code', () => {
    const e = toApiError(
      new HttpErrorResponse({ status: 418, error: { code: 'TEAPOT', message: 'short and stout' } }),
    );
    expect(e).toMatchObject({ code: 'UNKNOWN_ERROR', message: 'short and stout' });
  });
});
