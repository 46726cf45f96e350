import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../http/metrics';
import type { Logger } from '../logger';

/** Logs and counts every GraphQL operation: name, duration and outcome. */
export function operationPlugin(metrics: Metrics, logger: Logger): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      const started = performance.now();
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async willSendResponse({ request, errors, operationName }) {
          const operation = operationName ?? request.operationName ?? 'anonymous';
          const codes = (errors ?? []).map((error) =>
            typeof error.extensions?.code === 'string'
              ? error.extensions.code
              : 'INTERNAL_SERVER_ERROR',
          );
          metrics.graphqlOperations.inc({
            operation,
            outcome: codes.length === 0 ? 'ok' : 'error',
          });
          logger.info(
            {
              operation,
              durationMs: Math.round(performance.now() - started),
              errorCodes: codes.length > 0 ? codes : undefined,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
