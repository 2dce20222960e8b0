import * as argon2 from '@node-rs/argon2';
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { createLimiter } from './concurrency';

/**
 * Passwords are kept only as a slow, salted hash (argon2id; scrypt for the hashes made
 * before); session tokens only as a SHA-256 (they are long and random, so a fast hash is
 * enough and lookups stay indexed).
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** A hash made with an older scheme or cost: replace it at the next successful login. */
  needsRehash?(stored: string): boolean;
}

/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2 as argon2.Algorithm;

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (~40 ms a hash on a school PC). */
export const OWASP_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The one hasher of staff and families: argon2id, and the older scrypt hashes still
 * verified (and upgraded at the next login). Runs on libuv's pool: bounded by `limitHasher`.
 */
export function createArgon2Hasher(cost = OWASP_ARGON2): PasswordHasher {
  const legacy = createScryptHasher();
  const prefix = `$argon2id$v=19$m=${cost.memoryCost},t=${cost.timeCost},p=${cost.parallelism}$`;
  return {
    hash: (password) => argon2.hash(password.normalize('NFC'), { algorithm: ARGON2ID, ...cost }),
    async verify(password, stored) {
      if (stored.startsWith('$argon2')) {
        try {
          return await argon2.verify(stored, password.normalize('NFC'));
        } catch {
          return false;
        }
      }
      return legacy.verify(password, stored);
    },
    needsRehash: (stored) => !stored.startsWith(prefix),
  };
}

/** At most `limit` hashes at once, whoever asks (logins, letters, the portal). */
export function limitHasher(hasher: PasswordHasher, limit = 2): PasswordHasher {
  const limiter = createLimiter(limit);
  return {
    hash: (password) => limiter.run(() => hasher.hash(password)),
    verify: (password, stored) => limiter.run(() => hasher.verify(password, stored)),
    ...(hasher.needsRehash ? { needsRehash: hasher.needsRehash } : {}),
  };
}

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** About 80 ms and 32 MiB per hash on a school desktop: slow for a guesser, quick for a login. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export function createScryptHasher(cost: ScryptCost = DEFAULT_SCRYPT_COST): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, cost);
      return [
        'scrypt',
        cost.N,
        cost.r,
        cost.p,
        salt.toString('base64'),
        key.toString('base64'),
      ].join('$');
    },
    async verify(password, stored) {
      const [scheme, n, r, p, salt, key] = stored.split('$');
      if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
      const expected = Buffer.from(key, 'base64');
      const actual = await derive(password, Buffer.from(salt, 'base64'), {
        N: Number(n),
        r: Number(r),
        p: Number(p),
      });
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Capitals and digits without look-alikes (no I, O, 0, 1), as on the ministry's letters. */
const TEMPORARY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function temporaryPassword(length = 12): string {
  let value = '';
  while (value.length < length) value += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
  // Staff passwords must hold a letter and a digit; retry the rare draw that has not.
  return /\d/.test(value) && /[A-Z]/.test(value) ? value : temporaryPassword(length);
}
