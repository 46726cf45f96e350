import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode, knownOperationTypesRule } from '@astrobookings/shared';

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

/** Whether a fragment spread names no fragment, or fragments spread each other in a cycle. */
function hasBrokenFragments(document: DocumentNode): boolean {
  const spreads = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const names: string[] = [];
    visit(definition.selectionSet, {
      FragmentSpread: (spread) => void names.push(spread.name.value),
    });
    spreads.set(definition.name.value, names);
  }
  let unknown = false;
  visit(document, {
    FragmentSpread: (spread) => {
      if (!spreads.has(spread.name.value)) unknown = true;
    },
  });
  if (unknown) return true;
  const done = new Set<string>();
  const onPath = new Set<string>();
  const cycles = (name: string): boolean => {
    if (onPath.has(name)) return true;
    if (done.has(name)) return false;
    onPath.add(name);
    const found = (spreads.get(name) ?? []).some(cycles);
    onPath.delete(name);
    done.add(name);
    return found;
  };
  return [...spreads.keys()].some(cycles);
}

/**
 * graphql-depth-limit follows fragment spreads blindly: an unknown or cyclic
 * fragment makes it throw. graphql's own rules refuse such documents, so the
 * depth is only measured on the others. It also reports every field below the
 * limit, and it does so before graphql starts counting errors: past graphql's
 * error limit the abort escapes validation as an internal error. One report
 * says enough.
 */
function depthRule(maxDepth: number): ValidationRule {
  const measure = depthLimit(maxDepth) as ValidationRule;
  return (context) => {
    if (hasBrokenFragments(context.getDocument())) return {};
    let reported = false;
    const reportOnce = Object.create(context, {
      reportError: {
        value: (error: GraphQLError) => {
          if (!reported) context.reportError(error);
          reported = true;
        },
      },
    }) as ValidationContext;
    return measure(reportOnce);
  };
}

export function limitValidationRules(limits: RequestLimits): ValidationRule[] {
  return [knownOperationTypesRule, depthRule(limits.maxDepth), aliasLimit(limits.maxAliases)];
}

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
