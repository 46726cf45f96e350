import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('uses the contract defaults in development', () => {
    const config = readConfig('test', ['database', 'redis', 'ports', 'smtp'], {});
    expect(config.nodeEnv).toBe('development');
    expect(config.database.url).toBe('postgresql://postgres@127.0.0.1:5432/astrobookings');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.ports).toEqual({
      gateway: 4000,
      auth: 4001,
      admin: 4002,
      customer: 4003,
      monitoring: 4004,
      syncWorker: 4010,
      notificationsWorker: 4011,
      web: 4200,
    });
    expect(config.smtp.from).toBe('AstroBookings <no-reply@astrobookings.test>');
  });

  it('reads only the sections a process names', () => {
    const config = readConfig('test', ['redis'], { DATABASE_URL: 'not a url' });
    expect(config).not.toHaveProperty('database');
  });

  it('names every invalid variable', () => {
    const read = () =>
      readConfig('test', ['database', 'ports', 'gateway'], {
        DATABASE_URL: 'mysql://x',
        GATEWAY_PORT: 'eighty',
        GATEWAY_COMPOSE: 'magic',
      });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/DATABASE_URL must use postgresql or postgres/);
    expect(read).toThrow(/GATEWAY_PORT must be an integer from 1 to 65535/);
    expect(read).toThrow(/GATEWAY_COMPOSE must be one of file, subgraphs/);
  });

  it('has no development fallback for stores and secrets in production', () => {
    expect(() =>
      readConfig('test', ['database', 'systemMongo', 'authService'], { NODE_ENV: 'production' }),
    ).toThrow(
      'Invalid configuration: DATABASE_URL is required in production; SYSTEM_MONGO_URL is required in production; JWT_PRIVATE_KEY is required in production',
    );
  });

  it('accepts production with everything set', () => {
    const config = readConfig('test', ['database'], {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://db.internal/astro',
    });
    expect(config.production).toBe(true);
    expect(config.database.url).toBe('postgresql://db.internal/astro');
  });

  it('rejects an unknown NODE_ENV', () => {
    expect(() => readConfig('test', [], { NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV must be one of/,
    );
  });

  it("hashes passwords with OWASP's first Argon2id setting unless told otherwise", () => {
    expect(readConfig('test', ['authService'], {}).authService.passwordHashing).toEqual({
      memoryKib: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const cheap = readConfig('test', ['authService'], {
      PASSWORD_ARGON2_MEMORY_KIB: '8',
      PASSWORD_ARGON2_TIME_COST: '1',
    });
    expect(cheap.authService.passwordHashing).toEqual({
      memoryKib: 8,
      timeCost: 1,
      parallelism: 1,
    });
  });

  it('refuses Argon2 settings below 8 KiB a lane', () => {
    expect(() =>
      readConfig('test', ['authService'], {
        PASSWORD_ARGON2_MEMORY_KIB: '16',
        PASSWORD_ARGON2_PARALLELISM: '4',
        PASSWORD_ARGON2_TIME_COST: '0',
      }),
    ).toThrow(
      'Invalid configuration: PASSWORD_ARGON2_MEMORY_KIB must be at least 8 × PASSWORD_ARGON2_PARALLELISM (32); PASSWORD_ARGON2_TIME_COST must be an integer from 1 to 20',
    );
  });
});
