import { randomUUID } from 'node:crypto';
import { gql } from '../support/graphql';
import { startStack, type Stack } from '../support/stack';

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { accessToken user { id } }
}`;
const ME = `query Me { me { id } }`;
const RATE_LIMIT = 15;

let stack: Stack;

async function register(): Promise<string> {
  const email = `rate-${randomUUID().slice(0, 8)}@example.com`;
  const { body } = await gql<{ register: { accessToken: string } }>(
    stack.urls.gateway,
    REGISTER,
    { input: { email, password: 'correct horse 7', name: 'Rate' } },
    { headers: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` } },
  );
  return body.data!.register.accessToken;
}

beforeAll(async () => {
  stack = await startStack({
    name: 'gateway_e2e',
    portBase: 5250,
    // The gateway is ready once every subgraph it joins is.
    services: ['auth', 'admin', 'customer', 'monitoring', 'gateway'],
    env: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('gateway rate limits', () => {
  it('limits each signed-in user per minute, shared through Redis, with Retry-After', async () => {
    const [first, second] = [await register(), await register()];
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 1; i++) {
      statuses.push((await gql(stack.urls.gateway, ME, {}, { token: first })).status);
    }
    expect(statuses.slice(0, RATE_LIMIT).every((status) => status === 200)).toBe(true);
    const limited = await gql(stack.urls.gateway, ME, {}, { token: first });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Another user is counted on their own.
    expect((await gql(stack.urls.gateway, ME, {}, { token: second })).status).toBe(200);
  });
});

describe('gateway readiness', () => {
  it('answers 503 naming the subgraph that is down, and recovers with it', async () => {
    const readyUrl = `${stack.baseUrls.gateway}/ready`;
    expect((await fetch(readyUrl)).status).toBe(200);

    await stack.kill('auth');
    const down = await fetch(readyUrl);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'unavailable',
      dependencies: { 'auth-subgraph': { status: 'down' }, redis: { status: 'up' } },
    });
    // A request meanwhile fails fast with a code instead of hanging.
    const started = performance.now();
    const failed = await gql(
      stack.urls.gateway,
      ME,
      {},
      { headers: { 'x-forwarded-for': '192.0.2.1' } },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failed.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);

    await stack.restart('auth');
    expect((await fetch(readyUrl)).status).toBe(200);
  });
});
