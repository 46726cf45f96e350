import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(10);

  it('verifies the right password and refuses others', async () => {
    const hash = await hasher.hash('correct horse 7');
    await expect(hasher.verify('correct horse 7', hash)).resolves.toBe(true);
    await expect(hasher.verify('correct horse 8', hash)).resolves.toBe(false);
  });

  it('salts every hash and stores its parameters', async () => {
    const [first, second] = await Promise.all([
      hasher.hash('same password 1'),
      hasher.hash('same password 1'),
    ]);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$1024\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it('verifies hashes made with another cost', async () => {
    const stronger = await new PasswordHasher(12).hash('correct horse 7');
    await expect(hasher.verify('correct horse 7', stronger)).resolves.toBe(true);
  });

  it('refuses malformed stored hashes', async () => {
    await expect(hasher.verify('x', 'bcrypt$2a$10$abc')).resolves.toBe(false);
  });

  it('treats a decoy check as a failure', async () => {
    await expect(hasher.verifyDecoy('anything 123')).resolves.toBe(false);
  });
});
