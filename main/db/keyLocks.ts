import type { EntityManager } from 'typeorm';

/**
 * Holds, until the caller's transaction ends, a lock on each key (any string): the way two
 * portal processes sharing one PostgreSQL take turns on a read-then-write of the same rows
 * (a login's counts, say). On SQLite there is nothing to do: the one transaction queue and
 * SQLite's single writer already make such writes take turns.
 */
export async function lockKeys(m: EntityManager, keys: readonly string[]): Promise<void> {
  if (m.connection.options.type !== 'postgres') return;
  // Always in the same order, so two transactions wanting the same keys cannot deadlock.
  for (const key of [...new Set(keys)].sort()) {
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }
}
