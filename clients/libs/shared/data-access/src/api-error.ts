import { HttpErrorResponse } from '@angular/common/http';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { errorMessage, normalizeErrorCode, type ErrorCode } from '@web/shared/util';

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

/** A failed call to the gateway, with its contract code and the words to show. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly serverMessage?: string,
  ) {
    super(errorMessage(code, serverMessage));
    this.name = 'ApiError';
  }

  /** From a GraphQL response's `errors`: the first one decides. */
  static fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): ApiError {
    const [first] = errors;
    return new ApiError(
      normalizeErrorCode(first?.extensions?.code),
      typeof first?.message === 'string' ? first.message : undefined,
    );
  }
}

/** A non-2xx answer whose body may still be a GraphQL response with codes (429, 400, …). */
function fromBody(status: number, body: unknown): ApiError {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return ApiError.fromGraphQLErrors(errors as GraphQLErrorLike[]);
  }
  if (status === 401) return new ApiError('UNAUTHENTICATED');
  if (status === 403) return new ApiError('FORBIDDEN');
  if (status === 429) return new ApiError('RATE_LIMITED');
  return new ApiError(status === 0 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Whatever a call to the gateway threw, as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (CombinedGraphQLErrors.is(error)) return ApiError.fromGraphQLErrors(error.errors);
  if (ServerError.is(error)) return fromBody(error.statusCode, parseJson(error.bodyText));
  if (error instanceof HttpErrorResponse) return fromBody(error.status, error.error);
  // The browser refused or lost the connection (fetch's TypeError, Angular's status 0).
  return new ApiError('NETWORK');
}

/** True when the failure means the caller's session is not (or no longer) valid. */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
  }
  return toApiError(error).code === 'UNAUTHENTICATED';
}
