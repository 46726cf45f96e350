import { randomBytes, scryptSync } from 'node:crypto';
import { PasswordHasher } from './password-hasher';

/** Cheap settings, so the specs run fast; the format is the same as production's. */
const SETTINGS = { memoryKib: 64, timeCost: 1, parallelism: 1 };

/** A hash as the service stored them before Argon2id: `scrypt$N$salt$key`, r=8, p=1. */
function scryptHash(password: string, cost = 1024): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: cost, r: 8, p: 1 });
  return ['scrypt', cost, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(SETTINGS);

  it('hashes with Argon2id and verifies the right password', async () => {
    const hash = await hasher.hash('correct horse 7');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    await expect(hasher.verify('correct horse 7', hash)).resolves.toBe(true);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('refuses a wrong password', async () => {
    const hash = await hasher.hash('correct horse 7');
    await expect(hasher.verify('correct horse 8', hash)).resolves.toBe(false);
    await expect(hasher.verify('', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [first, second] = await Promise.all([
      hasher.hash('same password 1'),
      hasher.hash('same password 1'),
    ]);
    expect(first).not.toBe(second);
  });

  it('treats the composed and decomposed forms of a password alike', async () => {
    const hash = await hasher.hash('Ame\u0301lie horse 7');
    await expect(hasher.verify('Am\u00e9lie horse 7', hash)).resolves.toBe(true);
  });

  it('verifies an old scrypt hash and asks for it to be replaced', async () => {
    const legacy = scryptHash('correct horse 7');
    await expect(hasher.verify('correct horse 7', legacy)).resolves.toBe(true);
    await expect(hasher.verify('correct horse 8', legacy)).resolves.toBe(false);
    expect(hasher.needsRehash(legacy)).toBe(true);
  });

  it('asks to replace an Argon2id hash cheaper than the settings, not a dearer one', async () => {
    const cheap = await new PasswordHasher({ ...SETTINGS, memoryKib: 32 }).hash('correct horse 7');
    const fewerPasses = await hasher.hash('correct horse 7');
    const dearer = await new PasswordHasher({ memoryKib: 128, timeCost: 2, parallelism: 2 }).hash(
      'correct horse 7',
    );
    await expect(hasher.verify('correct horse 7', cheap)).resolves.toBe(true);
    await expect(hasher.verify('correct horse 7', dearer)).resolves.toBe(true);
    expect(hasher.needsRehash(cheap)).toBe(true);
    expect(new PasswordHasher({ ...SETTINGS, timeCost: 2 }).needsRehash(fewerPasses)).toBe(true);
    expect(hasher.needsRehash(dearer)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['another scheme', '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    [
      'Argon2i',
      '$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    ],
    [
      'Argon2id version 16',
      '$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    ['Argon2id without a hash', '$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$'],
    [
      'Argon2id below 8 KiB a lane',
      '$argon2id$v=19$m=8,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    [
      'Argon2id asking for 4 TiB',
      '$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    [
      'Argon2id whose hash does not decode',
      '$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc',
    ],
    [
      'Argon2id with bad base64',
      '$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRz!Wx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    ['scrypt with a cost that is no power of two', 'scrypt$1000$c2FsdA==$' + 'A'.repeat(43) + '='],
    ['scrypt with a cost above 2^20', 'scrypt$2097152$c2FsdA==$' + 'A'.repeat(43) + '='],
    ['scrypt with a cost that is no number', 'scrypt$abc$c2FsdA==$' + 'A'.repeat(43) + '='],
    ['scrypt with a short key', 'scrypt$1024$c2FsdA==$c2hvcnQ='],
    ['scrypt with parts missing', 'scrypt$1024'],
  ])('refuses a malformed stored hash (%s) without throwing', async (_label, stored) => {
    await expect(hasher.verify('correct horse 7', stored)).resolves.toBe(false);
  });

  it('treats a decoy check as a failure', async () => {
    await expect(hasher.verifyDecoy('anything 123')).resolves.toBe(false);
  });
});
