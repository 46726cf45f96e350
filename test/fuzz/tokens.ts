import { SignJWT } from 'jose';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TokenPool } from './cases';

const DEV_KEY_FILE = 'access-token-ed25519.pem';
const ISSUER = 'astrobookings-auth';
const AUDIENCE = 'astrobookings';

function sign(
  key: KeyObject,
  claims: Record<string, unknown>,
  options: { subject: string; expires: number | string; issuer?: string; audience?: string },
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(options.subject)
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires)
    .sign(key);
}

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Real tokens of every role, tokens signed with the stack's real key but odd
 * claims (accepted: they only name an odd user), and tokens that must be
 * refused: expired, foreign key, wrong issuer, `alg: none`, tampered, garbage.
 */
export async function tokenPool(keysDir: string, sessions: readonly string[]): Promise<TokenPool> {
  const realKey = createPrivateKey(await readFile(path.join(keysDir, DEV_KEY_FILE), 'utf8'));
  const { privateKey: foreignKey } = generateKeyPairSync('ed25519');
  const now = Math.floor(Date.now() / 1000);
  const oddButSigned = await Promise.all([
    sign(
      realKey,
      { email: 'odd@example.com', roles: ['CUSTOMER'] },
      { subject: '{"$gt": ""}', expires: '1h' },
    ),
    sign(
      realKey,
      { email: "x'; DROP TABLE users; --", roles: ['CUSTOMER'] },
      { subject: `'; DROP TABLE bookings; --`, expires: '1h' },
    ),
    sign(
      realKey,
      { email: 'nobody@example.com', roles: ['EMPLOYEE', 'OPERATOR', 'SUPPLIER', 'CUSTOMER'] },
      { subject: '00000000-0000-0000-0000-000000000000', expires: '1h' },
    ),
  ]);
  const [valid] = sessions;
  const [header, , signature] = valid.split('.');
  const refused = await Promise.all([
    sign(
      realKey,
      { email: 'late@example.com', roles: ['EMPLOYEE'] },
      { subject: 'late', expires: now - 10 },
    ),
    sign(
      foreignKey,
      { email: 'forged@example.com', roles: ['EMPLOYEE'] },
      { subject: 'forged', expires: '1h' },
    ),
    sign(
      realKey,
      { email: 'other@example.com', roles: ['EMPLOYEE'] },
      { subject: 'other', expires: '1h', issuer: 'someone-else' },
    ),
    sign(
      realKey,
      { email: 'other@example.com', roles: ['EMPLOYEE'] },
      { subject: 'other', expires: '1h', audience: 'another-app' },
    ),
    sign(realKey, { email: 'x@example.com', roles: ['GOD'] }, { subject: 'god', expires: '1h' }),
    sign(
      realKey,
      { email: 'x@example.com', roles: 'EMPLOYEE' },
      { subject: 'string-roles', expires: '1h' },
    ),
  ]);
  const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', roles: ['EMPLOYEE'], iss: ISSUER, aud: AUDIENCE, exp: now + 3600 })}.`;
  const tampered = `${header}.${part({ sub: 'x', email: 'x@example.com', roles: ['EMPLOYEE', 'OPERATOR'], iss: ISSUER, aud: AUDIENCE, exp: now + 3600 })}.${signature}`;
  return {
    valid: [...sessions, ...oddButSigned],
    invalid: [
      ...refused.map((token) => `Bearer ${token}`),
      `Bearer ${unsigned}`,
      `Bearer ${tampered}`,
      `Bearer ${valid.slice(0, -2)}xx`,
      'Bearer',
      'Bearer ',
      'Bearer a.b.c',
      'Bearer null',
      `Bearer ${'x'.repeat(6_000)}`,
      'Basic dXNlcjpwYXNzd29yZA==',
      `Bearer ${valid} ${valid}`,
      '{"$gt": ""}',
      `Token ${valid}`,
    ],
  };
}
