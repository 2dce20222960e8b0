import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import { familyStage } from '../../../shared/domain/familyAccess';
import type { Database } from '../../db/database';
import { preparedReads } from '../../db/preparedReads';
import { FamilyAccountEntity, type FamilyAccountRow } from '../../db/entities/accounts';
import { PortalSessionEntity } from '../../db/entities/portal';
import type { Clock } from '../clock';
import { HOUR, MINUTE } from '../clock';
import { hashToken, newSessionToken } from '../secrets';
import type { FamilyActor } from './familyActor';
import { SESSION_BY_TOKEN, type SessionRow } from './readModels/sessionReads';

/** A family session ends after 30 idle minutes, and after 12 hours whatever happens. */
export const PORTAL_IDLE_LIMIT = 30 * MINUTE;
export const PORTAL_ABSOLUTE_LIMIT = 12 * HOUR;
/** `last_seen_at` is written at most once a minute: a page view is a read, not a write. */
const TOUCH_EVERY = MINUTE;

/** The account changed while the family was proving itself (a remedy ran at that moment). */
export const ACCOUNT_CHANGED =
  'Ce compte vient d’être modifié par l’établissement ou depuis un autre appareil : réessayez.';

/** A family has a few browsers: past these, the oldest session is ended (issue 14). */
export const SESSIONS_PER_ACCOUNT = 10;

/**
 * Keeps an account's `limit` newest rows of a per-account table (sessions, known browsers):
 * thousands of logins must not grow it without end. In the caller's transaction.
 */
export async function keepNewest(
  m: EntityManager,
  table: 'portal_session' | 'portal_device',
  accountId: number,
  limit: number,
): Promise<void> {
  // The derived table lets SQLite and PostgreSQL both take a LIMIT inside NOT IN.
  const newest = `SELECT n.id FROM (SELECT id FROM ${table} WHERE account_id = :accountId ORDER BY id DESC LIMIT ${Math.trunc(limit)}) n`;
  await m
    .createQueryBuilder()
    .delete()
    .from(table)
    .where('account_id = :accountId', { accountId })
    .andWhere(`id NOT IN (${newest})`)
    .execute();
}

/**
 * Sessions live in the database, so that several portal processes can serve one PostgreSQL
 * database. Only the token's SHA-256 is kept: a copy of the database opens no session.
 */
export function createPortalSessions({ db, clock }: { db: Database; clock: Clock }) {
  const reads = preparedReads(db.dataSource);
  /**
   * A new session (login, password change): the token travels in the cookie only. `expected`
   * is the account as the caller proved it (the version its password was checked against, or
   * the one it just wrote): a remedy committed in between (a reset, a closure) refuses the
   * session, else it would carry the new version and pass every check (issue 14, review).
   */
  async function open(
    m: EntityManager,
    accountId: number,
    expected: Pick<FamilyAccountRow, 'passwordVersion' | 'state'>,
  ): Promise<string> {
    const token = newSessionToken();
    const now = clock.now().toISOString();
    // Read in the caller's transaction, after the change it may have made (a new password).
    const stored = await m.getRepository(FamilyAccountEntity).findOne({
      where: { id: accountId },
      select: { id: true, passwordVersion: true, state: true },
    });
    if (
      !stored ||
      Number(stored.passwordVersion) !== Number(expected.passwordVersion) ||
      stored.state !== expected.state
    ) {
      throw new ApiFailure('conflict', ACCOUNT_CHANGED);
    }
    const passwordVersion = stored.passwordVersion;
    await m.getRepository(PortalSessionEntity).insert({
      tokenHash: hashToken(token),
      accountId,
      createdAt: now,
      lastSeenAt: now,
      pendingMergeId: null,
      pendingMergeAt: null,
      accountVersion: passwordVersion,
    });
    await keepNewest(m, 'portal_session', accountId, SESSIONS_PER_ACCOUNT);
    return token;
  }

  async function end(m: EntityManager, token: string | null): Promise<void> {
    if (token) await m.getRepository(PortalSessionEntity).delete({ tokenHash: hashToken(token) });
  }

  async function resolve(token: string | null): Promise<FamilyActor | null> {
    if (!token || token.length > 100) return null;
    // One prepared read a page: the session and its account together.
    const row = await reads.one<SessionRow>(SESSION_BY_TOKEN, [hashToken(token)]);
    if (!row) return null;
    const now = clock.now();
    const idle = now.getTime() - Date.parse(row.lastSeenAt);
    const age = now.getTime() - Date.parse(row.createdAt);
    const stage = familyStage(row);
    // Every remedy ends the sessions itself; the version check is the backstop for any change
    // of password or state that forgot to (issue 14: « re-checked on every request »).
    const stale = Number(row.sessionVersion) !== Number(row.accountVersion);
    if (idle > PORTAL_IDLE_LIMIT || age > PORTAL_ABSOLUTE_LIMIT || !stage || stale) {
      await db.transaction((m) =>
        m.getRepository(PortalSessionEntity).delete(Number(row.sessionId)),
      );
      return null;
    }
    if (idle > TOUCH_EVERY) {
      await db.transaction((m) =>
        m
          .getRepository(PortalSessionEntity)
          .update(Number(row.sessionId), { lastSeenAt: now.toISOString() }),
      );
    }
    const account = {
      kind: row.kind,
      id: Number(row.accountId),
      schoolId: Number(row.schoolId),
      login: row.login,
    };
    const session = { id: Number(row.sessionId) };
    return {
      role: account.kind,
      sessionId: session.id,
      accountId: account.id,
      schoolId: account.schoolId,
      login: account.login,
      stage,
    };
  }

  /** Sessions past their limits, removed every hour. */
  async function purge(): Promise<void> {
    const now = clock.now().getTime();
    const idleCutoff = new Date(now - PORTAL_IDLE_LIMIT).toISOString();
    const ageCutoff = new Date(now - PORTAL_ABSOLUTE_LIMIT).toISOString();
    await db.transaction((m) =>
      m
        .getRepository(PortalSessionEntity)
        .createQueryBuilder()
        .delete()
        .where('last_seen_at < :idleCutoff OR created_at < :ageCutoff', { idleCutoff, ageCutoff })
        .execute(),
    );
  }

  return { open, end, resolve, purge };
}

export type PortalSessions = ReturnType<typeof createPortalSessions>;
