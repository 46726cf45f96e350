import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@astrobookings/shared';

/** Each field costs 1, and a paginated field multiplies its children by the page size it asks for. */
const pageAwareEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const pageSize = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + childComplexity * pageSize;
};

/** The most levels variables may nest: the contract's inputs have a few. */
const MAX_VARIABLE_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays more than `max` levels deep, found
 * without recursion: a value nested 40,000 deep must not exhaust the stack here
 * (nor later, where the response cache serializes variables into its key).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses variables nested absurdly deep, and an operation whose estimated
 * cost, with its variables, is above the limit, before any subgraph is called.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async didResolveOperation({ request, document, schema, operation }) {
          // Apollo goes on to execute when no operation matched operationName; the gateway then answers nothing.
          if (operation == null) {
            throw new GraphQLError(
              `The document has no operation named ${JSON.stringify(request.operationName ?? '')}`,
              { extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } } },
            );
          }
          if (nestsDeeperThan(request.variables, MAX_VARIABLE_DEPTH)) {
            throw new GraphQLError(`Variables nest more than ${MAX_VARIABLE_DEPTH} levels deep`, {
              extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
            });
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              // The resolved operation's own name: an anonymous one has none to compare.
              operationName: operation.name?.value,
              variables: request.variables ?? {},
              estimators: [pageAwareEstimator],
            });
          } catch (error) {
            // The estimate coerces the variables first, so it meets invalid ones before Apollo does.
            if (!(error instanceof GraphQLError)) throw error;
            throw new GraphQLError(error.message, {
              extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
            });
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query is too expensive (cost ${cost}, limit ${maxCost})`, {
              extensions: { code: ErrorCode.BadUserInput, cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
