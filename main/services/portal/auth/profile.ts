import type { IssuedSession } from '../../../../shared/api/contract';
import type { PortalStage } from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import { endAccountAccess, voidPendingLinks } from '../../accounts/accountService';
import type { FamilyActor } from '../familyActor';
import { familyAudit } from '../familyAudit';
import {
  accountOf,
  passwordRule,
  requireLiveSession,
  reserveOrWait,
  writePasswordIfUnchanged,
  type AuthKit,
} from './authKit';
import { sendConfirmation } from './confirmation';

/**
 * The account's current password, asked before a change of password or address; throttled
 * like a login (a known browser's exemption does not matter: the family is logged in).
 */
async function requireCurrentPassword(
  kit: AuthKit,
  actor: FamilyActor,
  current: string,
  address: string,
) {
  const account = await accountOf(kit.db.manager, actor);
  await reserveOrWait(kit.throttle, account.login, address, ['account']);
  if (!(await kit.checkPassword(current, account.passwordHash))) {
    const message = 'Mot de passe actuel : il ne correspond pas.';
    throw new ApiFailure('invalid_input', message, { current: message });
  }
  // The account's count was spared on the way in: it is not the family's to take off.
  await kit.throttle.succeeded(account.login, address, undefined, { spare: ['account'] });
  return account;
}

export async function changePassword(
  kit: AuthKit,
  actor: FamilyActor,
  input: { current: string; password: string },
  ctx: { origin: { address: string } },
): Promise<IssuedSession<{ stage: PortalStage }>> {
  const { db, clock, sessions } = kit;
  const account = await requireCurrentPassword(kit, actor, input.current, ctx.origin.address);
  passwordRule(input.password, account.login);
  const hash = await kit.hashPassword(input.password);
  return db.transaction(async (m) => {
    const now = clock.now().toISOString();
    await requireLiveSession(m, actor);
    const passwordVersion = await writePasswordIfUnchanged(m, account, {
      passwordHash: hash,
      updatedAt: now,
    });
    await familyAudit(m, clock, account, 'account.password_changed', {});
    // Every other browser is out and every reset link void; this one gets a fresh session
    // (a new token, so a copy of the old cookie is worth nothing). A confirmation link still
    // waiting is void too: it may be an intruder's own address (issue 14, review); the family
    // sends a new one from « Vérification mail » or « Gérer mon compte ».
    await endAccountAccess(m, [account.id], now);
    return {
      value: { stage: actor.stage },
      token: await sessions.open(m, account.id, { ...account, passwordVersion }),
    };
  });
}

/** The new address is used once confirmed from it; the old one is told at once (SPEC §4.3). */
export async function changeEmail(
  kit: AuthKit,
  actor: FamilyActor,
  input: { current: string; email: string },
  ctx: { origin: { address: string } },
): Promise<null> {
  const { db, clock, mailer } = kit;
  // The address is the key to « mot de passe oublié »: changing it asks for the password.
  await requireCurrentPassword(kit, actor, input.current, ctx.origin.address);
  await db.transaction(async (m) => {
    // A remedy since the password check has voided every link: none is sent after it.
    await requireLiveSession(m, actor);
    const account = await accountOf(m, actor);
    // A reset link sent to the address being replaced must not outlive the change (issue 14).
    await voidPendingLinks(m, [account.id], clock.now().toISOString(), 'reset_password');
    await sendConfirmation(kit, m, account, input.email);
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
