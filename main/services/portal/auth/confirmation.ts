import type { EntityManager } from 'typeorm';
import { IsNull, MoreThan } from 'typeorm';
import type { ConfirmedAddress } from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import {
  AccountTokenEntity,
  FamilyAccountEntity,
  type FamilyAccountRow,
} from '../../../db/entities/accounts';
import {
  confirmationLink,
  endAccountAccess,
  voidPendingLinks,
} from '../../accounts/accountService';
import { parisEndOfDay } from '../../calendar';
import { hashToken } from '../../secrets';
import type { FamilyActor } from '../familyActor';
import { familyAudit } from '../familyAudit';
import {
  accountOf,
  liveToken,
  spendToken,
  newToken,
  portalUrlOf,
  RESET_LINK_DAYS,
  type AuthKit,
} from './authKit';

/** A family may ask for at most this many confirmation links a day (no mail bombing). */
const CONFIRMATIONS_PER_DAY = 5;

/** A confirmation link to `email`, the older ones void; in the caller's transaction. */
export async function sendConfirmation(
  kit: AuthKit,
  m: EntityManager,
  account: FamilyAccountRow,
  email: string,
  /** An address replacing one in use is told so, not welcomed as at the first connection. */
  newAddress = account.state !== 'awaiting_confirmation',
) {
  const { clock, mailer } = kit;
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
      newAddress,
    },
  });
}

/** The address a confirmation link was last sent to, else an unconfirmed one; or ''. */
export async function awaitingAddress(
  m: EntityManager,
  account: FamilyAccountRow,
): Promise<string> {
  const pending = await m.getRepository(AccountTokenEntity).findOne({
    where: { accountId: account.id, purpose: 'confirm_email', usedAt: IsNull() },
    order: { id: 'DESC' },
  });
  return pending?.email || (account.emailConfirmed ? '' : account.email);
}

export async function resendConfirmation(kit: AuthKit, actor: FamilyActor): Promise<null> {
  await kit.db.transaction(async (m) => {
    const account = await accountOf(m, actor);
    const email = await awaitingAddress(m, account);
    if (!email) throw new ApiFailure('conflict', 'Aucune adresse n’attend de confirmation.');
    await sendConfirmation(kit, m, account, email);
    await familyAudit(m, kit.clock, account, 'account.confirmation_resent', {
      par: 'la famille',
    });
  });
  kit.mailer.kick();
  return null;
}

/** « Vérification mail »: the address typed was wrong; the new one becomes the account's. */
export async function correctEmail(
  kit: AuthKit,
  actor: FamilyActor,
  input: { email: string },
): Promise<null> {
  await kit.db.transaction(async (m) => {
    const account = await accountOf(m, actor);
    if (account.state !== 'awaiting_confirmation') {
      throw new ApiFailure('conflict', 'Pour changer d’adresse, passez par « Gérer mon compte ».');
    }
    await m.getRepository(FamilyAccountEntity).update(account.id, {
      email: input.email,
      emailConfirmed: false,
      updatedAt: kit.clock.now().toISOString(),
    });
    await sendConfirmation(kit, m, account, input.email);
    await familyAudit(m, kit.clock, account, 'account.email_corrected', {});
  });
  kit.mailer.kick();
  return null;
}

/** The link an e-mail gave, read before its button is shown: a spent one says so at once. */
export async function checkConfirmLink(
  kit: AuthKit,
  input: { token: string },
): Promise<{ login: string }> {
  const { account } = await liveToken(kit.db.manager, kit.clock, input.token, 'confirm_email');
  return { login: account.login };
}

export async function confirmEmail(
  kit: AuthKit,
  input: { token: string },
): Promise<ConfirmedAddress> {
  const { clock } = kit;
  return kit.db.transaction(async (m) => {
    const { row, account } = await liveToken(m, clock, input.token, 'confirm_email');
    const now = clock.now().toISOString();
    await spendToken(m, row.id, now);
    const activates = account.state === 'awaiting_confirmation';
    // A new address replacing a confirmed one is the key to « mot de passe oublié » now: the
    // links sent to the old one are void and whoever was signed in signs in again (issue 14).
    const replaces =
      account.emailConfirmed && account.email.toLowerCase() !== row.email.toLowerCase();
    if (replaces) await endAccountAccess(m, [account.id], now);
    else await voidPendingLinks(m, [account.id], now, 'reset_password');
    await m.getRepository(FamilyAccountEntity).update(account.id, {
      email: row.email,
      emailConfirmed: true,
      // The backstop's version moves with it, as for every remedy (docs/PORTAL.md).
      ...(replaces ? { passwordVersion: account.passwordVersion + 1 } : {}),
      ...(activates ? { state: 'active' as const, activatedAt: now, expiresOn: null } : {}),
      updatedAt: now,
    });
    await familyAudit(m, clock, account, 'account.email_confirmed', {});
    return { login: account.login, email: row.email, activated: activates };
  });
}
