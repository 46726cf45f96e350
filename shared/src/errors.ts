import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The only codes a client ever sees in `extensions.code` (see the contract). */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  Internal = 'INTERNAL_SERVER_ERROR',
}

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));

/** An expected failure with a code and a message safe to show to the caller. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.Forbidden, message);
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.BadUserInput, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string) {
    super(ErrorCode.NotFound, `${entity} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.Conflict, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.RateLimited, 'Too many requests, try again later', { retryAfterSeconds });
  }
}

/** Codes that Apollo Server and graphql-js give to requests that never reached a resolver. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function validationDetails(error: unknown): Record<string, unknown> | undefined {
  // type-graphql's ArgumentValidationError carries class-validator results.
  const failures = (error as { extensions?: { validationErrors?: unknown } } | undefined)
    ?.extensions?.validationErrors;
  if (!Array.isArray(failures)) return undefined;
  const fields = failures.map(
    (failure: { property?: string; constraints?: Record<string, string> }) => ({
      field: failure.property,
      problems: Object.values(failure.constraints ?? {}),
    }),
  );
  return { fields };
}

/**
 * Apollo Server's own refusals of a malformed request (e.g. an unsupported
 * persisted query version) carry an HTTP 4xx status but no code.
 */
function refusedAsMalformed(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export type ErrorLogger = (error: unknown, message: string) => void;

/**
 * The one translator from anything thrown to what a client sees: a message and
 * one of the contract's codes. Unknown errors become INTERNAL_SERVER_ERROR with
 * the detail only in the log.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logUnexpected: ErrorLogger,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...original.details },
    };
  }

  const code = formatted.extensions?.code;
  const validation = validationDetails(original);
  if (validation !== undefined) {
    return {
      ...base,
      message: 'Invalid input',
      extensions: { code: ErrorCode.BadUserInput, ...validation },
    };
  }
  if (typeof code === 'string' && CLIENT_CODES.has(code) && code !== String(ErrorCode.Internal)) {
    // Already a client error (e.g. from a subgraph, or Apollo's variable coercion).
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      ...extensions
    } = formatted.extensions ?? {};
    return { ...base, message: formatted.message, extensions: { ...extensions, code } };
  }
  if ((typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) || refusedAsMalformed(error)) {
    return { ...base, message: formatted.message, extensions: { code: ErrorCode.BadUserInput } };
  }
  logUnexpected(original, 'unexpected error while resolving a request');
  return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.Internal } };
}
