import {
  AccessTokenVerifier,
  catalogAppliedChannel,
  catalogChannel,
  connectMongo,
  createLogger,
  createLogShipper,
  createQueue,
  createRedis,
  createRedisSubscriber,
  Lifecycle,
  loadConfig,
  mongoCheck,
  QueueName,
  redisCheck,
  runMain,
  startSubgraphServer,
  syncOutcomeChannel,
} from '@astrobookings/shared';
import { createCustomerServices } from './customer-services';
import { buildCustomerSchema } from './schema';

const SERVICE = 'customer';

const config = loadConfig(SERVICE, [
  'customerMongo',
  'systemMongo',
  'redis',
  'http',
  'ports',
  'tokens',
  'graphql',
  'customer',
  'logShipping',
]);
const logShipper = createLogShipper(SERVICE, config);
const logger = createLogger(SERVICE, { level: config.logLevel, streams: logShipper.streams });

async function main(): Promise<void> {
  const lifecycle = new Lifecycle(logger);
  lifecycle.installSignalHandlers();
  // Registered first, so it closes last and ships the shutdown's own lines.
  lifecycle.onShutdown('log shipping', () => logShipper.close());

  const mongo = await connectMongo(config.customerMongo.url);
  lifecycle.onShutdown('customer mongo', () => mongo.close());
  const redis = createRedis(config.redis.url, SERVICE);
  lifecycle.onShutdown('redis', () => redis.quit());
  const subscriber = createRedisSubscriber(config.redis.url);
  lifecycle.onShutdown('redis subscriber', () => subscriber.quit());
  const syncQueue = createQueue(QueueName.Sync, {
    redisUrl: config.redis.url,
    prefix: config.redis.keyPrefix,
  });
  lifecycle.onShutdown('sync queue', () => syncQueue.close());

  const { container, catalog } = await createCustomerServices(
    {
      mongo,
      syncQueue,
      subscriber,
      outcomeChannel: syncOutcomeChannel(config.redis.keyPrefix),
      catalogChannel: catalogChannel(config.redis.keyPrefix),
      announceCatalogApplied: () => {
        redis
          .publish(catalogAppliedChannel(config.redis.keyPrefix), '')
          .catch((error: unknown) =>
            logger.warn({ err: error }, 'could not announce a catalog change to the gateways'),
          );
      },
    },
    {
      waitMs: config.customer.bookingWaitMs,
      catalog: {
        reloadMs: config.customer.catalogReloadMs,
        maxAgeSeconds: config.customer.catalogMaxAgeSeconds,
      },
    },
    logger,
  );
  lifecycle.onShutdown('launch catalog', () => catalog.stop());

  await startSubgraphServer({
    service: SERVICE,
    schema: await buildCustomerSchema(container),
    host: config.http.host,
    port: config.ports.customer,
    production: config.production,
    logger,
    lifecycle,
    verifier: AccessTokenVerifier.fromJwks(config.tokens.jwksUrl, {
      issuer: config.tokens.issuer,
      audience: config.tokens.audience,
    }),
    limits: config.graphql,
    dependencies: [mongoCheck('customer-mongo', mongo), redisCheck(redis)],
  });
}

runMain(logger, main);
