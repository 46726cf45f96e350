import { scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';
import { ARGON2_LIMITS } from '@astrobookings/shared';

/** Argon2id's cost for new hashes (config `authService.passwordHashing`). */
export interface Argon2Settings {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

/** The package declares its enum `const`, with no object at run time: Argon2id is 2. */
const ARGON2ID = 2 as Algorithm;
const ARGON2_OUTPUT_LENGTH = 32;
/** `$argon2id$v=19$m=…,t=…,p=…$salt$hash`, salt and hash in unpadded base64. */
const ARGON2ID_PHC =
  /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{16,86}$/;

/** Hashes from before Argon2id: `scrypt$N$salt$key` (r=8, p=1, 32-byte key), N from 2^10 to 2^20. */
const SCRYPT_HASH = /^scrypt\$(\d{4,7})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]{43}=)$/;
const SCRYPT_BLOCK_SIZE = 8;
const SCRYPT_KEY_LENGTH = 32;

/**
 * Argon2 (napi async work) and scrypt run on libuv's thread pool, four threads
 * by default, which token verification, file and DNS work share: a burst of
 * sign-ins must not take every thread, or a plain `me` waits behind them. Nor
 * does a hash finish sooner beside more than one per core: hashes beyond this
 * many wait their turn here.
 */
const MAX_CONCURRENT_HASHES = Math.max(1, Math.min(availableParallelism(), 2));
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Argon2Parameters {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

/** The parameters of an Argon2id hash this service may check, or undefined for anything else. */
function argon2Parameters(stored: string): Argon2Parameters | undefined {
  const match = ARGON2ID_PHC.exec(stored);
  if (match === null) return undefined;
  const [memoryKib, timeCost, parallelism] = match.slice(1, 4).map(Number);
  const withinLimits =
    parallelism >= 1 &&
    parallelism <= ARGON2_LIMITS.parallelism &&
    memoryKib >= 8 * parallelism &&
    memoryKib <= ARGON2_LIMITS.memoryKib &&
    timeCost >= 1 &&
    timeCost <= ARGON2_LIMITS.timeCost;
  return withinLimits ? { memoryKib, timeCost, parallelism } : undefined;
}

async function verifyArgon2(password: string, stored: string): Promise<boolean> {
  if (argon2Parameters(stored) === undefined) return false;
  try {
    return await withHashSlot(() => argon2Verify(stored, password));
  } catch {
    return false;
  }
}

function deriveScrypt(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        const options = {
          N: cost,
          r: SCRYPT_BLOCK_SIZE,
          p: 1,
          // scrypt needs 128·N·r bytes; leave room above that.
          maxmem: 256 * cost * SCRYPT_BLOCK_SIZE,
        };
        scrypt(password, salt, SCRYPT_KEY_LENGTH, options, (error, key) => {
          if (error) reject(error);
          else resolve(key);
        });
      }),
  );
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const match = SCRYPT_HASH.exec(stored);
  if (match === null) return false;
  const cost = Number(match[1]);
  // A power of two from 2^10 to 2^20: the range PASSWORD_SCRYPT_COST_LOG2 allowed.
  if (cost < 2 ** 10 || cost > 2 ** 20 || (cost & (cost - 1)) !== 0) return false;
  const expected = Buffer.from(match[3], 'base64');
  try {
    const actual = await deriveScrypt(password, Buffer.from(match[2], 'base64'), cost);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/**
 * Memory-hard password hashing with Argon2id (OWASP's first choice), stored
 * as the standard PHC string with its parameters, on the libuv pool so it
 * never blocks the event loop. Hashes from before, scrypt, still verify, and
 * `needsRehash` tells which stored hashes to replace once the password is at
 * hand: those and any Argon2id hash cheaper than the current settings.
 */
export class PasswordHasher {
  /** A hash to check unknown accounts against, so login takes as long whether or not the email exists. */
  private decoy?: Promise<string>;

  constructor(private readonly settings: Argon2Settings) {}

  hash(password: string): Promise<string> {
    return withHashSlot(() =>
      argon2Hash(password.normalize('NFKC'), {
        algorithm: ARGON2ID,
        memoryCost: this.settings.memoryKib,
        timeCost: this.settings.timeCost,
        parallelism: this.settings.parallelism,
        outputLen: ARGON2_OUTPUT_LENGTH,
      }),
    );
  }

  /** Whether `password` matches `stored`; false, never an error, for a stored hash it cannot read. */
  async verify(password: string, stored: string): Promise<boolean> {
    const normalised = password.normalize('NFKC');
    if (stored.startsWith('$argon2id$')) return verifyArgon2(normalised, stored);
    if (stored.startsWith('scrypt$')) return verifyScrypt(normalised, stored);
    return false;
  }

  /** Whether a stored hash (already verified) should be replaced by one with the current settings. */
  needsRehash(stored: string): boolean {
    const parameters = argon2Parameters(stored);
    return (
      parameters === undefined ||
      parameters.memoryKib < this.settings.memoryKib ||
      parameters.timeCost < this.settings.timeCost
    );
  }

  /** Spends the same time as a real check, for an account that doesn't exist. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy password that matches nothing');
    await this.verify(password, await this.decoy);
    return false;
  }
}
