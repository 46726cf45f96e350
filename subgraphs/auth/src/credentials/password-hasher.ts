import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

/**
 * scrypt runs on libuv's small thread pool, which token verification and other
 * crypto share: a burst of sign-ins must not take every thread, or a plain
 * `me` waits behind them. Hashes beyond this many wait their turn here.
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

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: cost,
    r: BLOCK_SIZE,
    p: PARALLELISM,
    // scrypt needs 128·N·r bytes; leave room above that.
    maxmem: 256 * cost * BLOCK_SIZE,
  };
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => {
          if (error) reject(error);
          else resolve(key);
        });
      }),
  );
}

/**
 * Memory-hard password hashing with scrypt (Node's own, on the libuv pool so it
 * never blocks the event loop). Hashes carry their parameters, so the cost can
 * be raised later without breaking stored ones.
 */
export class PasswordHasher {
  private readonly cost: number;
  /** A hash to check unknown accounts against, so login takes as long whether or not the email exists. */
  private decoy?: Promise<string>;

  constructor(costLog2: number) {
    this.cost = 2 ** costLog2;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, this.cost);
    return ['scrypt', this.cost, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, cost, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || cost === undefined || salt === undefined || key === undefined)
      return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await derive(password, Buffer.from(salt, 'base64'), Number(cost));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** Spends the same time as a real check, for an account that doesn't exist. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy password that matches nothing');
    await this.verify(password, await this.decoy);
    return false;
  }
}
