// Workers inherit the environment of this process, so every test runs in UTC.
process.env.TZ = 'UTC';

/** @type {import('jest').Config['projects'][number]} */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // test/tsconfig.json sets isolatedModules: ts-jest transpiles each file; `tsc -b` type-checks them.
  transform: {
    // Prisma's generated client loads its query compiler with import(), which Jest's
    // CommonJS runtime lacks: those files are compiled to require() instead.
    '/prisma/src/generated/.+\\.ts$': '<rootDir>/prisma/jest-transform.mjs',
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests run the workspaces from source; the processes they start run from dist.
  moduleNameMapper: { '^@astrobookings/(shared|prisma)$': '<rootDir>/$1/src' },
  // The Angular apps and libraries under clients/ run in their own project (below).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/clients/(apps|libs)/'],
};

/** Stores (and FerretDB) are made ready once for the tiers that use real servers. */
const withStores = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeouts.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/**/src/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/test/**/*.spec.ts',
      ],
    },
    {
      ...common,
      ...withStores,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/src/**/*.int-spec.ts', '<rootDir>/scripts/**/*.int-spec.ts'],
    },
    {
      ...common,
      ...withStores,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      ...common,
      ...withStores,
      // Processes killed and stores stopped under load (test/fault); FAULT_PROFILE=long for more rounds.
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'],
    },
    {
      ...common,
      ...withStores,
      // Generated bad requests from a printed seed (test/fuzz); FUZZ_SEED, FUZZ_REQUESTS.
      displayName: 'fuzz',
      testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'],
    },
    // The web apps' libraries: Angular's TestBed on jsdom.
    '<rootDir>/clients/jest.config.mjs',
  ],
};
