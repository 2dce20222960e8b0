import type { EntityManager } from 'typeorm';
import { familyStage } from '../../../shared/domain/familyAccess';
import type { Database } from '../../db/database';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { PortalSessionEntity } from '../../db/entities/portal';
import type { Clock } from '../clock';
import { HOUR, MINUTE } from '../clock';
import { hashToken, newSessionToken } from '../secrets';
import type { FamilyActor } from './familyActor';

/** A family session ends after 30 idle minutes, and after 12 hours whatever happens. */
export const PORTAL_IDLE_LIMIT = 30 * MINUTE;
export const PORTAL_ABSOLUTE_LIMIT = 12 * HOUR;
/** `last_seen_at` is written at most once a minute: a page view is a read, not a write. */
const TOUCH_EVERY = MINUTE;

/**
 * Sessions live in the database, so that several portal processes can serve one PostgreSQL
 * database. Only the token's SHA-256 is kept: a copy of the database opens no session.
 */
export function createPortalSessions({ db, clock }: { db: Database; clock: Clock }) {
  /** A new session (login, password change): the token travels in the cookie only. */
  async function open(m: EntityManager, accountId: number): Promise<string> {
    const token = newSessionToken();
    const now = clock.now().toISOString();
    await m.getRepository(PortalSessionEntity).insert({
      tokenHash: hashToken(token),
      accountId,
      createdAt: now,
      lastSeenAt: now,
      pendingMergeId: null,
      pendingMergeAt: null,
    });
    return token;
  }

  async function end(m: EntityManager, token: string | null): Promise<void> {
    if (token) await m.getRepository(PortalSessionEntity).delete({ tokenHash: hashToken(token) });
  }

  /** A password reset or change ends every session of the account. */
  async function endAll(m: EntityManager, accountId: number): Promise<void> {
    await m.getRepository(PortalSessionEntity).delete({ accountId });
  }

  async function resolve(token: string | null): Promise<FamilyActor | null> {
    if (!token || token.length > 100) return null;
    const session = await db.manager
      .getRepository(PortalSessionEntity)
      .findOneBy({ tokenHash: hashToken(token) });
    if (!session) return null;
    const now = clock.now();
    const idle = now.getTime() - Date.parse(session.lastSeenAt);
    const age = now.getTime() - Date.parse(session.createdAt);
    if (idle > PORTAL_IDLE_LIMIT || age > PORTAL_ABSOLUTE_LIMIT) {
      await db.transaction((m) => m.getRepository(PortalSessionEntity).delete(session.id));
      return null;
    }
    const account = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ id: session.accountId });
    const stage = account ? familyStage(account) : null;
    if (!account || !stage) {
      await db.transaction((m) => m.getRepository(PortalSessionEntity).delete(session.id));
      return null;
    }
    if (idle > TOUCH_EVERY) {
      await db.transaction((m) =>
        m.getRepository(PortalSessionEntity).update(session.id, { lastSeenAt: now.toISOString() }),
      );
    }
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

  return { open, end, endAll, resolve, purge };
}

export type PortalSessions = ReturnType<typeof createPortalSessions>;
