import { GraphQLError, OperationTypeNode, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses an operation of a type the schema does not have (a subscription here):
 * graphql-js 16 only finds out while executing, and then fails as an internal
 * error rather than as the client's mistake.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
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
