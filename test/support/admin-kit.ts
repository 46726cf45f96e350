import { createPrismaClient, type LaunchStatus, type PrismaClient } from '@astrobookings/prisma';
import {
  ACCESS_TOKEN_ALGORITHM,
  AccessTokenVerifier,
  createLogger,
  formatGraphQLError,
  RequestAuth,
  Role,
  withCorrelationId,
  type GraphQLContext,
} from '@astrobookings/shared';
import { graphql, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { dropDatabase, withDatabase } from '../../scripts/lib/postgres';
import { migrate } from '../../scripts/migrate';
import { createAdminServices, type AdminServices } from '../../subgraphs/admin/src/admin-services';
import { Caller } from '../../subgraphs/admin/src/common/caller';
import { buildAdminSchema } from '../../subgraphs/admin/src/schema';

/**
 * The Admin subgraph in-process over its own fresh PostgreSQL database: its
 * schema answers operations with the context a request would get, callers carry
 * real signed access tokens, and every SQL statement is counted.
 */

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TOKEN_SETTINGS = { issuer: 'astrobookings-test', audience: 'astrobookings-test' };
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TestUser {
  userId: string;
  email: string;
  roles: Role[];
  token: string;
  /** As the Admin subgraph's services see this user (no supplier link). */
  caller: Caller;
}

export interface TestSupplier extends TestUser {
  supplierId: string;
}

export interface OperationResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** A time `days` from now. */
export function inDays(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}

/** A fresh name for a test database, so parallel runs and developers' data are never touched. */
export function testDatabaseUrl(prefix: string): string {
  return withDatabase(SERVER_URL, `${prefix}_${randomBytes(5).toString('hex')}`);
}

/** Creates (through the project's migrate step) a database with every migration applied. */
export async function migratedDatabase(prefix: string): Promise<string> {
  const url = testDatabaseUrl(prefix);
  await migrate(url, { log: () => undefined });
  return url;
}

export async function dropTestDatabase(url: string): Promise<void> {
  await dropDatabase(url, new URL(url).pathname.slice(1));
}

export class AdminKit {
  private readonly logger = createLogger('admin-test', { level: 'silent' });
  private counter = 0;

  private constructor(
    /** The SQL of every statement the client sent, in order. */
    readonly queries: string[],
    readonly databaseUrl: string,
    readonly prisma: PrismaClient,
    readonly services: AdminServices,
    readonly schema: GraphQLSchema,
    private readonly privateKey: KeyLike,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  static async start(options: { commissionPercent?: number; maxConnections?: number } = {}) {
    const databaseUrl = await migratedDatabase('astrobookings_admin_test');
    const queries: string[] = [];
    const prisma = createPrismaClient(databaseUrl, {
      maxConnections: options.maxConnections ?? 10,
      onQuery: (event) => queries.push(event.query),
    });
    const { services, container } = createAdminServices(prisma, {
      platformCommissionPercent: options.commissionPercent ?? 10,
    });
    const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, {
      crv: 'Ed25519',
    });
    return new AdminKit(
      queries,
      databaseUrl,
      prisma,
      services,
      await buildAdminSchema(container),
      privateKey,
      AccessTokenVerifier.fromPublicKey(publicKey, TOKEN_SETTINGS),
    );
  }

  async stop(): Promise<void> {
    await this.prisma.$disconnect();
    await dropTestDatabase(this.databaseUrl);
  }

  /** Runs one operation as `user` (anonymous without one), errors as a client would see them. */
  async run<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    user?: { token: string },
    correlationId = randomUUID(),
  ): Promise<OperationResult<T>> {
    const context: GraphQLContext = {
      auth: new RequestAuth(user === undefined ? undefined : `Bearer ${user.token}`, this.verifier),
      correlationId,
      clientIp: '127.0.0.1',
      logger: this.logger,
    };
    const result = await withCorrelationId(correlationId, () =>
      graphql({
        schema: this.schema,
        source: query,
        variableValues: variables,
        contextValue: context,
      }),
    );
    // JSON as over HTTP: dates become ISO strings.
    const data = JSON.parse(JSON.stringify(result.data ?? null)) as T | null;
    const errors = result.errors?.map((error) =>
      formatGraphQLError(error.toJSON(), error, (err) => {
        throw err;
      }),
    );
    return errors === undefined ? { data } : { data, errors };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    user?: { token: string },
  ): Promise<T> {
    const result = await this.run<T>(query, variables, user);
    if (result.errors !== undefined) {
      throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
    }
    return result.data as T;
  }

  /** A user with a valid access token (the Auth service is not involved). */
  async user(roles: Role[]): Promise<TestUser> {
    this.counter += 1;
    const userId = randomBytes(12).toString('hex');
    const email = `user${this.counter}-${userId.slice(0, 6)}@astrobookings.test`;
    const token = await new SignJWT({ email, roles })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM })
      .setSubject(userId)
      .setIssuer(TOKEN_SETTINGS.issuer)
      .setAudience(TOKEN_SETTINGS.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(this.privateKey);
    return { userId, email, roles, token, caller: new Caller(userId, roles, null) };
  }

  employee(): Promise<TestUser> {
    return this.user([Role.EMPLOYEE]);
  }

  customer(): Promise<TestUser> {
    return this.user([Role.CUSTOMER]);
  }

  /** A SUPPLIER user onboarded by an employee. */
  async supplier(): Promise<TestSupplier> {
    const user = await this.user([Role.SUPPLIER]);
    const employee = await this.employee();
    const supplier = await this.services.suppliers.create(employee.caller, {
      userId: user.userId,
      name: `Supplier ${user.userId.slice(0, 8)}`,
    });
    return {
      ...user,
      supplierId: supplier.id,
      caller: new Caller(user.userId, user.roles, supplier.id),
    };
  }

  async spaceport(): Promise<string> {
    const employee = await this.employee();
    const spaceport = await this.services.spaceports.create(employee.caller, {
      name: `Spaceport ${randomBytes(4).toString('hex')}`,
      location: 'Cape Canaveral, Florida, USA',
    });
    return spaceport.id;
  }

  async rocket(supplier: TestSupplier, capacity = 10): Promise<string> {
    const rocket = await this.services.rockets.create(supplier.caller, {
      name: `Rocket ${randomBytes(4).toString('hex')}`,
      capacity,
    });
    return rocket.id;
  }

  /** A launch of a new rocket of `supplier`, SCHEDULED (or moved to `status` directly in the store). */
  async launch(
    supplier: TestSupplier,
    options: {
      capacity?: number;
      seats?: number;
      pricePerSeat?: number;
      scheduledAt?: Date;
      spaceportId?: string;
    } = {},
  ): Promise<string> {
    const launch = await this.services.launches.schedule(supplier.caller, {
      rocketId: await this.rocket(supplier, options.capacity ?? 10),
      spaceportId: options.spaceportId ?? (await this.spaceport()),
      mission: `Mission ${randomBytes(3).toString('hex')}`,
      destination: 'Low Earth Orbit',
      scheduledAt: options.scheduledAt ?? inDays(60),
      pricePerSeat: options.pricePerSeat ?? 100_000,
      currency: 'USD',
      seats: options.seats,
    });
    return launch.id;
  }

  /** Sets a launch's state in the store directly, for rules that depend on it. */
  async forceLaunch(
    id: string,
    data: { status?: LaunchStatus; scheduledAt?: Date },
  ): Promise<void> {
    await this.prisma.launch.update({ where: { id }, data });
  }

  book(customer: TestUser, launchId: string, seats = 1, key = randomUUID()) {
    return this.services.bookings.placeBooking(customer.userId, launchId, seats, key);
  }

  /** Every audit row and outbox event, oldest first. */
  async journal() {
    const [audit, outbox] = await Promise.all([
      this.prisma.auditLog.findMany({ orderBy: { id: 'asc' } }),
      this.prisma.outboxEvent.findMany({ orderBy: { id: 'asc' } }),
    ]);
    return { audit, outbox };
  }
}
