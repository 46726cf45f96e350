import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '../errors';

const NUL = '\u0000';

/** Whether any string or key in a JSON value holds NUL; iterative, as request bodies nest deep. */
function jsonHasNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes(NUL)) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes(NUL)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

function documentHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

/**
 * PostgreSQL, and FerretDB on it, cannot hold U+0000 in text: a value with one
 * fails deep inside a store as an internal error. It is refused up front as the
 * client's mistake.
 */
export function nulCharacterPlugin(): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async didResolveOperation({ request, document }) {
          if (jsonHasNul(request.variables) || documentHasNul(document)) {
            throw new GraphQLError('Text must not contain the NUL character (U+0000)', {
              extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
