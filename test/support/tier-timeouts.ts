// Jest honours `testTimeout` only in the global configuration, not per project:
// the tiers that start real servers set theirs here.
jest.setTimeout(expect.getState().testPath?.endsWith('.e2e-spec.ts') ? 120_000 : 60_000);
