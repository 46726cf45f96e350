import path from 'node:path';
import type { OperationLimits } from './graphql/operation-rules';

/**
 * Typed configuration, read once per process from the environment.
 *
 * Each process names the sections it needs; only their variables are read and
 * checked. In production (NODE_ENV=production) store URLs and secrets have no
 * development default: a missing one stops the process, naming the variable.
 */

export type NodeEnv = 'development' | 'test' | 'production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

class EnvReader {
  readonly problems: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly nodeEnv: NodeEnv,
  ) {}

  get production(): boolean {
    return this.nodeEnv === 'production';
  }

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  /** A plain string with a default. */
  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** A value that may be absent. */
  optional(name: string): string | undefined {
    return this.raw(name);
  }

  /** A secret or store location: the development default is never used in production. */
  required(name: string, developmentDefault: string | undefined): string {
    const value = this.raw(name);
    if (value !== undefined) return value;
    if (!this.production && developmentDefault !== undefined) return developmentDefault;
    this.problems.push(`${name} is required${this.production ? ' in production' : ''}`);
    return '';
  }

  url(name: string, developmentDefault: string, protocols: string[]): string {
    const value = this.required(name, developmentDefault);
    if (value === '') return value;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  list(name: string, fallback: string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The most a password hash may cost: bounds the settings, and stored hashes the Auth service will check. */
export const ARGON2_LIMITS = { memoryKib: 1_048_576, timeCost: 20, parallelism: 16 } as const;

/**
 * Argon2id's cost for new password hashes. The defaults are OWASP's first
 * recommendation (19 MiB, 2 passes, 1 lane: ~20 ms of one core); each further
 * lane runs on another core. Argon2 needs at least 8 KiB a lane.
 */
function passwordHashing(r: EnvReader) {
  const parallelism = r.int('PASSWORD_ARGON2_PARALLELISM', 1, 1, ARGON2_LIMITS.parallelism);
  const memoryKib = r.int('PASSWORD_ARGON2_MEMORY_KIB', 19_456, 8, ARGON2_LIMITS.memoryKib);
  if (memoryKib < 8 * parallelism) {
    r.problems.push(
      `PASSWORD_ARGON2_MEMORY_KIB must be at least 8 × PASSWORD_ARGON2_PARALLELISM (${8 * parallelism})`,
    );
  }
  return {
    memoryKib,
    timeCost: r.int('PASSWORD_ARGON2_TIME_COST', 2, 1, ARGON2_LIMITS.timeCost),
    parallelism,
  };
}

const sections = {
  database: (r: EnvReader) => ({
    url: r.url('DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/astrobookings', [
      'postgresql',
      'postgres',
    ]),
  }),
  customerMongo: (r: EnvReader) => ({
    url: r.url('CUSTOMER_MONGO_URL', 'mongodb://127.0.0.1:27017/astro_customer', [
      'mongodb',
      'mongodb+srv',
    ]),
  }),
  systemMongo: (r: EnvReader) => ({
    url: r.url('SYSTEM_MONGO_URL', 'mongodb://127.0.0.1:27017/astro_system', [
      'mongodb',
      'mongodb+srv',
    ]),
  }),
  redis: (r: EnvReader) => ({
    url: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
    /** Prefix of every key the project writes, so several deployments can share one Redis. */
    keyPrefix: r.string('REDIS_KEY_PREFIX', 'astro'),
  }),
  smtp: (r: EnvReader) => ({
    url: r.url('SMTP_URL', 'smtp://127.0.0.1:1025', ['smtp', 'smtps']),
    from: r.string('MAIL_FROM', 'AstroBookings <no-reply@astrobookings.test>'),
  }),
  http: (r: EnvReader) => ({
    host: r.string('HOST', '127.0.0.1'),
  }),
  ports: (r: EnvReader) => ({
    gateway: r.int('GATEWAY_PORT', 4000, 1, 65535),
    auth: r.int('AUTH_PORT', 4001, 1, 65535),
    admin: r.int('ADMIN_PORT', 4002, 1, 65535),
    customer: r.int('CUSTOMER_PORT', 4003, 1, 65535),
    monitoring: r.int('MONITORING_PORT', 4004, 1, 65535),
    /** The workers' HTTP ports serve only /health, /ready and /metrics. */
    syncWorker: r.int('SYNC_WORKER_PORT', 4010, 1, 65535),
    notificationsWorker: r.int('NOTIFICATIONS_WORKER_PORT', 4011, 1, 65535),
    /** The web apps' server: /customer/, /supplier/, /employee/, /ops/. */
    web: r.int('WEB_PORT', 4200, 1, 65535),
  }),
  subgraphUrls: (r: EnvReader) => ({
    auth: r.url('AUTH_URL', 'http://localhost:4001/graphql', ['http', 'https']),
    admin: r.url('ADMIN_URL', 'http://localhost:4002/graphql', ['http', 'https']),
    customer: r.url('CUSTOMER_URL', 'http://localhost:4003/graphql', ['http', 'https']),
    monitoring: r.url('MONITORING_URL', 'http://localhost:4004/graphql', ['http', 'https']),
  }),
  /** What every subgraph needs to verify access tokens itself. */
  tokens: (r: EnvReader) => ({
    jwksUrl: r.url('AUTH_JWKS_URL', 'http://localhost:4001/.well-known/jwks.json', [
      'http',
      'https',
    ]),
    issuer: r.string('JWT_ISSUER', 'astrobookings-auth'),
    audience: r.string('JWT_AUDIENCE', 'astrobookings'),
  }),
  /** What only the Auth service needs: signing keys and token lifetimes. */
  authService: (r: EnvReader) => ({
    privateKeyPem: r.production
      ? r.required('JWT_PRIVATE_KEY', undefined)
      : r.optional('JWT_PRIVATE_KEY'),
    keysDir: r.string('AUTH_KEYS_DIR', path.resolve('.data', 'keys')),
    accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: r.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    passwordHashing: passwordHashing(r),
    loginMaxFailures: r.int('LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 60, 1, 86_400),
    bootstrapEmployee: {
      email: r.optional('BOOTSTRAP_EMPLOYEE_EMAIL'),
      password: r.optional('BOOTSTRAP_EMPLOYEE_PASSWORD'),
    },
  }),
  /** The Admin subgraph's business settings. */
  admin: (r: EnvReader) => ({
    /** The platform's share of a launch's bookings, kept from the supplier's invoice. */
    platformCommissionPercent: r.int('PLATFORM_COMMISSION_PERCENT', 10, 0, 100),
  }),
  /** Shipping every process's log lines to the system store's `system_logs`. */
  logShipping: (r: EnvReader) => ({
    enabled: r.oneOf('LOG_SHIPPING', 'on', ['on', 'off'] as const) === 'on',
    batchSize: r.int('LOG_SHIPPING_BATCH_SIZE', 500, 1, 10_000),
    flushIntervalMs: r.int('LOG_SHIPPING_INTERVAL_MS', 1_000, 20, 60_000),
    /** Lines held while the store is unreachable; past this the oldest are dropped and counted. */
    maxBufferedLines: r.int('LOG_SHIPPING_BUFFER_LINES', 50_000, 100, 1_000_000),
  }),
  notifications: (r: EnvReader) => ({
    /**
     * Jobs at once; their inserts share round trips to the store, so more at once cost less
     * each. An email spends most of its time waiting (for its inserts' company, the SMTP pool),
     * so at 50 the jobs at once, not the CPU, bounded the rate.
     */
    concurrency: r.int('NOTIFICATION_CONCURRENCY', 100, 1, 200),
    attempts: r.int('NOTIFICATION_ATTEMPTS', 8, 1, 50),
    /** First retry delay; each further retry waits twice as long. */
    backoffMs: r.int('NOTIFICATION_BACKOFF_MS', 2_000, 10, 3_600_000),
    smtpPoolSize: r.int('SMTP_POOL_SIZE', 10, 1, 100),
    /**
     * How long a claimed send may take before a later attempt may conclude that
     * the attempt holding it died and send the email again; longer than any SMTP timeout.
     */
    sendLeaseMs: r.int('NOTIFICATION_SEND_LEASE_MS', 120_000, 1_000, 3_600_000),
    smtpTimeoutMs: r.int('SMTP_TIMEOUT_MS', 30_000, 500, 300_000),
  }),
  /** The Customer subgraph's booking flow. */
  customer: (r: EnvReader) => ({
    /** How long bookSeats and cancelMyBooking wait for PostgreSQL's decision before answering PENDING. */
    bookingWaitMs: r.int('BOOKING_WAIT_MS', 2_000, 0, 30_000),
    /** How often the launches on sale held in memory are read again whole (announcements keep them current between). */
    catalogReloadMs: r.int('CATALOG_RELOAD_MS', 15 * 60_000, 1_000, 86_400_000),
    /**
     * How long the gateway may reuse an answer about the launches on sale; each
     * Customer subgraph's announcement that it applied a change drops it sooner. 0: never.
     */
    catalogMaxAgeSeconds: r.int('CATALOG_MAX_AGE_SECONDS', 60, 0, 3_600),
  }),
  /** The data synchronization worker: PostgreSQL ⇄ customer MongoDB. */
  sync: (r: EnvReader) => ({
    concurrency: r.int('SYNC_CONCURRENCY', 16, 1, 100),
    databasePoolSize: r.int('SYNC_DATABASE_POOL', 12, 2, 100),
    outboxPollMs: r.int('OUTBOX_POLL_MS', 250, 10, 60_000),
    outboxBatchSize: r.int('OUTBOX_BATCH_SIZE', 200, 1, 5_000),
    /** An event handed to the queue and still unprocessed after this is re-driven if its job is gone. */
    outboxRedriveAfterMs: r.int('OUTBOX_REDRIVE_AFTER_MS', 60_000, 200, 86_400_000),
    /** Processed outbox events older than this are deleted (the latest of each aggregate stays). */
    outboxRetentionDays: r.int('OUTBOX_RETENTION_DAYS', 7, 1, 3_650),
    /** A customer's request (booking, cancellation, waitlist) still unsettled after this is re-driven. */
    requestRedriveAfterMs: r.int('SYNC_REQUEST_REDRIVE_AFTER_MS', 30_000, 200, 86_400_000),
    /** How often the reconciliation sweep compares PostgreSQL with the read model. */
    reconcileIntervalMs: r.int('SYNC_RECONCILE_INTERVAL_MS', 300_000, 200, 86_400_000),
    /** How long the first customer in a waitlist holds seats that came free. */
    waitlistHoldMinutes: r.int('WAITLIST_HOLD_MINUTES', 30, 1, 10_080),
    /** How often expired waitlist holds are released. */
    waitlistSweepMs: r.int('WAITLIST_SWEEP_MS', 5_000, 100, 3_600_000),
    /** How often the SyncLog's counters are written to the system store. */
    syncLogFlushMs: r.int('SYNC_LOG_FLUSH_MS', 5_000, 100, 600_000),
    /** How long a running job stays locked: a job of a killed worker is run again after this. */
    jobLockMs: r.int('SYNC_JOB_LOCK_MS', 30_000, 1_000, 600_000),
  }),
  /** What the monitoring service watches and how long it keeps what it collects. */
  monitoring: (r: EnvReader) => {
    // Default addresses follow the port variables, so moving a process moves its probe.
    const local = (name: string, fallback: number) =>
      `http://localhost:${r.int(name, fallback, 1, 65535)}`;
    return {
      gatewayUrl: r.url('GATEWAY_URL', local('GATEWAY_PORT', 4000), ['http', 'https']),
      syncWorkerUrl: r.url('SYNC_WORKER_URL', local('SYNC_WORKER_PORT', 4010), ['http', 'https']),
      notificationsWorkerUrl: r.url(
        'NOTIFICATIONS_WORKER_URL',
        local('NOTIFICATIONS_WORKER_PORT', 4011),
        ['http', 'https'],
      ),
      webUrl: r.url('WEB_URL', local('WEB_PORT', 4200), ['http', 'https']),
      metricsIntervalMs: r.int('METRICS_SNAPSHOT_INTERVAL_MS', 15_000, 200, 3_600_000),
      purgeIntervalMs: r.int('RETENTION_PURGE_INTERVAL_MS', 3_600_000, 1_000, 86_400_000),
      logRetentionDays: r.int('LOG_RETENTION_DAYS', 14, 1, 3_650),
      metricsRetentionDays: r.int('METRICS_RETENTION_DAYS', 30, 1, 3_650),
      syncLogRetentionDays: r.int('SYNC_LOG_RETENTION_DAYS', 30, 1, 3_650),
      /** Sent and failed notifications (and their send records) are kept this long. */
      notificationRetentionDays: r.int('NOTIFICATION_RETENTION_DAYS', 90, 1, 3_650),
    };
  },
  /** What a GraphQL document may ask of the gateway and of each subgraph. */
  graphql: (r: EnvReader): OperationLimits => ({
    maxDepth: r.int('MAX_QUERY_DEPTH', 12, 2, 100),
    maxAliases: r.int('MAX_ALIASES', 30, 1, 1000),
    maxTokens: r.int('MAX_QUERY_TOKENS', 5000, 500, 1_000_000),
  }),
  gateway: (r: EnvReader) => ({
    corsOrigins: r.list('CORS_ORIGINS', ['http://localhost:4200']),
    /** Defaults to the committed gateway/supergraph.graphql. */
    supergraphPath: r.optional('SUPERGRAPH_PATH'),
    composeFrom: r.oneOf('GATEWAY_COMPOSE', 'file', ['file', 'subgraphs'] as const),
    maxQueryCost: r.int('MAX_QUERY_COST', 5000, 10, 1_000_000),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 100_000, 1_000, 10_000_000),
    rateLimitPerMinute: r.int('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    subgraphTimeoutMs: r.int('SUBGRAPH_TIMEOUT_MS', 10_000, 100, 120_000),
    /** Memory for answers the subgraphs marked reusable (launches on sale); 0 turns the cache off. */
    responseCacheBytes: r.int('RESPONSE_CACHE_BYTES', 16 * 1024 * 1024, 0, 1024 * 1024 * 1024),
  }),
  /** The web apps' server (clients/server); its port is in `ports`. */
  web: (r: EnvReader) => {
    const gatewayPort = r.int('GATEWAY_PORT', 4000, 1, 65535);
    return {
      /** The gateway as the browser reaches it, which may not be how this server would. */
      gatewayPublicUrl: r.url('GATEWAY_PUBLIC_URL', `http://localhost:${gatewayPort}/graphql`, [
        'http',
        'https',
      ]),
    };
  },
} as const;

type Sections = typeof sections;
export type SectionName = keyof Sections;

export type AppConfig<K extends SectionName> = {
  service: string;
  nodeEnv: NodeEnv;
  production: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
} & { [P in K]: ReturnType<Sections[P]> };

/** Reads the named sections from `env`; throws ConfigError naming every bad variable. */
export function readConfig<K extends SectionName>(
  service: string,
  names: readonly K[],
  env: NodeJS.ProcessEnv = process.env,
): AppConfig<K> {
  const probe = new EnvReader(env, 'development');
  const nodeEnv = probe.oneOf<NodeEnv>('NODE_ENV', 'development', [
    'development',
    'test',
    'production',
  ]);
  const reader = new EnvReader(env, nodeEnv);
  reader.problems.push(...probe.problems);
  const logLevel = reader.oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', LOG_LEVELS);
  const values = Object.fromEntries(names.map((name) => [name, sections[name](reader)]));
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return {
    service,
    nodeEnv,
    production: nodeEnv === 'production',
    logLevel,
    ...values,
  } as AppConfig<K>;
}

/**
 * Reads configuration once at process start. A bad value stops the process with
 * one line naming the variables, never a stack trace.
 */
export function loadConfig<K extends SectionName>(
  service: string,
  names: readonly K[],
): AppConfig<K> {
  try {
    return readConfig(service, names);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
