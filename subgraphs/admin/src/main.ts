import { createPrismaClient } from '@astrobookings/prisma';
import {
  AccessTokenVerifier,
  createLogger,
  Lifecycle,
  loadConfig,
  runMain,
  startSubgraphServer,
} from '@astrobookings/shared';
import { createAdminServices } from './admin-services';
import { buildAdminSchema } from './schema';

const SERVICE = 'admin';

const config = loadConfig(SERVICE, ['database', 'http', 'ports', 'tokens', 'admin']);
const logger = createLogger(SERVICE, { level: config.logLevel });

async function main(): Promise<void> {
  const lifecycle = new Lifecycle(logger);
  lifecycle.installSignalHandlers();

  const prisma = createPrismaClient(config.database.url);
  await prisma.$connect();
  lifecycle.onShutdown('postgresql', () => prisma.$disconnect());

  const { container } = createAdminServices(prisma, config.admin);
  await startSubgraphServer({
    service: SERVICE,
    schema: await buildAdminSchema(container),
    host: config.http.host,
    port: config.ports.admin,
    production: config.production,
    logger,
    lifecycle,
    verifier: AccessTokenVerifier.fromJwks(config.tokens.jwksUrl, {
      issuer: config.tokens.issuer,
      audience: config.tokens.audience,
    }),
    dependencies: [{ name: 'postgresql', check: () => prisma.$queryRaw`SELECT 1` }],
  });
}

runMain(logger, main);
