import {
  AccessTokenVerifier,
  createRedis,
  connectMongo,
  mongoCheck,
  redisCheck,
  ServiceContainer,
  startSubgraphServer,
  runProcess,
} from '@astrobookings/shared';
import { AccountResolver } from './account/account.resolver';
import { AccountService } from './account/account.service';
import { LoginThrottle } from './credentials/login-throttle';
import { PasswordHasher } from './credentials/password-hasher';
import { loadSigningKeys } from './keys/signing-keys';
import { buildAuthSchema } from './schema';
import { sessionModels } from './session/session.model';
import { SessionRepository } from './session/session.repository';
import { SessionService } from './session/session.service';
import { TokenIssuer } from './session/token-issuer';
import { userModel } from './user/user.model';
import { UserRepository } from './user/user.repository';

const SERVICE = 'auth';
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

runProcess(
  SERVICE,
  ['redis', 'http', 'ports', 'tokens', 'graphql', 'authService'],
  async ({ config, logger, lifecycle }) => {
    const mongo = await connectMongo(config.systemMongo.url);
    lifecycle.onShutdown('system mongo', () => mongo.close());
    const redis = createRedis(config.redis.url, SERVICE);
    lifecycle.onShutdown('redis', () => redis.quit());

    const keys = await loadSigningKeys(
      config.authService.privateKeyPem,
      config.authService.keysDir,
    );
    const tokenSettings = { issuer: config.tokens.issuer, audience: config.tokens.audience };
    const users = new UserRepository(userModel(mongo));
    const sessions = new SessionRepository(sessionModels(mongo));
    await Promise.all([users.ensureIndexes(), sessions.ensureIndexes()]);

    const sessionService = new SessionService(
      sessions,
      users,
      new TokenIssuer(keys, tokenSettings, config.authService.accessTokenTtlSeconds),
      config.authService.refreshTokenTtlSeconds,
      logger,
    );
    const accounts = new AccountService(
      users,
      new PasswordHasher(config.authService.passwordHashing),
      sessionService,
      new LoginThrottle(redis, {
        maxFailures: config.authService.loginMaxFailures,
        windowSeconds: config.authService.loginWindowSeconds,
        keyPrefix: config.redis.keyPrefix,
      }),
      logger,
    );
    await accounts.bootstrapEmployee(
      config.authService.bootstrapEmployee.email,
      config.authService.bootstrapEmployee.password,
    );

    const purge = setInterval(() => {
      sessions
        .purgeExpired(new Date())
        .catch((error: unknown) => logger.error({ err: error }, 'session purge failed'));
    }, PURGE_INTERVAL_MS);
    purge.unref();
    lifecycle.onShutdown('session purge', () => clearInterval(purge));

    const container = new ServiceContainer()
      .register(UserRepository, users)
      .register(AccountResolver, new AccountResolver(accounts, sessionService));

    await startSubgraphServer({
      service: SERVICE,
      schema: await buildAuthSchema(container),
      host: config.http.host,
      port: config.ports.auth,
      production: config.production,
      logger,
      lifecycle,
      // The Auth service verifies with the key it holds; the others fetch its JWKS.
      verifier: AccessTokenVerifier.fromPublicKey(keys.publicKey, tokenSettings),
      limits: config.graphql,
      dependencies: [mongoCheck('system-mongo', mongo), redisCheck(redis)],
      routes: (app) => {
        app.get('/.well-known/jwks.json', (_req, res) => {
          res.set('Cache-Control', 'public, max-age=300').json(keys.jwks);
        });
      },
    });
  },
);
