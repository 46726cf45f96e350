import { nestsDeeperThan } from './request-limits';

describe('gateway request limits', () => {
  it('measures how deep variables nest, however deep, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40_000; i++) deep = [deep];
    expect(nestsDeeperThan({ input: deep }, 32)).toBe(true);
    expect(nestsDeeperThan({ input: { launchId: 'x', seats: 2, tags: ['a'] } }, 32)).toBe(false);
    expect(nestsDeeperThan(undefined, 32)).toBe(false);
  });
});
