import { BadUserInputError } from '@astrobookings/shared';
import { assertStrongPassword, assertValidEmail, normaliseEmail } from './credential-rules';

describe('credential rules', () => {
  it('normalises emails', () => {
    expect(normaliseEmail('  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
  });

  it.each(['plain', 'a@b', 'a b@c.de', '@c.de', `${'x'.repeat(250)}@c.de`])(
    'rejects the email %s',
    (email) => {
      expect(() => assertValidEmail(email)).toThrow(BadUserInputError);
    },
  );

  it('accepts a normal email', () => {
    expect(() => assertValidEmail('ann@example.com')).not.toThrow();
  });

  it.each([
    ['short1!', /at least 10 characters/],
    ['onlyletterslong', /letters and at least one digit or symbol/],
    ['12345678901234', /letters and at least one digit or symbol/],
    ['password123', /not a common password/],
    ['ann@example.com', /not a common password or your email/],
    ['x1'.repeat(65), /at most 128 characters/],
  ])('rejects the weak password %s', (password, reason) => {
    expect(() => assertStrongPassword(password, 'ann@example.com')).toThrow(reason);
  });

  it('accepts a strong password', () => {
    expect(() => assertStrongPassword('correct horse 7', 'ann@example.com')).not.toThrow();
  });
});
