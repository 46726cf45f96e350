import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import {
  AccessTokenVerifier,
  catalogAppliedChannel,
  createHttpApp,
  createRedis,
  createRedisSubscriber,
  currentCorrelationId,
  formatGraphQLError,
  listen,
  mountErrorHandlers,
  Metrics,
  operationPlugin,
  redisCheck,
  type DependencyCheck,
  operationLimitOptions,
  runProcess,
} from '@astrobookings/shared';
import type { GatewayContext } from './gateway-context';
import { mountQueueDashboard } from './queue-dashboard';
import { rateLimitMiddleware } from './rate-limit';
import { costLimitPlugin } from './request-limits';
import { ResponseCache } from './response-cache';
import { SubgraphDataSource } from './subgraph-data-source';
import { joinedSubgraphs, SUBGRAPHS, supergraphSource, type SubgraphName } from './supergraph';

const SERVICE = 'gateway';

/** A subgraph is a dependency of the gateway: ready when its own /ready answers 200. */
function subgraphCheck(name: SubgraphName, graphqlUrl: string): DependencyCheck {
  const readyUrl = new URL('/ready', graphqlUrl).toString();
  return {
    name: `${name}-subgraph`,
    check: async () => {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1_500) });
      if (!response.ok) throw new Error(`answered ${response.status}`);
    },
  };
}

runProcess(
  SERVICE,
  ['redis', 'http', 'ports', 'subgraphUrls', 'tokens', 'graphql', 'gateway'],
  async ({ config, logger, lifecycle }) => {
    const redis = createRedis(config.redis.url, SERVICE);
    lifecycle.onShutdown('redis', () => redis.quit());

    const urls = config.subgraphUrls;
    const supergraph = await supergraphSource(
      config.gateway.composeFrom,
      config.gateway.supergraphPath,
      urls,
    );
    const gateway = new ApolloGateway({
      supergraphSdl: supergraph,
      // The committed supergraph names the contract's default URLs; the configured ones win.
      buildService: ({ name, url }) =>
        new SubgraphDataSource(
          urls[name as SubgraphName] ?? url ?? '',
          config.gateway.subgraphTimeoutMs,
        ),
      logger,
    });

    const metrics = new Metrics(SERVICE);
    const app = createHttpApp({
      service: SERVICE,
      metrics,
      dependencies: [
        redisCheck(redis),
        ...(typeof supergraph === 'string' ? joinedSubgraphs(supergraph) : SUBGRAPHS).map((name) =>
          subgraphCheck(name, urls[name]),
        ),
      ],
    });
    const verifier = AccessTokenVerifier.fromJwks(config.tokens.jwksUrl, config.tokens);
    const responseCache =
      config.gateway.responseCacheBytes > 0
        ? new ResponseCache(config.gateway.responseCacheBytes)
        : undefined;
    if (responseCache !== undefined) {
      const subscriber = createRedisSubscriber(config.redis.url);
      lifecycle.onShutdown('redis subscriber', () => subscriber.quit());
      await responseCache.follow(subscriber, catalogAppliedChannel(config.redis.keyPrefix), logger);
    }
    const apollo = new ApolloServer<GatewayContext>({
      // The process's Lifecycle owns SIGTERM: Apollo's own handler would stop the server early and
      // re-raise the signal, killing the process before its in-flight work finishes.
      stopOnTerminationSignals: false,
      gateway,
      includeStacktraceInErrorResponses: false,
      introspection: true,
      ...operationLimitOptions(config.graphql),
      formatError: (formatted, error) =>
        formatGraphQLError(formatted, error, (err, message) => logger.error({ err }, message)),
      plugins: [
        operationPlugin(metrics, logger),
        costLimitPlugin(config.gateway.maxQueryCost),
        // The subgraphs' hints are for the gateway's cache: a browser or proxy gets no Cache-Control.
        ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
        ...(responseCache === undefined ? [] : [responseCache.plugin(verifier)]),
        // Partners explore the graph in Apollo Sandbox: GET /graphql in a browser.
        ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      ],
    });
    await apollo.start();

    app.use(
      '/graphql',
      cors<cors.CorsRequest>({
        origin: config.gateway.corsOrigins,
        credentials: true,
        maxAge: 600,
      }),
      express.json({ limit: config.gateway.bodyLimitBytes }),
      rateLimitMiddleware(
        redis,
        verifier,
        config.gateway.rateLimitPerMinute,
        config.redis.keyPrefix,
      ),
      expressMiddleware(apollo, {
        // eslint-disable-next-line @typescript-eslint/require-await
        context: async ({ req }) => ({
          authorization: req.headers.authorization,
          clientIp: req.ip ?? 'unknown',
          correlationId: currentCorrelationId() ?? 'none',
          cacheGeneration: responseCache?.generation ?? 0,
        }),
      }),
    );

    const closeQueueDashboard = mountQueueDashboard(
      app,
      verifier,
      { redisUrl: config.redis.url, prefix: config.redis.keyPrefix },
      logger,
    );
    lifecycle.onShutdown('queue dashboard', closeQueueDashboard);

    mountErrorHandlers(app, logger);
    await listen(app, config.ports.gateway, config.http.host, lifecycle);
    lifecycle.onShutdown('apollo gateway', () => apollo.stop());
    logger.info({ port: config.ports.gateway }, 'gateway listening');
  },
);
