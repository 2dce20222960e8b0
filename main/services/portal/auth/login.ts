import type { EntityManager } from 'typeorm';
import type { IssuedSession } from '../../../../shared/api/contract';
import type { LoginResult } from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import { familyStage } from '../../../../shared/domain/familyAccess';
import {
  AccountTokenEntity,
  FamilyAccountEntity,
  type FamilyAccountRow,
} from '../../../db/entities/accounts';
import { PortalDeviceEntity } from '../../../db/entities/portal';
import { hashToken } from '../../secrets';
import { keepNewest } from '../portalSessions';
import type { ThrottleRule } from '../../staff/loginThrottle';
import { familyAudit } from '../familyAudit';
import { BAD_CREDENTIALS, newToken, waitMessage, type AuthKit } from './authKit';

/** Browsers not seen for 13 months are forgotten. */
const DEVICE_DAYS = 396;
/** How long a spent or expired link is kept (support questions about a recent request). */
const SPENT_LINK_DAYS = 30;
/** Known browsers kept per account, the oldest forgotten first (issue 14). */
const DEVICES_PER_ACCOUNT = 10;

/** A new « appareil connu » token for this account, kept among its newest few. */
export async function rememberDevice(
  m: EntityManager,
  accountId: number,
  now: string,
): Promise<string> {
  const device = newToken();
  await m
    .getRepository(PortalDeviceEntity)
    .insert({ tokenHash: hashToken(device), accountId, createdAt: now });
  await keepNewest(m, 'portal_device', accountId, DEVICES_PER_ACCOUNT);
  return device;
}

/** A browser this account has logged in from (« appareil connu »). */
export async function knownDevice(
  kit: AuthKit,
  device: string | undefined,
  accountId: number | undefined,
) {
  if (!device || !accountId) return false;
  const row = await kit.db.manager
    .getRepository(PortalDeviceEntity)
    .findOneBy({ tokenHash: hashToken(device), accountId });
  return row !== null;
}

/** Why a holder who typed the right password cannot use this account (any more). */
async function unusableAccount(kit: AuthKit, account: FamilyAccountRow): Promise<string> {
  if (account.state === 'expired')
    return 'Ce compte a expiré : le délai de 3 mois pour l’activer est dépassé. Demandez un nouveau courrier à l’établissement.';
  const joined =
    account.closedReason === 'merged' && account.mergedIntoId !== null
      ? await kit.db.manager
          .getRepository(FamilyAccountEntity)
          .findOneBy({ id: account.mergedIntoId })
      : null;
  if (joined)
    return `Ce compte a été regroupé dans le compte ${joined.login} : connectez-vous désormais avec l’identifiant ${joined.login} et son mot de passe, que connaît la personne qui a fait le regroupement. Pour retrouver un compte à vous seul, contactez l’établissement.`;
  return 'Ce compte est fermé. Si vous pensez que c’est une erreur, contactez l’établissement.';
}

export async function login(
  kit: AuthKit,
  input: { login: string; password: string; device?: string | undefined },
  ctx: { token: string | null; origin: { address: string } },
): Promise<IssuedSession<LoginResult>> {
  const { db, clock, hasher, throttle, sessions } = kit;
  const account = await db.manager
    .getRepository(FamilyAccountEntity)
    .findOneBy({ login: input.login });
  const spare: ThrottleRule['kind'][] = (await knownDevice(kit, input.device, account?.id))
    ? ['account']
    : [];
  const reservation = await throttle.reserve(input.login, ctx.origin.address, spare);
  if (reservation.waitMs > 0) {
    if (reservation.episodeStarts && account) {
      // After the answer: written before it, the line made a live identifiant's refusal slower
      // than an unknown one's, and a pupil's identifiant is « prénom.nom » (issue 14 review).
      kit.afterAnswer('Connexion bloquée', () =>
        db.transaction((m) => familyAudit(m, clock, account, 'portal.login_throttled', {})),
      );
    }
    throw new ApiFailure('too_many_attempts', waitMessage(reservation.waitMs));
  }
  const ok = await kit.checkPassword(input.password, account?.passwordHash ?? null);
  if (!account || !ok) throw new ApiFailure('unauthenticated', BAD_CREDENTIALS);
  const stage = familyStage(account);
  if (!stage) {
    await throttle.succeeded(input.login, ctx.origin.address, undefined, { spare });
    throw new ApiFailure('forbidden', await unusableAccount(kit, account));
  }
  const upgraded = hasher.needsRehash?.(account.passwordHash!)
    ? await kit.hashPassword(input.password)
    : null;
  const now = clock.now().toISOString();
  return db.transaction(async (m) => {
    await throttle.succeeded(input.login, ctx.origin.address, m, { spare });
    await sessions.end(m, ctx.token);
    await m.getRepository(FamilyAccountEntity).update(account.id, {
      previousLoginAt: account.lastLoginAt,
      lastLoginAt: now,
      ...(upgraded ? { passwordHash: upgraded } : {}),
    });
    let device = input.device ?? '';
    if (!spare.length) device = await rememberDevice(m, account.id, now);
    // Refused (and all of the above rolled back) if a remedy committed during the check.
    const token = await sessions.open(m, account.id, account);
    return { value: { stage, device }, token };
  });
}

export async function logout(kit: AuthKit, ctx: { token: string | null }): Promise<null> {
  await kit.db.transaction((m) => kit.sessions.end(m, ctx.token));
  return null;
}

/** Housekeeping: old throttle counters and browsers not seen for 13 months. */
export async function purgeLoginTraces(kit: AuthKit) {
  await kit.throttle.purge();
  await kit.recoveryThrottle.purge();
  const cutoff = new Date(kit.clock.now().getTime() - DEVICE_DAYS * 86_400_000).toISOString();
  await kit.db.transaction((m) =>
    m
      .getRepository(PortalDeviceEntity)
      .createQueryBuilder()
      .delete()
      .where('created_at < :cutoff', { cutoff })
      .execute(),
  );
  // Spent and expired links (each holds the address it was sent to) go a month after: the
  // journal keeps the request's reference, the table does not grow with every family.
  const spentBefore = new Date(
    kit.clock.now().getTime() - SPENT_LINK_DAYS * 86_400_000,
  ).toISOString();
  await kit.db.transaction((m) =>
    m
      .getRepository(AccountTokenEntity)
      .createQueryBuilder()
      .delete()
      .where('(used_at IS NOT NULL AND used_at < :before) OR expires_at < :before', {
        before: spentBefore,
      })
      .execute(),
  );
}
