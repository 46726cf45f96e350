import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { AccessTokenVerifier } from './access-token';

const SETTINGS = { issuer: 'astrobookings-auth', audience: 'astrobookings' };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function token(expiresAt: number, roles: string[] = ['CUSTOMER']): Promise<string> {
  return new SignJWT({ email: 'ada@example.com', roles })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject('user-1')
    .setIssuer(SETTINGS.issuer)
    .setAudience(SETTINGS.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(privateKey);
}

afterEach(() => jest.useRealTimers());

describe('AccessTokenVerifier', () => {
  it('accepts a remembered token again only until it expires', async () => {
    const verifier = AccessTokenVerifier.fromPublicKey(publicKey, SETTINGS);
    const now = Date.now();
    const valid = await token(now + 60_000);
    expect(await verifier.verify(valid)).toEqual({
      userId: 'user-1',
      email: 'ada@example.com',
      roles: ['CUSTOMER'],
    });
    expect((await verifier.verify(valid)).userId).toBe('user-1');
    jest.useFakeTimers({ now: now + 61_000 });
    await expect(verifier.verify(valid)).rejects.toThrow('Access token expired');
  });

  it('never remembers a refused token', async () => {
    const verifier = AccessTokenVerifier.fromPublicKey(publicKey, SETTINGS);
    const forged = `${(await token(Date.now() + 60_000)).slice(0, -4)}AAAA`;
    await expect(verifier.verify(forged)).rejects.toThrow('Invalid access token');
    await expect(verifier.verify(forged)).rejects.toThrow('Invalid access token');
  });
});
