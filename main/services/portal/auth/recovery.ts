import type { EntityManager } from 'typeorm';
import { IsNull, LessThan } from 'typeorm';
import type { RequestReceipt } from '../../../../shared/api/portal';
import { familyStage } from '../../../../shared/domain/familyAccess';
import { AccountTokenEntity, FamilyAccountEntity } from '../../../db/entities/accounts';
import { MailOutboxEntity } from '../../../db/entities/mail';
import { endAccountAccess } from '../../accounts/accountService';
import { parisToday } from '../../calendar';
import { hashToken } from '../../secrets';
import { familyAudit } from '../familyAudit';
import { knownDevice, rememberDevice } from './login';
import {
  liveToken,
  spendToken,
  newReference,
  newToken,
  passwordRule,
  portalUrlOf,
  RESET_LINK_DAYS,
  reserveOrWait,
  type AuthKit,
} from './authKit';

/** Recovery messages one mailbox receives in an hour at most (no mail bombing). */
const RECOVERY_MAILS_PER_HOUR = 3;
const RECOVERY_TEMPLATES = [
  'account-identifiants',
  'account-password-reset',
  'account-unconfirmed-address',
];

export function resetLink(portalUrl: string, token: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/mot-de-passe/nouveau?jeton=${encodeURIComponent(token)}`;
}

/**
 * Recovery forms (SPEC §4.3) are limited per address of the requester, and send at most
 * RECOVERY_MAILS_PER_HOUR messages to one mailbox: past that, the same receipt is shown and
 * nothing is sent, so a stranger can neither flood a family's mailbox nor learn anything.
 * The answer is the receipt alone, given before any account is looked up: the lookup and the
 * mail come after it (kit.afterAnswer), so a live address and an unknown one take as long.
 */
const recoveryAllowed = (kit: AuthKit, address: string) =>
  reserveOrWait(kit.recoveryThrottle, 'recuperation', address);

async function mailboxFull(kit: AuthKit, m: EntityManager, to: string): Promise<boolean> {
  const since = new Date(kit.clock.now().getTime() - 3_600_000).toISOString();
  const sent = await m
    .getRepository(MailOutboxEntity)
    .createQueryBuilder('o')
    .where('LOWER(o.to_address) = :to', { to: to.toLowerCase() })
    .andWhere('o.template IN (:...templates)', { templates: RECOVERY_TEMPLATES })
    .andWhere('o.created_at > :since', { since })
    .getCount();
  return sent >= RECOVERY_MAILS_PER_HOUR;
}

export async function forgotLogin(
  kit: AuthKit,
  input: { email: string },
  ctx: { origin: { address: string } },
): Promise<RequestReceipt> {
  await recoveryAllowed(kit, ctx.origin.address);
  const reference = newReference();
  kit.afterAnswer('Identifiant oublié', () => sendLogins(kit, input.email, reference));
  return { reference };
}

async function sendLogins(kit: AuthKit, email: string, reference: string) {
  const { db, mailer } = kit;
  await db.transaction(async (m) => {
    if (await mailboxFull(kit, m, email)) return;
    const accounts = await m
      .getRepository(FamilyAccountEntity)
      .createQueryBuilder('a')
      .where('LOWER(a.email) = :email', { email: email.toLowerCase() })
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
        to: email,
        template: 'account-unconfirmed-address',
        accountId: first.id,
        data: { schoolName: (await portalUrlOf(m, first.schoolId)).name, reference },
      });
    }
  });
  mailer.kick();
}

export async function forgotPassword(
  kit: AuthKit,
  input: { login: string; device?: string | undefined },
  ctx: { origin: { address: string } },
): Promise<RequestReceipt> {
  await recoveryAllowed(kit, ctx.origin.address);
  const reference = newReference();
  kit.afterAnswer('Mot de passe oublié', () =>
    sendResetLink(kit, input.login, input.device, reference),
  );
  return { reference };
}

async function sendResetLink(
  kit: AuthKit,
  login: string,
  device: string | undefined,
  reference: string,
) {
  const { db, clock, mailer } = kit;
  await db.transaction(async (m) => {
    const account = await m.getRepository(FamilyAccountEntity).findOneBy({ login });
    if (!account || !account.email || !familyStage(account) || account.state === 'provisional')
      return;
    // The mailbox's hourly cap keeps strangers from flooding it; a browser the family has
    // logged in from is not a stranger, and a stranger's requests must not keep it out.
    const familyBrowser = await knownDevice(kit, device, account.id);
    if (!familyBrowser && (await mailboxFull(kit, m, account.email))) return;
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
    // A newer link voids those older than an hour; the links of the last hour (at most the
    // mailbox's cap, and the family's own) stay live, so that a stranger asking after the
    // family cannot void the link it is about to open. Using any one voids them all.
    await m.getRepository(AccountTokenEntity).update(
      {
        accountId: account.id,
        purpose: 'reset_password',
        usedAt: IsNull(),
        createdAt: LessThan(new Date(now.getTime() - 3_600_000).toISOString()),
      },
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
}

export async function checkResetLink(
  kit: AuthKit,
  input: { token: string },
): Promise<{ login: string }> {
  const { account } = await liveToken(kit.db.manager, kit.clock, input.token, 'reset_password');
  return { login: account.login };
}

/**
 * A completed reset lets the family in whatever a stranger is guessing (issue 14): the
 * account's lock and this pair start afresh, and the resetting browser, which has just proved
 * the mailbox, becomes « appareil connu » so that a lock the stranger sets off again spares it.
 */
export async function resetPassword(
  kit: AuthKit,
  input: { token: string; password: string },
  ctx: { origin: { address: string } },
): Promise<{ login: string; device: string }> {
  const { db, clock } = kit;
  const { account } = await liveToken(db.manager, clock, input.token, 'reset_password');
  passwordRule(input.password, account.login);
  const hash = await kit.hashPassword(input.password);
  return db.transaction(async (m) => {
    // Checked again inside the write queue: two tabs cannot both use one link.
    const { row } = await liveToken(m, clock, input.token, 'reset_password');
    const now = clock.now().toISOString();
    await spendToken(m, row.id, now);
    // Every pending link (this one too), every session, every known browser (issue 14).
    await endAccountAccess(m, [account.id], now);
    await m.getRepository(FamilyAccountEntity).update(account.id, {
      passwordHash: hash,
      passwordVersion: account.passwordVersion + 1,
      updatedAt: now,
    });
    await kit.throttle.succeeded(account.login, ctx.origin.address, m, { clearAccount: true });
    const device = await rememberDevice(m, account.id, now);
    await familyAudit(m, clock, account, 'account.password_reset_by_family', {
      demande: row.reference,
    });
    return { login: account.login, device };
  });
}
