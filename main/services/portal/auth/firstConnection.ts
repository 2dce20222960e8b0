import type { IssuedSession } from '../../../../shared/api/contract';
import type { PortalStage, StageInfo } from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import { familyStage } from '../../../../shared/domain/familyAccess';
import { endAccountAccess } from '../../accounts/accountService';
import type { FamilyActor } from '../familyActor';
import { familyAudit } from '../familyAudit';
import { parseBirthDate } from '../../../../shared/api/portal/fields';
import { FirstConnectionForm } from '../../../../shared/api/portal/session';
import { familyPasswordProblem } from '../../../../shared/domain/familyPassword';
import { fieldErrors } from '../../../api/dispatcher';
import { checkBirthDate, refuseIfVoid } from './birthDateBudget';
import {
  accountOf,
  requireLiveSession,
  reserveOrWait,
  writePasswordIfUnchanged,
  type AuthKit,
} from './authKit';
import { awaitingAddress, sendConfirmation } from './confirmation';

const EMAIL_REQUIRED = 'Adresse électronique : champ obligatoire pour un compte de responsable.';

/** What the signed-in account's pages need to know of its stage. */
export async function stageInfo(kit: AuthKit, actor: FamilyActor): Promise<StageInfo> {
  const account = await accountOf(kit.db.manager, actor);
  return {
    stage: actor.stage,
    login: account.login,
    kind: account.kind,
    email: await awaitingAddress(kit.db.manager, account),
    emailRequired: account.kind === 'guardian' && !account.noEmail,
  };
}

/** « Première connexion » (SPEC §4.2): the date of birth, a password of one’s own, an address. */
export async function firstConnection(
  kit: AuthKit,
  actor: FamilyActor,
  typed: {
    birthDate: string;
    password: string;
    passwordAgain: string;
    email: string;
    emailAgain: string;
  },
  ctx: { token: string | null; origin: { address: string } },
): Promise<IssuedSession<{ stage: PortalStage }>> {
  const { db, clock, throttle, mailer, sessions } = kit;
  const account = await accountOf(db.manager, actor);
  if (account.state !== 'provisional') {
    throw new ApiFailure('conflict', 'La première connexion de ce compte est déjà faite.');
  }
  // Every error of the form is told at once, not one more at each round (issue 13).
  const form = FirstConnectionForm.safeParse(typed);
  const errors: Record<string, string> = form.success ? {} : fieldErrors(form.error);
  const birthDate = errors.birthDate ? null : parseBirthDate(typed.birthDate);
  if (birthDate) {
    // Dates of birth are few: their guesses are throttled like passwords, and a letter
    // allows only a few wrong ones (issue 14).
    refuseIfVoid(account);
    await reserveOrWait(throttle, `naissance:${account.login}`, ctx.origin.address);
    if (await checkBirthDate(kit, account, birthDate)) {
      await throttle.succeeded(`naissance:${account.login}`, ctx.origin.address);
    } else {
      errors.birthDate =
        account.kind === 'guardian'
          ? 'Date de naissance : elle ne correspond à aucun des enfants rattachés à ce compte.'
          : 'Date de naissance : elle ne correspond pas à celle que l’établissement connaît.';
    }
  }
  const passwordProblem = errors.password
    ? null
    : familyPasswordProblem(typed.password, account.login);
  if (passwordProblem) errors.password = passwordProblem;
  if (account.kind === 'guardian' && !account.noEmail && typed.email.trim() === '')
    errors.email ??= EMAIL_REQUIRED;
  if (!form.success || Object.keys(errors).length) {
    const first = Object.values(errors)[0] ?? 'Saisie invalide.';
    throw new ApiFailure('invalid_input', first, errors);
  }
  const input = form.data;
  const hash = await kit.hashPassword(input.password);
  const now = clock.now().toISOString();
  return db
    .transaction(async (m) => {
      const withEmail = input.email !== '';
      // A responsable waits for the link (SPEC §4.2); a pupil's account is usable at once,
      // its address still to confirm (recovery stays off until then).
      const waits = withEmail && account.kind === 'guardian';
      await requireLiveSession(m, actor);
      const state = waits ? ('awaiting_confirmation' as const) : ('active' as const);
      const passwordVersion = await writePasswordIfUnchanged(m, account, {
        passwordHash: hash,
        state,
        email: input.email,
        emailConfirmed: false,
        activatedAt: waits ? null : now,
        expiresOn: waits ? account.expiresOn : null,
        updatedAt: now,
      });
      // The first connection is a password change: the sessions and the « known » browsers
      // earned with the letter's provisional password end, and any link sent before (issue 14).
      // Before the confirmation link below, which must stay.
      await endAccountAccess(m, [account.id], now);
      const updated = { ...account, state, passwordVersion };
      if (withEmail) await sendConfirmation(kit, m, updated, input.email, false);
      await familyAudit(m, clock, account, 'account.first_connection', {
        courriel: withEmail ? 'à confirmer' : 'aucun',
      });
      const token = await sessions.open(m, account.id, updated);
      return { value: { stage: familyStage(updated)! }, token };
    })
    .finally(() => mailer.kick());
}
