/**
 * Every failure the gateway reports carries one of the contract's codes in
 * `extensions.code`; people read it in words. The server's own message is shown
 * only for codes whose messages are written for people (what was wrong with the
 * input, what conflicts, what wasn't found); the rest could say too much.
 */

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  /** No answer from the gateway at all: offline, DNS, refused connection. */
  | 'NETWORK';

const WORDS: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'Your account is not allowed to do this.',
  BAD_USER_INPUT: 'Some of the details are not valid. Please check them and try again.',
  NOT_FOUND: 'We could not find what you were looking for. It may have been removed.',
  CONFLICT: 'This changed in the meantime, so it could not be done. Reload and try again.',
  RATE_LIMITED: 'Too many attempts in a short time. Please wait a minute and try again.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again in a moment.',
  NETWORK: 'AstroBookings cannot be reached. Check your connection and try again.',
};

const SHOWS_SERVER_MESSAGE: ReadonlySet<ErrorCode> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
]);

const CODES = new Set<string>(Object.keys(WORDS));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** An unknown code (a newer server) reads as the generic failure. */
export function normalizeErrorCode(value: unknown): ErrorCode {
  return isErrorCode(value) ? value : 'INTERNAL_SERVER_ERROR';
}

/** The words for a code alone. */
export function errorCodeWords(code: ErrorCode): string {
  return WORDS[code];
}

/** What to tell a person about a failure: the server's message when it is meant for them. */
export function errorMessage(code: ErrorCode, serverMessage?: string | null): string {
  const detail = serverMessage?.trim();
  if (detail && SHOWS_SERVER_MESSAGE.has(code)) {
    return /[.!?]$/.test(detail) ? detail : `${detail}.`;
  }
  return WORDS[code];
}
