import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { LoginThrottleEntity } from '../../db/entities';
import { lockKeys } from '../../db/keyLocks';
import type { Clock } from '../clock';
import { MINUTE } from '../clock';

/**
 * Login throttling (issue: no lock a stranger controls). Failures are counted under two
 * keys — the (typed login, address) pair and the address alone — hashed, so nothing typed
 * is stored; they halve every 15 minutes; past a few, the next attempt must wait a delay
 * that doubles with each failure, up to a minute. The keys never depend on whether the
 * login exists, so the answers do not tell. A stranger elsewhere does not slow the real
 * user: their failures count against their own address.
 */
export const HALF_LIFE_MS = 15 * MINUTE;
export const MAX_WAIT_MS = 60_000;

export interface ThrottleRule {
  /** 'account': the typed login alone, whatever the address (the family portal's lock). */
  kind: 'pair' | 'address' | 'account';
  /** Failures allowed before any wait. */
  free: number;
  /** The longest wait this rule imposes. */
  maxWaitMs?: number;
}
export const STAFF_RULES: ThrottleRule[] = [
  { kind: 'pair', free: 3 },
  { kind: 'address', free: 10 },
];

export function keyHash(
  kind: ThrottleRule['kind'],
  login: string,
  address: string,
  namespace = '',
): string {
  const material =
    kind === 'pair'
      ? `pair\u0000${login}\u0000${address}`
      : kind === 'address'
        ? `address\u0000${address}`
        : `account\u0000${login}`;
  return createHash('sha256')
    .update(namespace ? `${namespace}\u0000${material}` : material)
    .digest('hex');
}

export function decayed(failures: number, lastFailureAt: string, now: Date): number {
  const elapsed = Math.max(0, now.getTime() - new Date(lastFailureAt).getTime());
  return failures * 0.5 ** (elapsed / HALF_LIFE_MS);
}

/**
 * The stored count, one failure less as of `now`. The row keeps its time of last failure
 * (moving it would restart a wait), so the stored count is what decays from then: writing
 * the already decayed count there would fade it twice.
 */
export function lessOne(row: { failures: number; lastFailureAt: string }, now: Date): number {
  const current = decayed(row.failures, row.lastFailureAt, now);
  return current <= 1 ? 0 : row.failures * ((current - 1) / current);
}

/** The wait owed after `failures` (already decayed), or 0. */
export function waitFor(failures: number, free: number, maxWaitMs = MAX_WAIT_MS): number {
  const over = Math.floor(failures + 1e-9) - free;
  return over <= 0 ? 0 : Math.min(maxWaitMs, 1000 * 2 ** (over - 1));
}

export interface Reservation {
  /** Milliseconds to wait before another try; 0 when the attempt may go on. */
  waitMs: number;
  /** The first refusal of an episode: worth one line in the journal. */
  episodeStarts: boolean;
}

export interface ThrottleOptions {
  db: Database;
  clock: Clock;
  rules?: ThrottleRule[];
  /** Keeps one door's counts apart from another's (staff, portal). */
  namespace?: string;
}

export function createLoginThrottle({
  db,
  clock,
  rules = STAFF_RULES,
  namespace = '',
}: ThrottleOptions) {
  const applying = (spare: ThrottleRule['kind'][]) =>
    rules.filter((rule) => !spare.includes(rule.kind));
  /** The rows' keys, to take turns on them across portal processes (PostgreSQL). */
  const keysOf = (login: string, address: string, spare: ThrottleRule['kind'][]) =>
    applying(spare).map(
      (rule) => `login_throttle:${keyHash(rule.kind, login, address, namespace)}`,
    );

  /** `spare`: rules that do not apply to this attempt (a known browser skips the account lock). */
  async function rowsOf(
    m: EntityManager,
    login: string,
    address: string,
    spare: ThrottleRule['kind'][] = [],
  ) {
    const repo = m.getRepository(LoginThrottleEntity);
    const now = clock.now();
    // One after the other: a transaction's queries share one connection, and PostgreSQL's
    // client refuses a query sent while another is running on it.
    const rows = [];
    for (const rule of applying(spare)) {
      const hash = keyHash(rule.kind, login, address, namespace);
      const row = await repo.findOneBy({ keyHash: hash });
      const failures = row ? decayed(row.failures, row.lastFailureAt, now) : 0;
      const since = row ? now.getTime() - new Date(row.lastFailureAt).getTime() : Infinity;
      rows.push({
        rule,
        hash,
        row,
        failures,
        remaining: waitFor(failures, rule.free, rule.maxWaitMs) - since,
      });
    }
    return rows;
  }

  /**
   * Counted before the (slow) password check, inside the write queue: guesses sent all at
   * once are counted one by one, so only a few ever reach the hash.
   */
  async function reserve(
    login: string,
    address: string,
    spare: ThrottleRule['kind'][] = [],
  ): Promise<Reservation> {
    return db.transaction(async (m) => {
      const repo = m.getRepository(LoginThrottleEntity);
      await lockKeys(m, keysOf(login, address, spare));
      const rows = await rowsOf(m, login, address, spare);
      const nowIso = clock.now().toISOString();
      const blocking = rows.filter((r) => r.remaining > 0);
      if (blocking.length > 0) {
        let episodeStarts = false;
        for (const r of blocking) {
          episodeStarts ||= r.row!.refused === 0;
          await repo.update(r.row!.id, { refused: r.row!.refused + 1 });
        }
        return { waitMs: Math.max(...blocking.map((r) => r.remaining)), episodeStarts };
      }
      for (const r of rows) {
        const failures = r.failures + 1;
        if (r.row) await repo.update(r.row.id, { failures, lastFailureAt: nowIso, refused: 0 });
        else await repo.insert({ keyHash: r.hash, failures, lastFailureAt: nowIso, refused: 0 });
      }
      return { waitMs: 0, episodeStarts: false };
    });
  }

  /**
   * A right password: this pair starts afresh; the address and the account keep their counts
   * less this attempt. The account's count is a stranger's guessing: a family logging in must
   * not hand it fresh free tries (issue 14) — the family's browser is known from then on and
   * spared. Only a completed reset (`clearAccount`), which proved the mailbox, clears it.
   * `spare`: the rules this attempt skipped (and so did not count) are left alone.
   */
  async function succeeded(
    login: string,
    address: string,
    inside?: EntityManager,
    {
      clearAccount = false,
      spare = [],
    }: { clearAccount?: boolean; spare?: ThrottleRule['kind'][] } = {},
  ): Promise<void> {
    const work = async (m: EntityManager) => {
      const repo = m.getRepository(LoginThrottleEntity);
      await lockKeys(m, keysOf(login, address, spare));
      for (const r of await rowsOf(m, login, address, spare)) {
        if (!r.row) continue;
        if (r.rule.kind === 'pair' || (r.rule.kind === 'account' && clearAccount))
          await repo.delete(r.row.id);
        else await repo.update(r.row.id, { failures: lessOne(r.row, clock.now()) });
      }
    };
    // Inside the caller's transaction when given (one write fewer in the queue per login).
    if (inside) await work(inside);
    else await db.transaction(work);
  }

  /** Rows whose failures have decayed to nothing are forgotten. */
  async function purge(): Promise<void> {
    const cutoff = new Date(clock.now().getTime() - 8 * HALF_LIFE_MS).toISOString();
    await db.transaction((m) =>
      m
        .getRepository(LoginThrottleEntity)
        .createQueryBuilder()
        .delete()
        .where('last_failure_at < :cutoff', { cutoff })
        .execute(),
    );
  }

  return { reserve, succeeded, purge };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
