import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { AccessTokenVerifier } from '../auth/access-token';
import { RequestAuth } from '../auth/request-auth';
import { formatGraphQLError } from '../errors';
import type { DependencyCheck } from '../http/health';
import { Metrics } from '../http/metrics';
import { createHttpApp, listen, mountErrorHandlers } from '../http/server';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../logger';
import { currentCorrelationId } from '../request-context';
import type { GraphQLContext } from './context';
import { operationPlugin } from './operation-plugin';
import { operationLimitOptions, type OperationLimits } from './operation-rules';
import { nulCharacterPlugin } from './text-guard';

export interface SubgraphServerOptions {
  service: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  production: boolean;
  logger: Logger;
  lifecycle: Lifecycle;
  verifier: AccessTokenVerifier;
  dependencies: readonly DependencyCheck[];
  /** Config section `graphql`: the same limits as the gateway's, for requests that come without it. */
  limits: OperationLimits;
  bodyLimitBytes?: number;
  /** Extra routes of this service (e.g. the Auth service's JWKS). */
  routes?: (app: Express) => void;
}

export interface RunningSubgraph {
  server: http.Server;
  metrics: Metrics;
}

/** Serves one subgraph at /graphql with the operational routes of every process. */
export async function startSubgraphServer(
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const metrics = new Metrics(options.service);
  const app = createHttpApp({
    service: options.service,
    metrics,
    dependencies: options.dependencies,
  });
  options.routes?.(app);

  const apollo = new ApolloServer<GraphQLContext>({
    // The process's Lifecycle owns SIGTERM: Apollo's own handler would stop the server early and
    // re-raise the signal, killing the process before its in-flight work finishes.
    stopOnTerminationSignals: false,
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    ...operationLimitOptions(options.limits),
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, (err, message) =>
        options.logger.error({ err }, message),
      ),
    plugins: [
      operationPlugin(metrics, options.logger),
      nulCharacterPlugin(),
      // Traces are only for Apollo Studio reporting, which this project doesn't use.
      ApolloServerPluginInlineTraceDisabled(),
      options.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimitBytes ?? 1_000_000 }),
    expressMiddleware(apollo, {
      // eslint-disable-next-line @typescript-eslint/require-await
      context: async ({ req }) => ({
        auth: new RequestAuth(req.headers.authorization, options.verifier),
        correlationId: currentCorrelationId() ?? 'none',
        clientIp: req.ip ?? 'unknown',
        logger: options.logger,
      }),
    }),
  );

  mountErrorHandlers(app, options.logger);
  const server = await listen(app, options.port, options.host, options.lifecycle);
  // Registered after the server, so it runs first at shutdown.
  options.lifecycle.onShutdown('apollo server', () => apollo.stop());
  options.logger.info({ port: options.port }, `${options.service} subgraph listening`);
  return { server, metrics };
}
