import { randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In, IsNull, MoreThan } from 'typeorm';
import type { IssuedSession } from '../../../shared/api/contract';
import type {
  LoginResult,
  PortalStage,
  RequestReceipt,
  StageInfo,
} from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import { familyStage } from '../../../shared/domain/familyAccess';
import { familyPasswordProblem } from '../../../shared/domain/familyPassword';
import type { Database } from '../../db/database';
import { SchoolEntity, StudentEntity } from '../../db/entities';
import {
  AccountStudentEntity,
  AccountTokenEntity,
  FamilyAccountEntity,
  type FamilyAccountRow,
} from '../../db/entities/accounts';
import { MailOutboxEntity } from '../../db/entities/mail';
import { PortalDeviceEntity } from '../../db/entities/portal';
import type { Mailer } from '../../mail/types';
import { confirmationLink } from '../accounts/accountService';
import { parisEndOfDay, parisToday } from '../calendar';
import type { Clock } from '../clock';
import { createLimiter } from '../concurrency';
import { hashToken, type PasswordHasher } from '../secrets';
import { createLoginThrottle, type ThrottleRule } from '../staff/loginThrottle';
import type { FamilyActor } from './familyActor';
import { familyAudit } from './familyAudit';
import type { PortalSessions } from './portalSessions';

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
const RESET_LINK_DAYS = 7;
/** Recovery messages one mailbox receives in an hour at most (no mail bombing). */
const RECOVERY_MAILS_PER_HOUR = 3;
const RECOVERY_TEMPLATES = [
  'account-identifiants',
  'account-password-reset',
  'account-unconfirmed-address',
];
/** A family may ask for at most this many confirmation links a day (no mail bombing). */
const CONFIRMATIONS_PER_DAY = 5;

export const BAD_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';
const SPENT_LINK =
  'Ce lien n’est plus valable : il a déjà servi, il a expiré, ou un lien plus récent l’a remplacé.';

export interface PortalAuthDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  mailer: Mailer;
  sessions: PortalSessions;
}

const newToken = () => randomBytes(32).toString('base64url');
/** « Demande n° 4821-0937 »: shown on screen and repeated in the e-mail. */
const newReference = () =>
  `${String(randomInt(10_000)).padStart(4, '0')}-${String(randomInt(10_000)).padStart(4, '0')}`;

export function resetLink(portalUrl: string, token: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/mot-de-passe/nouveau?jeton=${encodeURIComponent(token)}`;
}

function waitMessage(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90)
    return `Trop d’essais : patientez ${seconds} seconde${seconds > 1 ? 's' : ''} avant de réessayer.`;
  const minutes = Math.ceil(seconds / 60);
  return `Trop d’essais : ce compte est verrouillé pour ${minutes} minutes. Si vous avez oublié votre mot de passe, utilisez « Mot de passe oublié ».`;
}

export function createPortalAuth({ db, clock, hasher, mailer, sessions }: PortalAuthDeps) {
  const throttle = createLoginThrottle({ db, clock, rules: PORTAL_RULES, namespace: 'portal' });
  // Recovery requests from one address: 10 free, then a wait (they send e-mail).
  const recoveryThrottle = createLoginThrottle({
    db,
    clock,
    rules: [{ kind: 'address', free: 10 }],
    namespace: 'portal-recovery',
  });
  const checks = createLimiter(2);
  // An unknown identifiant is checked against a real hash: both paths take as long.
  let decoy: Promise<string> | null = null;
  const decoyHash = () => (decoy ??= hasher.hash('pupitre-portail-leurre-0'));

  async function checkPassword(password: string, stored: string | null): Promise<boolean> {
    if (checks.pending() >= MAX_WAITING_CHECKS) {
      throw new ApiFailure(
        'too_many_attempts',
        'Beaucoup de connexions en même temps : réessayez dans un instant.',
      );
    }
    const hash = stored ?? (await decoyHash());
    const ok = await checks.run(() => hasher.verify(password, hash));
    return ok && stored !== null;
  }

  async function portalUrlOf(
    m: EntityManager,
    schoolId: number,
  ): Promise<{ url: string; name: string }> {
    const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
    return { url: school.portalUrl.trim(), name: school.name };
  }

  async function knownDevice(device: string | undefined, accountId: number | undefined) {
    if (!device || !accountId) return false;
    const row = await db.manager
      .getRepository(PortalDeviceEntity)
      .findOneBy({ tokenHash: hashToken(device), accountId });
    return row !== null;
  }

  async function login(
    input: { login: string; password: string; device?: string | undefined },
    ctx: { token: string | null; origin: { address: string } },
  ): Promise<IssuedSession<LoginResult>> {
    const account = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ login: input.login });
    const spare: ThrottleRule['kind'][] = (await knownDevice(input.device, account?.id))
      ? ['account']
      : [];
    const reservation = await throttle.reserve(input.login, ctx.origin.address, spare);
    if (reservation.waitMs > 0) {
      if (reservation.episodeStarts && account) {
        await db.transaction((m) => familyAudit(m, clock, account, 'portal.login_throttled', {}));
      }
      throw new ApiFailure('too_many_attempts', waitMessage(reservation.waitMs));
    }
    const ok = await checkPassword(input.password, account?.passwordHash ?? null);
    if (!account || !ok) throw new ApiFailure('unauthenticated', BAD_CREDENTIALS);
    const stage = familyStage(account);
    if (!stage) {
      await throttle.succeeded(input.login, ctx.origin.address);
      throw new ApiFailure(
        'forbidden',
        account.state === 'expired'
          ? 'Ce compte a expiré : le délai de 3 mois pour l’activer est dépassé. Demandez un nouveau courrier à l’établissement.'
          : 'Ce compte est fermé. Si vous pensez que c’est une erreur, contactez l’établissement.',
      );
    }
    const upgraded = hasher.needsRehash?.(account.passwordHash!)
      ? await checks.run(() => hasher.hash(input.password))
      : null;
    const now = clock.now().toISOString();
    return db.transaction(async (m) => {
      await throttle.succeeded(input.login, ctx.origin.address, m);
      await sessions.end(m, ctx.token);
      await m.getRepository(FamilyAccountEntity).update(account.id, {
        previousLoginAt: account.lastLoginAt,
        lastLoginAt: now,
        ...(upgraded ? { passwordHash: upgraded } : {}),
      });
      let device = input.device ?? '';
      if (!spare.length) {
        device = newToken();
        await m
          .getRepository(PortalDeviceEntity)
          .insert({ tokenHash: hashToken(device), accountId: account.id, createdAt: now });
      }
      const token = await sessions.open(m, account.id);
      return { value: { stage, device }, token };
    });
  }

  async function logout(ctx: { token: string | null }): Promise<null> {
    await db.transaction((m) => sessions.end(m, ctx.token));
    return null;
  }

  /** A confirmation link to `email`, the older ones void; in the caller's transaction. */
  async function sendConfirmation(m: EntityManager, account: FamilyAccountRow, email: string) {
    const since = new Date(clock.now().getTime() - 24 * 3_600_000).toISOString();
    const recent = await m.getRepository(AccountTokenEntity).countBy({
      accountId: account.id,
      purpose: 'confirm_email',
      createdAt: MoreThan(since),
    });
    if (recent >= CONFIRMATIONS_PER_DAY) {
      throw new ApiFailure(
        'too_many_attempts',
        `${CONFIRMATIONS_PER_DAY} liens ont déjà été envoyés aujourd’hui : vérifiez vos courriers indésirables, ou réessayez demain.`,
      );
    }
    const { url, name } = await portalUrlOf(m, account.schoolId);
    const token = newToken();
    const now = clock.now();
    await m
      .getRepository(AccountTokenEntity)
      .update(
        { accountId: account.id, purpose: 'confirm_email', usedAt: IsNull() },
        { usedAt: now.toISOString() },
      );
    // A first confirmation runs until the account's deadline; a later change, one week.
    const until =
      account.state === 'awaiting_confirmation' && account.expiresOn
        ? parisEndOfDay(account.expiresOn)
        : new Date(now.getTime() + RESET_LINK_DAYS * 86_400_000).toISOString();
    await m.getRepository(AccountTokenEntity).insert({
      accountId: account.id,
      purpose: 'confirm_email',
      tokenHash: hashToken(token),
      email,
      createdAt: now.toISOString(),
      expiresAt: until,
      usedAt: null,
      reference: '',
    });
    await mailer.enqueue(m, {
      schoolId: account.schoolId,
      to: email,
      template: 'account-confirm-email',
      accountId: account.id,
      data: {
        login: account.login,
        schoolName: name,
        link: confirmationLink(url, token),
        deadline: account.state === 'awaiting_confirmation' ? account.expiresOn : null,
        newAddress: account.state !== 'awaiting_confirmation',
      },
    });
  }

  async function accountOf(m: EntityManager, actor: FamilyActor) {
    return m.getRepository(FamilyAccountEntity).findOneByOrFail({ id: actor.accountId });
  }

  /** Birth dates that prove the holder: the pupil's own, or one of the account's children. */
  async function birthDatesOf(m: EntityManager, account: FamilyAccountRow): Promise<string[]> {
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

  function passwordRule(password: string, login: string) {
    const problem = familyPasswordProblem(password, login);
    if (problem) throw new ApiFailure('invalid_input', problem, { password: problem });
  }

  async function firstConnection(
    actor: FamilyActor,
    input: { birthDate: string; password: string; email: string },
    ctx: { token: string | null; origin: { address: string } },
  ): Promise<IssuedSession<{ stage: PortalStage }>> {
    const account = await accountOf(db.manager, actor);
    if (account.state !== 'provisional') {
      throw new ApiFailure('conflict', 'La première connexion de ce compte est déjà faite.');
    }
    // Dates of birth are few: their guesses are throttled like passwords.
    const reservation = await throttle.reserve(`naissance:${account.login}`, ctx.origin.address);
    if (reservation.waitMs > 0)
      throw new ApiFailure('too_many_attempts', waitMessage(reservation.waitMs));
    const dates = await birthDatesOf(db.manager, account);
    if (!dates.includes(input.birthDate)) {
      const message =
        account.kind === 'guardian'
          ? 'Date de naissance : elle ne correspond à aucun des enfants rattachés à ce compte.'
          : 'Date de naissance : elle ne correspond pas à celle que l’établissement connaît.';
      throw new ApiFailure('invalid_input', message, { birthDate: message });
    }
    await throttle.succeeded(`naissance:${account.login}`, ctx.origin.address);
    passwordRule(input.password, account.login);
    if (account.kind === 'guardian' && !account.noEmail && input.email === '') {
      const message = 'Adresse électronique : champ obligatoire pour un compte de responsable.';
      throw new ApiFailure('invalid_input', message, { email: message });
    }
    const hash = await checks.run(() => hasher.hash(input.password));
    const now = clock.now().toISOString();
    return db
      .transaction(async (m) => {
        const withEmail = input.email !== '';
        // A responsable waits for the link (SPEC §4.2); a pupil's account is usable at once,
        // its address still to confirm (recovery stays off until then).
        const waits = withEmail && account.kind === 'guardian';
        await m.getRepository(FamilyAccountEntity).update(account.id, {
          passwordHash: hash,
          passwordVersion: account.passwordVersion + 1,
          state: waits ? 'awaiting_confirmation' : 'active',
          email: input.email,
          emailConfirmed: false,
          activatedAt: waits ? null : now,
          expiresOn: waits ? account.expiresOn : null,
          updatedAt: now,
        });
        const updated = {
          ...account,
          state: waits ? ('awaiting_confirmation' as const) : ('active' as const),
        };
        if (withEmail) await sendConfirmation(m, updated, input.email);
        await familyAudit(m, clock, account, 'account.first_connection', {
          courriel: withEmail ? 'à confirmer' : 'aucun',
        });
        await sessions.endAll(m, account.id);
        const token = await sessions.open(m, account.id);
        return { value: { stage: familyStage(updated)! }, token };
      })
      .finally(() => mailer.kick());
  }

  async function resendConfirmation(actor: FamilyActor): Promise<null> {
    await db.transaction(async (m) => {
      const account = await accountOf(m, actor);
      const email = await awaitingAddress(m, account);
      if (!email) throw new ApiFailure('conflict', 'Aucune adresse n’attend de confirmation.');
      await sendConfirmation(m, account, email);
      await familyAudit(m, clock, account, 'account.confirmation_resent', { par: 'la famille' });
    });
    mailer.kick();
    return null;
  }

  /** « Vérification mail »: the address typed was wrong; the new one becomes the account's. */
  async function correctEmail(actor: FamilyActor, input: { email: string }): Promise<null> {
    await db.transaction(async (m) => {
      const account = await accountOf(m, actor);
      if (account.state !== 'awaiting_confirmation') {
        throw new ApiFailure(
          'conflict',
          'Pour changer d’adresse, passez par « Gérer mon compte ».',
        );
      }
      await m.getRepository(FamilyAccountEntity).update(account.id, {
        email: input.email,
        emailConfirmed: false,
        updatedAt: clock.now().toISOString(),
      });
      await sendConfirmation(m, account, input.email);
      await familyAudit(m, clock, account, 'account.email_corrected', {});
    });
    mailer.kick();
    return null;
  }

  async function liveToken(
    m: EntityManager,
    token: string,
    purpose: 'confirm_email' | 'reset_password',
  ) {
    const row = await m
      .getRepository(AccountTokenEntity)
      .findOneBy({ tokenHash: hashToken(token), purpose });
    if (!row || row.usedAt !== null || row.expiresAt <= clock.now().toISOString()) {
      throw new ApiFailure('not_found', SPENT_LINK);
    }
    const account = await m
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: row.accountId });
    if (!familyStage(account) || account.state === 'provisional')
      throw new ApiFailure('not_found', SPENT_LINK);
    return { row, account };
  }

  async function confirmEmail(input: {
    token: string;
  }): Promise<{ login: string; email: string; activated: boolean }> {
    return db.transaction(async (m) => {
      const { row, account } = await liveToken(m, input.token, 'confirm_email');
      const now = clock.now().toISOString();
      await m.getRepository(AccountTokenEntity).update(row.id, { usedAt: now });
      const activates = account.state === 'awaiting_confirmation';
      await m.getRepository(FamilyAccountEntity).update(account.id, {
        email: row.email,
        emailConfirmed: true,
        ...(activates ? { state: 'active' as const, activatedAt: now, expiresOn: null } : {}),
        updatedAt: now,
      });
      await familyAudit(m, clock, account, 'account.email_confirmed', {});
      return { login: account.login, email: row.email, activated: activates };
    });
  }

  /**
   * Recovery forms (SPEC §4.3) are limited per address of the requester, and send at most
   * RECOVERY_MAILS_PER_HOUR messages to one mailbox: past that, the same receipt is shown and
   * nothing is sent, so a stranger can neither flood a family's mailbox nor learn anything.
   */
  async function recoveryAllowed(address: string) {
    const wait = await recoveryThrottle.reserve('recuperation', address);
    if (wait.waitMs > 0) throw new ApiFailure('too_many_attempts', waitMessage(wait.waitMs));
  }

  async function mailboxFull(m: EntityManager, to: string): Promise<boolean> {
    const since = new Date(clock.now().getTime() - 3_600_000).toISOString();
    const sent = await m
      .getRepository(MailOutboxEntity)
      .createQueryBuilder('o')
      .where('LOWER(o.to_address) = :to', { to: to.toLowerCase() })
      .andWhere('o.template IN (:...templates)', { templates: RECOVERY_TEMPLATES })
      .andWhere('o.created_at > :since', { since })
      .getCount();
    return sent >= RECOVERY_MAILS_PER_HOUR;
  }

  async function forgotLogin(
    input: { email: string },
    ctx: { origin: { address: string } },
  ): Promise<RequestReceipt> {
    await recoveryAllowed(ctx.origin.address);
    const reference = newReference();
    await db.transaction(async (m) => {
      if (await mailboxFull(m, input.email)) return;
      const accounts = await m
        .getRepository(FamilyAccountEntity)
        .createQueryBuilder('a')
        .where('LOWER(a.email) = :email', { email: input.email.toLowerCase() })
        .andWhere('a.state IN (:...states)', { states: ['active', 'awaiting_confirmation'] })
        .getMany();
      const confirmed = accounts.filter((a) => a.emailConfirmed);
      const first = accounts[0];
      if (confirmed.length > 0) {
        await mailer.enqueue(m, {
          schoolId: confirmed[0]!.schoolId,
          to: confirmed[0]!.email,
          template: 'account-identifiants',
          data: { logins: confirmed.map((a) => a.login), reference },
        });
      } else if (first) {
        await mailer.enqueue(m, {
          schoolId: first.schoolId,
          to: input.email,
          template: 'account-unconfirmed-address',
          accountId: first.id,
          data: { schoolName: (await portalUrlOf(m, first.schoolId)).name, reference },
        });
      }
    });
    mailer.kick();
    return { reference };
  }

  async function forgotPassword(
    input: { login: string },
    ctx: { origin: { address: string } },
  ): Promise<RequestReceipt> {
    await recoveryAllowed(ctx.origin.address);
    const reference = newReference();
    await db.transaction(async (m) => {
      const account = await m.getRepository(FamilyAccountEntity).findOneBy({ login: input.login });
      if (!account || !account.email || !familyStage(account) || account.state === 'provisional')
        return;
      if (await mailboxFull(m, account.email)) return;
      const { url, name } = await portalUrlOf(m, account.schoolId);
      if (!account.emailConfirmed) {
        await mailer.enqueue(m, {
          schoolId: account.schoolId,
          to: account.email,
          template: 'account-unconfirmed-address',
          accountId: account.id,
          data: { schoolName: name, reference },
        });
        return;
      }
      const token = newToken();
      const now = clock.now();
      const validUntil = new Date(now.getTime() + RESET_LINK_DAYS * 86_400_000);
      // Only the newest link works.
      await m
        .getRepository(AccountTokenEntity)
        .update(
          { accountId: account.id, purpose: 'reset_password', usedAt: IsNull() },
          { usedAt: now.toISOString() },
        );
      await m.getRepository(AccountTokenEntity).insert({
        accountId: account.id,
        purpose: 'reset_password',
        tokenHash: hashToken(token),
        email: account.email,
        createdAt: now.toISOString(),
        expiresAt: validUntil.toISOString(),
        usedAt: null,
        reference,
      });
      await mailer.enqueue(m, {
        schoolId: account.schoolId,
        to: account.email,
        template: 'account-password-reset',
        accountId: account.id,
        data: {
          login: account.login,
          reference,
          link: resetLink(url, token),
          validUntil: parisToday({ now: () => validUntil }),
        },
      });
      await familyAudit(m, clock, account, 'account.password_reset_requested', {
        demande: reference,
      });
    });
    mailer.kick();
    return { reference };
  }

  async function checkResetLink(input: { token: string }): Promise<{ login: string }> {
    const { account } = await liveToken(db.manager, input.token, 'reset_password');
    return { login: account.login };
  }

  async function resetPassword(input: {
    token: string;
    password: string;
  }): Promise<{ login: string }> {
    const { account } = await liveToken(db.manager, input.token, 'reset_password');
    passwordRule(input.password, account.login);
    const hash = await checks.run(() => hasher.hash(input.password));
    return db.transaction(async (m) => {
      // Checked again inside the write queue: two tabs cannot both use one link.
      const { row } = await liveToken(m, input.token, 'reset_password');
      const now = clock.now().toISOString();
      await m
        .getRepository(AccountTokenEntity)
        .update(
          { accountId: account.id, purpose: 'reset_password', usedAt: IsNull() },
          { usedAt: now },
        );
      await m.getRepository(FamilyAccountEntity).update(account.id, {
        passwordHash: hash,
        passwordVersion: account.passwordVersion + 1,
        updatedAt: now,
      });
      await sessions.endAll(m, account.id);
      // A browser that knew the old password is no longer « known ».
      await m.getRepository(PortalDeviceEntity).delete({ accountId: account.id });
      await familyAudit(m, clock, account, 'account.password_reset_by_family', {
        demande: row.reference,
      });
      return { login: account.login };
    });
  }

  /**
   * The account's current password, asked before a change of password or address; throttled
   * like a login (a known browser's exemption does not matter: the family is logged in).
   */
  async function requireCurrentPassword(actor: FamilyActor, current: string, address: string) {
    const account = await accountOf(db.manager, actor);
    const reservation = await throttle.reserve(account.login, address, ['account']);
    if (reservation.waitMs > 0)
      throw new ApiFailure('too_many_attempts', waitMessage(reservation.waitMs));
    if (!(await checkPassword(current, account.passwordHash))) {
      const message = 'Mot de passe actuel : il ne correspond pas.';
      throw new ApiFailure('invalid_input', message, { current: message });
    }
    await throttle.succeeded(account.login, address);
    return account;
  }

  async function changePassword(
    actor: FamilyActor,
    input: { current: string; password: string },
    ctx: { origin: { address: string } },
  ): Promise<IssuedSession<{ stage: PortalStage }>> {
    const account = await requireCurrentPassword(actor, input.current, ctx.origin.address);
    passwordRule(input.password, account.login);
    const hash = await checks.run(() => hasher.hash(input.password));
    return db.transaction(async (m) => {
      const now = clock.now().toISOString();
      await m.getRepository(FamilyAccountEntity).update(account.id, {
        passwordHash: hash,
        passwordVersion: account.passwordVersion + 1,
        updatedAt: now,
      });
      await familyAudit(m, clock, account, 'account.password_changed', {});
      await sessions.endAll(m, account.id);
      await m.getRepository(PortalDeviceEntity).delete({ accountId: account.id });
      return { value: { stage: actor.stage }, token: await sessions.open(m, account.id) };
    });
  }

  /** The new address is used once confirmed from it; the old one is told at once (SPEC §4.3). */
  async function changeEmail(
    actor: FamilyActor,
    input: { current: string; email: string },
    ctx: { origin: { address: string } },
  ): Promise<null> {
    // The address is the key to « mot de passe oublié »: changing it asks for the password.
    await requireCurrentPassword(actor, input.current, ctx.origin.address);
    await db.transaction(async (m) => {
      const account = await accountOf(m, actor);
      await sendConfirmation(m, account, input.email);
      if (
        account.emailConfirmed &&
        account.email &&
        account.email.toLowerCase() !== input.email.toLowerCase()
      ) {
        await mailer.enqueue(m, {
          schoolId: account.schoolId,
          to: account.email,
          template: 'account-email-changed',
          accountId: account.id,
          data: { login: account.login },
        });
      }
      await familyAudit(m, clock, account, 'account.email_change_requested', {});
    });
    mailer.kick();
    return null;
  }

  /**
   * The regroupement's proof (SPEC §4.4): the other account's identifiant and password, and
   * for a never-activated one the date of birth of one of its children; throttled as a login.
   */
  async function proveHolder(
    input: { login: string; password: string; birthDate?: string | undefined },
    address: string,
  ): Promise<FamilyAccountRow> {
    const other = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ login: input.login });
    const reservation = await throttle.reserve(input.login, address);
    if (reservation.waitMs > 0)
      throw new ApiFailure('too_many_attempts', waitMessage(reservation.waitMs));
    if (!other || !(await checkPassword(input.password, other.passwordHash ?? null))) {
      throw new ApiFailure('unauthenticated', BAD_CREDENTIALS);
    }
    await throttle.succeeded(input.login, address);
    if (other.state === 'provisional') {
      // Dates of birth are few: guessed here as at the first connection, they are throttled.
      const dateKey = `naissance:${other.login}`;
      const wait = await throttle.reserve(dateKey, address);
      if (wait.waitMs > 0) throw new ApiFailure('too_many_attempts', waitMessage(wait.waitMs));
      const dates = await birthDatesOf(db.manager, other);
      if (!input.birthDate || !dates.includes(input.birthDate)) {
        const message =
          'Date de naissance : ce compte n’a jamais été activé, indiquez la date de naissance d’un des enfants qui y sont rattachés.';
        throw new ApiFailure('invalid_input', message, { birthDate: message });
      }
      await throttle.succeeded(dateKey, address);
    }
    return other;
  }

  /** The address a confirmation link was last sent to, else an unconfirmed one; or ''. */
  async function awaitingAddress(m: EntityManager, account: FamilyAccountRow): Promise<string> {
    const pending = await m.getRepository(AccountTokenEntity).findOne({
      where: { accountId: account.id, purpose: 'confirm_email', usedAt: IsNull() },
      order: { id: 'DESC' },
    });
    return pending?.email || (account.emailConfirmed ? '' : account.email);
  }

  async function stageInfo(actor: FamilyActor): Promise<StageInfo> {
    const account = await accountOf(db.manager, actor);
    return {
      stage: actor.stage,
      login: account.login,
      kind: account.kind,
      email: await awaitingAddress(db.manager, account),
      emailRequired: account.kind === 'guardian' && !account.noEmail,
    };
  }

  return {
    login,
    logout,
    stageInfo,
    proveHolder,
    firstConnection,
    resendConfirmation,
    correctEmail,
    confirmEmail,
    forgotLogin,
    forgotPassword,
    checkResetLink,
    resetPassword,
    changePassword,
    changeEmail,
    purge: async () => {
      await throttle.purge();
      await recoveryThrottle.purge();
      // Browsers not seen for 13 months are forgotten.
      const cutoff = new Date(clock.now().getTime() - 396 * 86_400_000).toISOString();
      await db.transaction((m) =>
        m
          .getRepository(PortalDeviceEntity)
          .createQueryBuilder()
          .delete()
          .where('created_at < :cutoff', { cutoff })
          .execute(),
      );
    },
  };
}

export type PortalAuth = ReturnType<typeof createPortalAuth>;
