import { createPrismaClient } from '@astrobookings/prisma';
import { AccessTokenVerifier, runProcess, startSubgraphServer } from '@astrobookings/shared';
import { createAdminServices } from './admin-services';
import { buildAdminSchema } from './schema';

const SERVICE = 'admin';

runProcess(
  SERVICE,
  ['database', 'http', 'ports', 'tokens', 'graphql', 'admin'],
  async ({ config, logger, lifecycle }) => {
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
      limits: config.graphql,
      dependencies: [{ name: 'postgresql', check: () => prisma.$queryRaw`SELECT 1` }],
    });
  },
);
