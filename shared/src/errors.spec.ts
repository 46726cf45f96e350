import { GraphQLError } from 'graphql';
import {
  BadUserInputError,
  ConflictError,
  ErrorCode,
  formatGraphQLError,
  NotFoundError,
  RateLimitedError,
} from './errors';

function format(error: unknown, code?: string) {
  const logged: unknown[] = [];
  const graphQLError =
    error instanceof GraphQLError
      ? error
      : new GraphQLError('raw message', { originalError: error as Error, path: ['field'] });
  const formatted = formatGraphQLError(
    { message: graphQLError.message, path: ['field'], extensions: code ? { code } : {} },
    graphQLError,
    (err) => logged.push(err),
  );
  return { formatted, logged };
}

describe('formatGraphQLError', () => {
  it.each([
    [new BadUserInputError('Seats must be 1 to 4', { field: 'seats' }), ErrorCode.BadUserInput],
    [new NotFoundError('Launch'), ErrorCode.NotFound],
    [new ConflictError('Already booked'), ErrorCode.Conflict],
    [new RateLimitedError(30), ErrorCode.RateLimited],
  ])('gives a domain error its code and message: %s', (error, code) => {
    const { formatted, logged } = format(error);
    expect(formatted.extensions?.code).toBe(code);
    expect(formatted.message).toBe(error.message);
    expect(logged).toHaveLength(0);
  });

  it('keeps details of a domain error', () => {
    const { formatted } = format(new BadUserInputError('bad', { field: 'seats' }));
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'seats' });
  });

  it('hides unknown errors and logs them', () => {
    const secret = new Error('connection string postgres://user:pw@db');
    const { formatted, logged } = format(secret);
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toContain('postgres://');
    expect(logged).toEqual([secret]);
  });

  it("turns Apollo's uncoded refusals of a malformed request into BAD_USER_INPUT", () => {
    const refusal = new GraphQLError('Unsupported persisted query version', {
      extensions: { http: { status: 400 } },
    });
    const { formatted, logged } = format(refusal, 'INTERNAL_SERVER_ERROR');
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(logged).toHaveLength(0);
  });

  it('turns parse and validation failures into BAD_USER_INPUT', () => {
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']) {
      const { formatted } = format(new GraphQLError('Syntax Error'), code);
      expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    }
  });

  it('passes through contract codes from subgraphs without stack traces', () => {
    const logged: unknown[] = [];
    const formatted = formatGraphQLError(
      {
        message: 'Authentication required',
        extensions: { code: 'UNAUTHENTICATED', stacktrace: ['at x'] },
      },
      new GraphQLError('Authentication required'),
      (err) => logged.push(err),
    );
    expect(formatted.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(logged).toHaveLength(0);
  });
});
