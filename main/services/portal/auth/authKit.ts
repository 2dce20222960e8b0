import { randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { ApiFailure } from '../../../../shared/api/result';
import { safeErrorSummary, type ErrorLogger } from '../../../api/errorLog';
import { familyStage } from '../../../../shared/domain/familyAccess';
import { familyPasswordProblem } from '../../../../shared/domain/familyPassword';
import type { Database } from '../../../db/database';
import { SchoolEntity, StudentEntity } from '../../../db/entities';
import {
  AccountStudentEntity,
  AccountTokenEntity,
  FamilyAccountEntity,
  type FamilyAccountRow,
} from '../../../db/entities/accounts';
import type { Mailer } from '../../../mail/types';
import type { Clock } from '../../clock';
import { createLimiter } from '../../concurrency';
import { PortalSessionEntity } from '../../../db/entities/portal';
import { hashToken, type PasswordHasher } from '../../secrets';
import {
  createLoginThrottle,
  type LoginThrottle,
  type ThrottleRule,
} from '../../staff/loginThrottle';
import type { FamilyActor } from '../familyActor';
import { ACCOUNT_CHANGED, type PortalSessions } from '../portalSessions';

/**
 * The portal's throttle (issue 8 §3): per identifiant and address, per address, and per
 * account. Past 10 failures an account is locked for a while (CNIL délibération 2022-100);
 * the lock doubles up to 15 minutes and fades by half every 15 minutes, and it never applies
 * to a browser the family has already logged in from, so a stranger cannot lock a family out.
 */
export const PORTAL_RULES: ThrottleRule[] = [
  { kind: 'pair', free: 5 },
  // A parents' evening on the school's wifi is many families behind one address.
  { kind: 'address', free: 100 },
  { kind: 'account', free: 10, maxWaitMs: 15 * 60_000 },
];
/** Beyond this many logins waiting for the hasher, the portal answers « réessayez ». */
const MAX_WAITING_CHECKS = 200;
/** « Lien valable une semaine » (SPEC §4.3). */
export const RESET_LINK_DAYS = 7;

export const BAD_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';
export const SPENT_LINK =
  'Ce lien n’est plus valable : il a déjà servi, il a expiré, ou un lien plus récent l’a remplacé.';

export interface PortalAuthDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  mailer: Mailer;
  sessions: PortalSessions;
  logger?: ErrorLogger;
}

/** What every flow of the portal's authentication shares: its deps, throttles and hashing. */
export interface AuthKit extends PortalAuthDeps {
  throttle: LoginThrottle;
  /** Recovery requests from one address: 10 free, then a wait (they send e-mail). */
  recoveryThrottle: LoginThrottle;
  /** The password against a stored hash (a decoy hash when there is none: same time). */
  checkPassword(password: string, stored: string | null): Promise<boolean>;
  hashPassword(password: string): Promise<string>;
  /**
   * Work that must not change how long the answer takes: it runs once the answer has gone,
   * so a known address and an unknown one are answered after the same work (issue 14: the
   * recovery forms' timing told a live address from an unknown one).
   */
  afterAnswer(name: string, work: () => Promise<void>): void;
  /** Resolves when every such work has finished (tests; shutdown). */
  settled(): Promise<void>;
}

export function createAuthKit(deps: PortalAuthDeps): AuthKit {
  const { db, clock, hasher } = deps;
  const checks = createLimiter(2);
  // An unknown identifiant is checked against a real hash: both paths take as long.
  let decoy: Promise<string> | null = null;
  const decoyHash = () => (decoy ??= hasher.hash('pupitre-portail-leurre-0'));
  const pending = new Set<Promise<void>>();
  return {
    ...deps,
    afterAnswer(name, work) {
      const done = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => deps.logger?.error(name, safeErrorSummary(error)))
        .finally(() => pending.delete(done));
      pending.add(done);
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    throttle: createLoginThrottle({ db, clock, rules: PORTAL_RULES, namespace: 'portal' }),
    recoveryThrottle: createLoginThrottle({
      db,
      clock,
      rules: [{ kind: 'address', free: 10 }],
      namespace: 'portal-recovery',
    }),
    async checkPassword(password, stored) {
      if (checks.pending() >= MAX_WAITING_CHECKS) {
        throw new ApiFailure(
          'too_many_attempts',
          'Beaucoup de connexions en même temps : réessayez dans un instant.',
        );
      }
      const hash = stored ?? (await decoyHash());
      const ok = await checks.run(() => hasher.verify(password, hash));
      return ok && stored !== null;
    },
    hashPassword: (password) => checks.run(() => hasher.hash(password)),
  };
}

export const newToken = () => randomBytes(32).toString('base64url');
/** « Demande n° 4821-0937 »: shown on screen and repeated in the e-mail. */
export const newReference = () =>
  `${String(randomInt(10_000)).padStart(4, '0')}-${String(randomInt(10_000)).padStart(4, '0')}`;

export function waitMessage(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90)
    return `Trop d’essais : patientez ${seconds} seconde${seconds > 1 ? 's' : ''} avant de réessayer.`;
  const minutes = Math.ceil(seconds / 60);
  return `Trop d’essais : ce compte est verrouillé pour ${minutes} minutes. Si vous avez oublié votre mot de passe, utilisez « Mot de passe oublié ».`;
}

/** A throttle reservation that must be free, else « patientez ». */
export async function reserveOrWait(
  throttle: LoginThrottle,
  key: string,
  address: string,
  spare: ThrottleRule['kind'][] = [],
) {
  const reservation = await throttle.reserve(key, address, spare);
  if (reservation.waitMs > 0)
    throw new ApiFailure('too_many_attempts', waitMessage(reservation.waitMs));
}

export async function portalUrlOf(
  m: EntityManager,
  schoolId: number,
): Promise<{ url: string; name: string }> {
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  return { url: school.portalUrl.trim(), name: school.name };
}

export async function accountOf(m: EntityManager, actor: FamilyActor) {
  return m.getRepository(FamilyAccountEntity).findOneByOrFail({ id: actor.accountId });
}

/**
 * The caller's session, re-read in the transaction that acts on its word: a remedy (a reset,
 * a closure) that committed since the request began has ended it (issue 14, review).
 */
export async function requireLiveSession(m: EntityManager, actor: FamilyActor): Promise<void> {
  const live = await m.getRepository(PortalSessionEntity).existsBy({ id: actor.sessionId });
  if (!live) throw new ApiFailure('conflict', ACCOUNT_CHANGED);
}

/**
 * A new password, written only if the account is still as read (its version and state), as
 * letterCommit does: overlapping a re-print or a closure, it must not overwrite the letter's
 * password nor reopen the account (issue 14, review). Returns the version written.
 */
export async function writePasswordIfUnchanged(
  m: EntityManager,
  account: FamilyAccountRow,
  changes: Partial<FamilyAccountRow> & { passwordHash: string },
): Promise<number> {
  const passwordVersion = account.passwordVersion + 1;
  const written = await m
    .getRepository(FamilyAccountEntity)
    .update(
      { id: account.id, passwordVersion: account.passwordVersion, state: account.state },
      { ...changes, passwordVersion },
    );
  if (written.affected !== 1) throw new ApiFailure('conflict', ACCOUNT_CHANGED);
  return passwordVersion;
}

/** Birth dates that prove the holder: the pupil's own, or one of the account's children. */
export async function birthDatesOf(m: EntityManager, account: FamilyAccountRow): Promise<string[]> {
  const ids =
    account.kind === 'student'
      ? [account.studentId!]
      : (await m.getRepository(AccountStudentEntity).findBy({ accountId: account.id })).map(
          (l) => l.studentId,
        );
  if (ids.length === 0) return [];
  const students = await m.getRepository(StudentEntity).findBy({ id: In(ids) });
  return students.map((s) => s.birthDate).filter((d): d is string => d !== null);
}

export function passwordRule(password: string, login: string) {
  const problem = familyPasswordProblem(password, login);
  if (problem) throw new ApiFailure('invalid_input', problem, { password: problem });
}

/** A link from an e-mail that is still good: not used, not expired, its account usable. */
/**
 * Marks a link used, only if it still is not: the conditional write is the check, so two
 * uses at once (two tabs, or two portal processes on one PostgreSQL) cannot both pass.
 */
export async function spendToken(m: EntityManager, tokenId: number, nowIso: string) {
  const spent = await m
    .getRepository(AccountTokenEntity)
    .update({ id: tokenId, usedAt: IsNull() }, { usedAt: nowIso });
  if (spent.affected !== 1) throw new ApiFailure('not_found', SPENT_LINK);
}

export async function liveToken(
  m: EntityManager,
  clock: Clock,
  token: string,
  purpose: 'confirm_email' | 'reset_password',
) {
  const row = await m
    .getRepository(AccountTokenEntity)
    .findOneBy({ tokenHash: hashToken(token), purpose });
  if (!row || row.usedAt !== null || row.expiresAt <= clock.now().toISOString()) {
    throw new ApiFailure('not_found', SPENT_LINK);
  }
  const account = await m.getRepository(FamilyAccountEntity).findOneByOrFail({ id: row.accountId });
  if (!familyStage(account) || account.state === 'provisional')
    throw new ApiFailure('not_found', SPENT_LINK);
  return { row, account };
}
