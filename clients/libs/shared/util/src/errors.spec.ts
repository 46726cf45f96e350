import { errorCodeWords, errorMessage, isErrorCode, normalizeErrorCode } from './errors';

describe('error codes in words', () => {
  it('has words for every code of the contract', () => {
    for (const code of [
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'BAD_USER_INPUT',
      'NOT_FOUND',
      'CONFLICT',
      'RATE_LIMITED',
      'INTERNAL_SERVER_ERROR',
      'NETWORK',
    ] as const) {
      expect(isErrorCode(code)).toBe(true);
      expect(errorCodeWords(code)).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('shows the server’s message where it is meant for people', () => {
    expect(errorMessage('BAD_USER_INPUT', 'Seats must be 1 to 4')).toBe('Seats must be 1 to 4.');
    expect(errorMessage('CONFLICT', 'Only 2 seats are left.')).toBe('Only 2 seats are left.');
    expect(errorMessage('NOT_FOUND', 'Launch not found')).toBe('Launch not found.');
  });

  it('never shows the server’s message for the other codes', () => {
    expect(errorMessage('INTERNAL_SERVER_ERROR', 'connect ECONNREFUSED 10.0.0.3:5432')).toBe(
      errorCodeWords('INTERNAL_SERVER_ERROR'),
    );
    expect(errorMessage('FORBIDDEN', 'role check failed in LaunchResolver')).toBe(
      'Your account is not allowed to do this.',
    );
    expect(errorMessage('RATE_LIMITED')).toContain('wait a minute');
  });

  it('falls back to the code’s words when the message is empty', () => {
    expect(errorMessage('BAD_USER_INPUT', '  ')).toBe(errorCodeWords('BAD_USER_INPUT'));
  });

  it('reads an unknown code as a generic failure', () => {
    expect(normalizeErrorCode('TEAPOT')).toBe('INTERNAL_SERVER_ERROR');
    expect(normalizeErrorCode(undefined)).toBe('INTERNAL_SERVER_ERROR');
    expect(normalizeErrorCode('CONFLICT')).toBe('CONFLICT');
  });
});
