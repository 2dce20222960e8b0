import { readQuery } from '../../../db/preparedReads';
import type { AccountKind, AccountState } from '../../../../shared/domain/accounts';

/**
 * Every portal request's first read: the session by its token's SHA-256, with the account it
 * belongs to — its version, to refuse a session opened before a change of password or state
 * (issue 14: « re-checked on every request »), and what the family's stage is made of.
 */
export const SESSION_BY_TOKEN = readQuery(
  'portal.session.byToken',
  `SELECT s.id AS "sessionId", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
          s.account_version AS "sessionVersion", a.password_version AS "accountVersion",
          a.id AS "accountId", a.kind AS "kind", a.state AS "state",
          a.school_id AS "schoolId", a.login AS "login"
     FROM portal_session s
     JOIN family_account a ON a.id = s.account_id
    WHERE s.token_hash = $1`,
);

export interface SessionRow {
  sessionId: number;
  createdAt: string;
  lastSeenAt: string;
  sessionVersion: number;
  accountVersion: number;
  accountId: number;
  kind: AccountKind;
  state: AccountState;
  schoolId: number;
  login: string;
}
