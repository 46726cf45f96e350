import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@astrobookings/shared';

export interface RequestLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

/** Refuses documents that alias fields more than `max` times (one way to multiply work cheaply). */
function aliasLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias !== undefined && ++aliases === max + 1) {
          context.reportError(
            new GraphQLError(`Query uses more than ${max} aliases`, { nodes: [node] }),
          );
        }
      },
    };
  };
}

export function limitValidationRules(limits: RequestLimits): ValidationRule[] {
  return [depthLimit(limits.maxDepth) as ValidationRule, aliasLimit(limits.maxAliases)];
}

/** Each field costs 1, and a paginated field multiplies its children by the page size it asks for. */
const pageAwareEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const pageSize = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + childComplexity * pageSize;
};

/**
 * Refuses an operation whose estimated cost, with its variables, is above the
 * limit, before any subgraph is called.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
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
