import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ApiError, isUnauthenticated, toApiError } from './api-error';

function serverError(status: number, body: unknown): ServerError {
  return new ServerError('Response not successful', {
    // jsdom has no fetch Response; ServerError reads only its status.
    response: { status } as Response,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('toApiError', () => {
  it('takes the code and message of a GraphQL error', () => {
    const error = toApiError(
      new CombinedGraphQLErrors({
        errors: [
          { message: 'Only 2 seats are left', extensions: { code: 'CONFLICT' } },
          { message: 'second', extensions: { code: 'FORBIDDEN' } },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Only 2 seats are left.');
  });

  it('reads codes from a non-2xx answer that is still a GraphQL response', () => {
    const error = toApiError(
      serverError(429, {
        errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }],
      }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('wait a minute');
  });

  it('reads the HTTP status when the body says nothing', () => {
    expect(toApiError(serverError(401, 'Unauthorized')).code).toBe('UNAUTHENTICATED');
    expect(toApiError(serverError(403, '')).code).toBe('FORBIDDEN');
    expect(toApiError(serverError(502, '<html>Bad gateway</html>')).code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });

  it('says the gateway can’t be reached when the connection fails', () => {
    const offline = new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });
    expect(toApiError(offline).code).toBe('NETWORK');
    expect(toApiError(new TypeError('Failed to fetch')).code).toBe('NETWORK');
  });

  it('reads codes from Angular’s HttpErrorResponse bodies', () => {
    const error = new HttpErrorResponse({
      status: 400,
      headers: new HttpHeaders(),
      error: {
        errors: [{ message: 'Malformed request body', extensions: { code: 'BAD_USER_INPUT' } }],
      },
    });
    expect(toApiError(error).message).toBe('Malformed request body.');
  });

  it('never shows an internal message', () => {
    const error = toApiError(
      new CombinedGraphQLErrors({
        errors: [{ message: 'relation "bookings" does not exist', extensions: {} }],
      }),
    );
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('relation');
  });

  it('knows when the session is over', () => {
    const unauthenticated = new CombinedGraphQLErrors({
      errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(isUnauthenticated(unauthenticated)).toBe(true);
    expect(isUnauthenticated(new ApiError('UNAUTHENTICATED'))).toBe(true);
    expect(isUnauthenticated(new ApiError('FORBIDDEN'))).toBe(false);
  });
});
