import { BadUserInputError } from '@astrobookings/shared';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// A deliberately short list: the length and variety rules reject most others.
const COMMON_PASSWORDS = new Set([
  'password123',
  'password1234',
  '1234567890',
  'qwertyuiop',
  'qwerty12345',
  'iloveyou123',
  'letmein1234',
  'welcome123',
  'admin12345',
  'abc1234567',
]);

/** Emails are compared and stored trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function assertValidEmail(email: string): void {
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new BadUserInputError('Enter a valid email address', { field: 'email' });
  }
}

export function assertValidName(name: string): void {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw new BadUserInputError('Name must be 1 to 100 characters', { field: 'name' });
  }
}

/**
 * The minimum strength of a password: long enough, letters and something
 * else, not a well-known one and not the email itself.
 */
export function assertStrongPassword(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`at most ${PASSWORD_MAX_LENGTH} characters`);
  if (!/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) {
    problems.push('letters and at least one digit or symbol');
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || lower === email || lower === email.split('@')[0]) {
    problems.push('not a common password or your email');
  }
  if (problems.length > 0) {
    throw new BadUserInputError(`Password is too weak: use ${problems.join(', ')}`, {
      field: 'password',
    });
  }
}
