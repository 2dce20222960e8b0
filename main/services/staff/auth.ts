import { Not, type EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { IssuedSession } from '../../../shared/api/contract';
import type { StaffSession } from '../../../shared/api/staff';
import type { StaffRole } from '../../../shared/domain/roles';
import type { Database } from '../../db/database';
import { SchoolEntity, StaffSessionEntity, StaffUserEntity } from '../../db/entities';
import type { StaffUserRow } from '../../db/entities/rows';
import { writeAudit } from '../audit/audit';
import { HOUR, MINUTE, type Clock } from '../clock';
import type { StaffActor } from '../context';
import { createLimiter } from '../concurrency';
import { hashToken, newSessionToken, type PasswordHasher } from '../secrets';
import { createLoginThrottle } from './loginThrottle';

/** A working day and then some; a session idle that long must log in again. */
export const SESSION_IDLE_LIMIT = 12 * HOUR;
/** However active, a session ends after a week: a stolen cookie does not live for ever. */
export const SESSION_ABSOLUTE_LIMIT = 7 * 24 * HOUR;
/** Logins that may wait for a password check at once; beyond, « réessayez dans un instant ». */
export const MAX_WAITING_LOGINS = 20;

const BAD_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';

export interface AuthDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
}

function tooManyTries(what: string, waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  return `${what} : patientez ${seconds} seconde${seconds > 1 ? 's' : ''} avant de réessayer.`;
}

export function createAuthService({ db, clock, hasher }: AuthDeps) {
  // Verifying against a real hash when the login is unknown keeps both paths equally slow,
  // so response times do not tell which logins exist.
  const decoyHash = hasher.hash('pupitre-decoy-password-0');
  const throttle = createLoginThrottle({ db, clock });
  // Whoever finds a staff window left open must not try passwords through « changer mon mot
  // de passe » at hash speed: wrong current passwords are counted per user, like logins.
  const passwordChangeThrottle = createLoginThrottle({
    db,
    clock,
    rules: [{ kind: 'account', free: 5, maxWaitMs: 15 * 60_000 }],
    namespace: 'staff-password-change',
  });
  // Two password checks at once at most (libuv has four threads, STACK.md): a burst of
  // guesses waits its turn instead of starving the window and the file server.
  const checks = createLimiter(2);
  let lastPurge = 0;

  async function sessionOf(manager: EntityManager, user: StaffUserRow): Promise<StaffSession> {
    const school = await manager.getRepository(SchoolEntity).findOneByOrFail({ id: user.schoolId });
    return {
      userId: user.id,
      login: user.login,
      displayName: user.displayName,
      role: user.role as StaffRole,
      mustChangePassword: user.mustChangePassword,
      school: { id: school.id, uai: school.uai, name: school.name },
    };
  }

  /** Expired sessions and decayed throttle rows are deleted, at most once an hour. */
  async function purgeIfDue(now: Date) {
    if (now.getTime() - lastPurge < HOUR) return;
    lastPurge = now.getTime();
    await db.transaction((m) =>
      m
        .getRepository(StaffSessionEntity)
        .createQueryBuilder()
        .delete()
        .where('expires_at <= :now OR created_at <= :oldest', {
          now: now.toISOString(),
          oldest: new Date(now.getTime() - SESSION_ABSOLUTE_LIMIT).toISOString(),
        })
        .execute(),
    );
    await throttle.purge();
  }

  /** A failed or refused attempt, without what was typed when it names no real account. */
  function auditFailure(
    user: StaffUserRow | null,
    action: 'session.login_failed' | 'session.login_throttled',
    details: Record<string, unknown>,
  ) {
    return db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: user?.schoolId ?? null,
        actor: null,
        action,
        targetType: 'staff_user',
        targetId: user?.id ?? '',
        targetLabel: user ? user.login : 'identifiant inconnu',
        details,
      }),
    );
  }

  async function login(
    input: { login: string; password: string },
    ctx: { token: string | null; origin: { address: string } },
  ): Promise<IssuedSession<StaffSession>> {
    const loginName = input.login.trim().toLowerCase();
    const address = ctx.origin.address;
    const now = clock.now();
    await purgeIfDue(now);
    const user = await db.manager.getRepository(StaffUserEntity).findOneBy({ login: loginName });
    const reservation = await throttle.reserve(loginName, address);
    if (reservation.waitMs > 0) {
      if (reservation.episodeStarts) {
        await auditFailure(user, 'session.login_throttled', { adresse: address });
      }
      throw new ApiFailure('too_many_attempts', tooManyTries('Trop d’essais', reservation.waitMs));
    }
    if (checks.pending() >= MAX_WAITING_LOGINS) {
      throw new ApiFailure(
        'too_many_attempts',
        'Beaucoup de connexions en même temps : réessayez dans un instant.',
      );
    }
    const stored = user?.passwordHash ?? (await decoyHash);
    const passwordOk = await checks.run(() => hasher.verify(input.password, stored));
    if (!user || !passwordOk || !user.active) {
      await auditFailure(user, 'session.login_failed', {
        reason: !user ? 'unknown_login' : !passwordOk ? 'bad_password' : 'inactive',
        adresse: address,
      });
      throw new ApiFailure('unauthenticated', BAD_CREDENTIALS);
    }
    await throttle.succeeded(loginName, address);
    // A scrypt hash from before argon2id (or a weaker cost) is replaced now that we know the password.
    const upgraded = hasher.needsRehash?.(user.passwordHash)
      ? await checks.run(() => hasher.hash(input.password))
      : null;

    const token = newSessionToken();
    const session = await db.transaction(async (m) => {
      // A new login in the same browser or window ends the session it replaces.
      if (ctx.token) {
        await m.getRepository(StaffSessionEntity).delete({ tokenHash: hashToken(ctx.token) });
      }
      await m.getRepository(StaffUserEntity).update(user.id, {
        failedAttempts: 0,
        lockedUntil: null,
        lastLoginAt: now.toISOString(),
        ...(upgraded ? { passwordHash: upgraded } : {}),
      });
      await m.getRepository(StaffSessionEntity).insert({
        tokenHash: hashToken(token),
        staffUserId: user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_IDLE_LIMIT).toISOString(),
        lastSeenAt: now.toISOString(),
      });
      await writeAudit(m, clock, {
        schoolId: user.schoolId,
        actor: { userId: user.id, login: user.login, displayName: user.displayName },
        action: 'session.login',
        targetType: 'staff_user',
        targetId: user.id,
        targetLabel: user.login,
      });
      return sessionOf(m, user);
    });
    return { value: session, token };
  }

  /** The actor behind a token, or null when the token is unknown, expired or its user disabled. */
  async function resolve(token: string | null): Promise<StaffActor | null> {
    if (!token) return null;
    const sessions = db.manager.getRepository(StaffSessionEntity);
    const row = await sessions.findOneBy({ tokenHash: hashToken(token) });
    const now = clock.now();
    if (
      !row ||
      new Date(row.expiresAt) <= now ||
      now.getTime() - new Date(row.createdAt).getTime() >= SESSION_ABSOLUTE_LIMIT
    ) {
      return null;
    }
    const user = await db.manager.getRepository(StaffUserEntity).findOneBy({ id: row.staffUserId });
    if (!user || !user.active) return null;
    // Sliding expiry, written at most once a minute to spare the disk.
    if (now.getTime() - new Date(row.lastSeenAt).getTime() > MINUTE) {
      await db.transaction((m) =>
        m.getRepository(StaffSessionEntity).update(row.id, {
          lastSeenAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + SESSION_IDLE_LIMIT).toISOString(),
        }),
      );
    }
    return {
      sessionId: row.id,
      userId: user.id,
      schoolId: user.schoolId,
      role: user.role as StaffRole,
      login: user.login,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
    };
  }

  async function me(actor: StaffActor): Promise<StaffSession> {
    const user = await db.manager
      .getRepository(StaffUserEntity)
      .findOneByOrFail({ id: actor.userId });
    return sessionOf(db.manager, user);
  }

  async function logout(actor: StaffActor): Promise<null> {
    await db.transaction(async (m) => {
      await m.getRepository(StaffSessionEntity).delete({ id: actor.sessionId });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'session.logout',
        targetType: 'staff_user',
        targetId: actor.userId,
        targetLabel: actor.login,
      });
    });
    return null;
  }

  async function changePassword(
    actor: StaffActor,
    input: { currentPassword: string; newPassword: string },
  ): Promise<null> {
    const users = db.manager.getRepository(StaffUserEntity);
    const user = await users.findOneByOrFail({ id: actor.userId });
    const reservation = await passwordChangeThrottle.reserve(user.login, '');
    if (reservation.waitMs > 0) {
      const minutes = Math.ceil(reservation.waitMs / 60_000);
      throw new ApiFailure(
        'too_many_attempts',
        `Mot de passe actuel : trop d’essais, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      );
    }
    if (!(await checks.run(() => hasher.verify(input.currentPassword, user.passwordHash)))) {
      throw new ApiFailure('invalid_input', 'Le mot de passe actuel est incorrect.', {
        currentPassword: 'Le mot de passe actuel est incorrect.',
      });
    }
    // The right current password: its attempt is taken back, whatever comes next.
    await passwordChangeThrottle.succeeded(user.login, '', undefined, { clearAccount: true });
    if (input.newPassword === input.currentPassword) {
      throw new ApiFailure('invalid_input', 'Le nouveau mot de passe doit différer de l’actuel.', {
        newPassword: 'Le nouveau mot de passe doit différer de l’actuel.',
      });
    }
    const passwordHash = await checks.run(() => hasher.hash(input.newPassword));
    await db.transaction(async (m) => {
      await m
        .getRepository(StaffUserEntity)
        .update(user.id, { passwordHash, mustChangePassword: false });
      // Whoever held this user's other sessions loses them with the old password.
      await m
        .getRepository(StaffSessionEntity)
        .delete({ staffUserId: user.id, id: Not(actor.sessionId) });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'session.password_changed',
        targetType: 'staff_user',
        targetId: user.id,
        targetLabel: user.login,
      });
    });
    return null;
  }

  return { login, resolve, me, logout, changePassword };
}

export type AuthService = ReturnType<typeof createAuthService>;
