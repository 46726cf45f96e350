import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';

/** What a document may ask for (config section `graphql`). */
export interface OperationLimits {
  /** Levels of fields, introspection aside. */
  maxDepth: number;
  maxAliases: number;
  /** Lexical tokens: parsing stops past this many, before any AST is built for the rest. */
  maxTokens: number;
}

/**
 * Refuses an operation of a type the schema does not have (a subscription here):
 * graphql-js 16 only finds out while executing, and then fails as an internal
 * error rather than as the client's mistake.
 */
function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      const root =
        node.operation === OperationTypeNode.QUERY
          ? schema.getQueryType()
          : node.operation === OperationTypeNode.MUTATION
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (root == null) {
        context.reportError(
          new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node] }),
        );
      }
    },
  };
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

/**
 * The checks every GraphQL server of this project makes of a document before
 * running it, the gateway and each subgraph alike (a subgraph is reachable
 * without the gateway): known operation types, depth and aliases (aliases are
 * how one request repeats a resolver's work thousands of times).
 */
export function operationRules(limits: OperationLimits): ValidationRule[] {
  return [knownOperationTypesRule, depthRule(limits.maxDepth), aliasLimit(limits.maxAliases)];
}

/**
 * What the gateway and each subgraph give Apollo Server to hold documents to
 * `limits`: the rules above, and parsing that stops past `maxTokens` tokens.
 */
export function operationLimitOptions(limits: OperationLimits): {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
} {
  return { validationRules: operationRules(limits), parseOptions: { maxTokens: limits.maxTokens } };
}
