import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from '@astrobookings/shared';

/** The Ed25519 key pair that signs access tokens, and its public half as a JWKS. */
export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  jwks: { keys: JWK[] };
}

const DEV_KEY_FILE = 'access-token-ed25519.pem';

async function fromPrivateKey(privateKey: KeyObject): Promise<SigningKeys> {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('JWT_PRIVATE_KEY must be an Ed25519 private key in PEM (PKCS#8)');
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const keyId = await calculateJwkThumbprint(jwk);
  return {
    privateKey,
    publicKey,
    keyId,
    jwks: { keys: [{ ...jwk, kid: keyId, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' }] },
  };
}

/**
 * The key from config in production; in development one generated on first
 * start and kept on disk, so tokens survive restarts.
 */
export async function loadSigningKeys(
  privateKeyPem: string | undefined,
  keysDir: string,
): Promise<SigningKeys> {
  if (privateKeyPem !== undefined) {
    return fromPrivateKey(createPrivateKey(privateKeyPem.replace(/\\n/g, '\n')));
  }
  const file = path.join(keysDir, DEV_KEY_FILE);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined) return fromPrivateKey(createPrivateKey(existing));

  const { privateKey } = generateKeyPairSync('ed25519');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // 'wx' never overwrites a key another process wrote in the meantime.
  await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  return fromPrivateKey(createPrivateKey(await readFile(file, 'utf8')));
}
