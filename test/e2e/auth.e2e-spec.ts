import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  scryptSync,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT } from 'jose';
import mongoose, { type Connection } from 'mongoose';
import { gql } from '../support/graphql';
import { startStack, type Stack } from '../support/stack';

const EMPLOYEE = { email: 'chief@astrobookings.test', password: 'Launch-Control-42' };
const STRONG = 'correct horse 7';

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken expiresIn user { id email name roles } }
}`;
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken expiresIn user { id email name roles } }
}`;
const REFRESH = `mutation Refresh($refreshToken: String!) {
  refreshToken(refreshToken: $refreshToken) { accessToken refreshToken expiresIn }
}`;
const LOGOUT = `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;
const ME = `query Me { me { id email name roles } }`;
const CREATE_STAFF = `mutation CreateStaffUser($input: CreateStaffUserInput!) {
  createStaffUser(input: $input) { id email name roles }
}`;

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; name: string; roles: string[] };
}

let stack: Stack;
let url: string;

/** The web apps' origin, which the harness allows in the gateway's CORS_ORIGINS. */
const webOrigin = () => new URL(stack.baseUrls.web).origin;

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

function codes(body: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] {
  return (body.errors ?? []).map((error) => error.extensions?.code);
}

async function register(email = uniqueEmail('user')): Promise<Session> {
  const { body } = await gql<{ register: Session }>(url, REGISTER, {
    input: { email, password: STRONG, name: 'Test User' },
  });
  if (body.data?.register === undefined) throw new Error(JSON.stringify(body.errors));
  return body.data.register;
}

async function login(email: string, password: string) {
  return gql<{ login: Session }>(url, LOGIN, { email, password });
}

async function signWith(
  key: Parameters<SignJWT['sign']>[0],
  claims: Record<string, unknown>,
  exp: string | number,
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject('someone')
    .setIssuer('astrobookings-auth')
    .setAudience('astrobookings')
    .setIssuedAt(typeof exp === 'number' ? exp - 60 : undefined)
    .setExpirationTime(exp)
    .sign(key);
}

beforeAll(async () => {
  stack = await startStack({
    name: 'auth_e2e',
    portBase: 5200,
    // The gateway is ready once every subgraph it joins is.
    services: ['auth', 'admin', 'customer', 'monitoring', 'gateway'],
    env: {
      BOOTSTRAP_EMPLOYEE_EMAIL: EMPLOYEE.email,
      BOOTSTRAP_EMPLOYEE_PASSWORD: EMPLOYEE.password,
    },
  });
  url = stack.urls.gateway;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('register', () => {
  it('creates a CUSTOMER and signs them in', async () => {
    const email = uniqueEmail('ann');
    const session = await register(`  ${email.toUpperCase()} `);
    expect(session.user).toEqual({
      id: expect.any(String),
      email,
      name: 'Test User',
      roles: ['CUSTOMER'],
    });
    expect(session.expiresIn).toBeGreaterThan(0);
    const me = await gql<{ me: Session['user'] }>(url, ME, {}, { token: session.accessToken });
    expect(me.body.data?.me).toEqual(session.user);
  });

  it('refuses a duplicate email, whatever its case', async () => {
    const email = uniqueEmail('dup');
    await register(email);
    const { body } = await gql(url, REGISTER, {
      input: { email: email.toUpperCase(), password: STRONG, name: 'Again' },
    });
    expect(codes(body)).toEqual(['CONFLICT']);
  });

  it.each([
    [{ password: 'short1' }, 'password'],
    [{ password: 'allletterslong' }, 'password'],
    [{ email: 'not-an-email' }, 'email'],
    [{ name: '   ' }, 'name'],
  ])('refuses bad input %o', async (override, field) => {
    const input = { email: uniqueEmail('bad'), password: STRONG, name: 'Bad Input', ...override };
    const { body } = await gql(url, REGISTER, { input });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ field });
  });

  it('refuses a missing or mistyped input with BAD_USER_INPUT', async () => {
    const { body } = await gql(url, REGISTER, { input: { email: 42, password: STRONG } });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('login', () => {
  it('signs in with the right password', async () => {
    const email = uniqueEmail('login');
    await register(email);
    const { body } = await login(email, STRONG);
    expect(body.data?.login.user.email).toBe(email);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const email = uniqueEmail('enum');
    await register(email);
    const wrong = await login(email, 'wrong password 1');
    const unknown = await login(uniqueEmail('nobody'), 'wrong password 1');
    expect(codes(wrong.body)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
    expect(codes(unknown.body)).toEqual(['UNAUTHENTICATED']);
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    // A hash is ~30 ms, so a stall of the shared cores weighs on a few samples: take
    // ten of each, over accounts and addresses the login throttle never stops.
    const emails = [uniqueEmail('timing'), uniqueEmail('timing'), uniqueEmail('timing')];
    await Promise.all(emails.map((email) => register(email)));
    const time = async (email: string, from: string) => {
      const started = performance.now();
      await gql(
        url,
        LOGIN,
        { email, password: 'wrong password 1' },
        { headers: { 'x-forwarded-for': from } },
      );
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) {
      known.push(await time(emails[i % emails.length], `198.51.100.${i}`));
      unknown.push(await time(uniqueEmail('ghost'), `198.51.100.${i}`));
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('is RATE_LIMITED after 5 failures a minute, even with the right password', async () => {
    const email = uniqueEmail('throttle');
    await register(email);
    for (let i = 0; i < 5; i++) {
      expect(codes((await login(email, `wrong password ${i}`)).body)).toEqual(['UNAUTHENTICATED']);
    }
    const blocked = await login(email, STRONG);
    expect(codes(blocked.body)).toEqual(['RATE_LIMITED']);
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    // Another account from the same address is not locked by this one's failures.
    const other = uniqueEmail('neighbour');
    await register(other);
    expect((await login(other, STRONG)).body.data?.login.user.email).toBe(other);
  });

  it('limits failures per address across accounts', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const results: (string | undefined)[] = [];
    for (let i = 0; i < 21; i++) {
      const { body } = await gql(
        url,
        LOGIN,
        { email: uniqueEmail('spray'), password: 'wrong password 1' },
        { headers },
      );
      results.push(codes(body)[0]);
    }
    expect(results.slice(0, 20).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    expect(results[20]).toBe('RATE_LIMITED');
  });
});

describe('password hash upgrade', () => {
  let mongo: Connection;
  const users = () => mongo.collection<{ _id: string; passwordHash: string }>('users');
  const storedHash = async (id: string) => (await users().findOne({ _id: id }))?.passwordHash;

  /** A hash as sign-up stored it before Argon2id: scrypt 2^15, r=8, p=1. */
  function scryptHash(password: string): string {
    const cost = 2 ** 15;
    const salt = randomBytes(16);
    const key = scryptSync(password.normalize('NFKC'), salt, 32, {
      N: cost,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    return ['scrypt', cost, salt.toString('base64'), key.toString('base64')].join('$');
  }

  beforeAll(async () => {
    mongo = await mongoose.createConnection(stack.env.SYSTEM_MONGO_URL!).asPromise();
  });

  afterAll(async () => {
    await mongo?.close();
  });

  it('signs in a user whose stored hash is scrypt and stores an Argon2id hash instead', async () => {
    const email = uniqueEmail('legacy');
    const { user } = await register(email);
    const legacy = scryptHash(STRONG);
    await users().updateOne({ _id: user.id }, { $set: { passwordHash: legacy } });

    // From an address of its own, so this failure counts against no other test's limit.
    const wrong = await gql(
      url,
      LOGIN,
      { email, password: 'wrong password 1' },
      { headers: { 'x-forwarded-for': '203.0.113.9' } },
    );
    expect(codes(wrong.body)).toEqual(['UNAUTHENTICATED']);
    expect(await storedHash(user.id)).toBe(legacy);

    expect((await login(email, STRONG)).body.data?.login.user.id).toBe(user.id);
    const upgraded = await storedHash(user.id);
    expect(upgraded).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );

    // The new hash signs in, and is kept as it is.
    expect((await login(email, STRONG)).body.data?.login.user.id).toBe(user.id);
    expect(await storedHash(user.id)).toBe(upgraded);
  });
});

describe('refresh tokens', () => {
  it('rotate: the new pair works and the old refresh token stops working', async () => {
    const session = await register();
    const first = await gql<{ refreshToken: Session }>(url, REFRESH, {
      refreshToken: session.refreshToken,
    });
    const rotated = first.body.data!.refreshToken;
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect((await gql(url, ME, {}, { token: rotated.accessToken })).body.data).toBeDefined();
    const second = await gql<{ refreshToken: Session }>(url, REFRESH, {
      refreshToken: rotated.refreshToken,
    });
    expect(second.body.data?.refreshToken.refreshToken).toEqual(expect.any(String));
  });

  it('reuse of a rotated token revokes the whole family', async () => {
    const session = await register();
    const rotated = (
      await gql<{ refreshToken: Session }>(url, REFRESH, { refreshToken: session.refreshToken })
    ).body.data!.refreshToken;
    const reuse = await gql(url, REFRESH, { refreshToken: session.refreshToken });
    expect(codes(reuse.body)).toEqual(['UNAUTHENTICATED']);
    // The thief's use killed the legitimate descendant too.
    const descendant = await gql(url, REFRESH, { refreshToken: rotated.refreshToken });
    expect(codes(descendant.body)).toEqual(['UNAUTHENTICATED']);
    // A new login starts a new family.
    const again = await login(session.user.email, STRONG);
    expect(again.body.data?.login.refreshToken).toEqual(expect.any(String));
  });

  it('exactly one of many concurrent refreshes of one token wins', async () => {
    const session = await register();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        gql<{ refreshToken: Session }>(url, REFRESH, { refreshToken: session.refreshToken }),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.body.data?.refreshToken !== undefined);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((attempt) => codes(attempt.body)[0] === 'UNAUTHENTICATED')).toHaveLength(
      7,
    );
  });

  it('refuses an unknown refresh token', async () => {
    const { body } = await gql(url, REFRESH, { refreshToken: 'made-up-token' });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('logout', () => {
  it('ends the session of the refresh token', async () => {
    const session = await register();
    const { body } = await gql<{ logout: boolean }>(
      url,
      LOGOUT,
      { refreshToken: session.refreshToken },
      { token: session.accessToken },
    );
    expect(body.data?.logout).toBe(true);
    expect(codes((await gql(url, REFRESH, { refreshToken: session.refreshToken })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it("won't end another user's session", async () => {
    const [mine, theirs] = await Promise.all([register(), register()]);
    const { body } = await gql<{ logout: boolean }>(
      url,
      LOGOUT,
      { refreshToken: theirs.refreshToken },
      { token: mine.accessToken },
    );
    expect(body.data?.logout).toBe(false);
    expect(
      (await gql(url, REFRESH, { refreshToken: theirs.refreshToken })).body.data,
    ).toBeDefined();
  });

  it('needs an access token', async () => {
    const session = await register();
    expect(codes((await gql(url, LOGOUT, { refreshToken: session.refreshToken })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

describe('access tokens', () => {
  async function devKey() {
    const pem = await readFile(
      path.join(stack.env.AUTH_KEYS_DIR!, 'access-token-ed25519.pem'),
      'utf8',
    );
    return createPrivateKey(pem);
  }

  it('me needs a token', async () => {
    expect(codes((await gql(url, ME, {})).body)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired token', async () => {
    const token = await signWith(
      await devKey(),
      { email: 'x@example.com', roles: ['EMPLOYEE'] },
      Math.floor(Date.now() / 1000) - 10,
    );
    const { body } = await gql(url, ME, {}, { token });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.errors?.[0]?.message).toBe('Access token expired');
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const token = await signWith(privateKey, { email: 'x@example.com', roles: ['EMPLOYEE'] }, '5m');
    expect(codes((await gql(url, ME, {}, { token })).body)).toEqual(['UNAUTHENTICATED']);
  });

  it("refuses 'alg: none'", async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({
      sub: 'someone',
      email: 'x@example.com',
      roles: ['EMPLOYEE'],
      iss: 'astrobookings-auth',
      aud: 'astrobookings',
      iat: now,
      exp: now + 300,
    })}.`;
    expect(codes((await gql(url, ME, {}, { token })).body)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a tampered token', async () => {
    const session = await register();
    const [header, payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { roles: string[] };
    claims.roles = ['EMPLOYEE'];
    const token = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(
      codes(
        (
          await gql(
            url,
            CREATE_STAFF,
            {
              input: {
                email: uniqueEmail('evil'),
                password: STRONG,
                name: 'Evil',
                role: 'EMPLOYEE',
              },
            },
            { token },
          )
        ).body,
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a malformed Authorization header', async () => {
    const { body } = await gql(url, ME, {}, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('createStaffUser', () => {
  async function employee(): Promise<Session> {
    return (await login(EMPLOYEE.email, EMPLOYEE.password)).body.data!.login;
  }

  it('lets the bootstrap employee create a supplier who can then sign in', async () => {
    const email = uniqueEmail('supplier');
    const { body } = await gql<{ createStaffUser: Session['user'] }>(
      url,
      CREATE_STAFF,
      { input: { email, password: STRONG, name: 'Orbital Ltd', role: 'SUPPLIER' } },
      { token: (await employee()).accessToken },
    );
    expect(body.data?.createStaffUser).toEqual({
      id: expect.any(String),
      email,
      name: 'Orbital Ltd',
      roles: ['SUPPLIER'],
    });
    expect((await login(email, STRONG)).body.data?.login.user.roles).toEqual(['SUPPLIER']);
  });

  it('refuses the CUSTOMER role', async () => {
    const { body } = await gql(
      url,
      CREATE_STAFF,
      { input: { email: uniqueEmail('c'), password: STRONG, name: 'C', role: 'CUSTOMER' } },
      { token: (await employee()).accessToken },
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });

  it('is FORBIDDEN to non-employees and UNAUTHENTICATED without a token', async () => {
    const customer = await register();
    const input = { email: uniqueEmail('x'), password: STRONG, name: 'X', role: 'OPERATOR' };
    expect(
      codes((await gql(url, CREATE_STAFF, { input }, { token: customer.accessToken })).body),
    ).toEqual(['FORBIDDEN']);
    expect(codes((await gql(url, CREATE_STAFF, { input })).body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the auth subgraph called directly', () => {
  it('authenticates requests that bypass the gateway', async () => {
    expect(codes((await gql(stack.urls.auth, ME, {})).body)).toEqual(['UNAUTHENTICATED']);
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await signWith(
      privateKey,
      { email: 'x@example.com', roles: ['EMPLOYEE'] },
      '5m',
    );
    expect(codes((await gql(stack.urls.auth, ME, {}, { token: forged })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
    const session = await register();
    expect(
      (await gql(stack.urls.auth, ME, {}, { token: session.accessToken })).body.data,
    ).toBeDefined();
  });
});

describe('request limits at every subgraph called directly', () => {
  const subgraphs = () =>
    (['auth', 'admin', 'customer', 'monitoring'] as const).map((name) => stack.urls[name]);

  it('refuses more aliases than the gateway allows (each would run its resolver again)', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    for (const subgraph of subgraphs()) {
      expect(codes((await gql(subgraph, query, {})).body)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('stops parsing a document of more lexical tokens than the limit, here and at the gateway', async () => {
    const past = `{ ${'__typename '.repeat(5_000)}}`;
    for (const target of [...subgraphs(), url]) {
      const { body } = await gql(target, past, {});
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toMatch(/contains more tha[nt] 5000 tokens/);
    }
  });
});

describe('gateway protections', () => {
  it('refuses an over-deep query before any subgraph runs it', async () => {
    const session = await register();
    // Launch.bookings and Booking.launch nest without end; the default limit is 12 levels.
    let selection = 'id';
    for (let level = 0; level < 7; level++) selection = `bookings { launch { ${selection} } }`;
    const { body } = await gql(
      url,
      `{ myLaunches { ${selection} } }`,
      {},
      { token: session.accessToken },
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(/exceeds maximum operation depth of 12/);
  });

  it('refuses too many aliases', async () => {
    const session = await register();
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const { body } = await gql(url, query, {}, { token: session.accessToken });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses batched requests and malformed JSON with a code', async () => {
    const batch = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: ME }, { query: ME }]),
    });
    expect(batch.status).toBe(400);
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      errors: [{ message: 'Malformed request body', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('refuses a body over the size limit', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ME, variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it('blocks cross-site form posts (CSRF) and answers CORS only for allowed origins', async () => {
    const csrf = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: ME }),
    });
    expect(csrf.status).toBe(400);
    const allowed = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: webOrigin(), 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(webOrigin());
    const denied = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves Apollo Sandbox to a browser and security headers', async () => {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('sandbox');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('carries a correlation id back to the caller', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'test-correlation-1' },
      body: JSON.stringify({ query: ME }),
    });
    expect(response.headers.get('x-correlation-id')).toBe('test-correlation-1');
  });

  it('reports health, readiness and metrics', async () => {
    const base = stack.baseUrls.gateway;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      dependencies: { redis: { status: 'up' }, 'auth-subgraph': { status: 'up' } },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
    expect(metrics).toContain('http_request_duration_seconds');
  });
});
