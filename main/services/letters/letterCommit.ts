import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import { activationDeadline } from '../../../shared/domain/accounts';
import { bulkInsert } from '../../db/bulkInsert';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { endAccountAccess } from '../accounts/accountService';
import { voidQueuedLetters } from '../accounts/voidLetters';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { accountVersions } from './letterRows';
import type { SelectedLetter } from './letterSelection';

/** A letter drawn, with the hash of its new password (null: identifiant only). */
export interface DrawnLetter {
  planned: Pick<SelectedLetter, 'account' | 'effect' | 'newPassword'>;
  hash: string | null;
}

/** New passwords, letter date and deadline, and the journal, in the caller's transaction. */
export async function commitPasswords(
  m: EntityManager,
  clock: Clock,
  actor: StaffActor,
  done: DrawnLetter[],
  label: string,
) {
  const repo = m.getRepository(FamilyAccountEntity);
  const current = await accountVersions(
    m,
    done.map((d) => d.planned.account.id),
  );
  for (const { planned } of done) {
    const now = current.get(planned.account.id);
    const chosenSince =
      planned.effect !== 'reset' && ['awaiting_confirmation', 'active'].includes(now?.state ?? '');
    if (
      !now ||
      now.version !== planned.account.passwordVersion ||
      now.state === 'closed' ||
      (planned.newPassword && chosenSince)
    ) {
      throw new ApiFailure(
        'conflict',
        `Le compte ${planned.account.login} a changé pendant la préparation (fermé, refusé ou réinitialisé) : aucun mot de passe n’a été changé, relancez les courriers.`,
      );
    }
  }
  const replaced = done.filter((d) => d.hash !== null).map((d) => d.planned.account.id);
  // Letters still waiting in the outbox carry a password these ones replace.
  await voidQueuedLetters(m, replaced, 'Remplacé par un courrier plus récent');
  const nowIso = clock.now().toISOString();
  const today = parisToday(clock);
  // Confirmation and « mot de passe oublié » links sent before a new provisional password
  // are void (issue 13, review).
  // A session opened with the password replaced would otherwise reach the first-connection
  // form without the new letter (a reset is often for a password someone else knows), and a
  // browser it made « known » would skip the throttle (issue 14).
  await endAccountAccess(m, replaced, nowIso);
  for (const { planned, hash } of done) {
    if (hash === null) continue;
    // Conditional on the version read above: a change committed since (PostgreSQL runs
    // other transactions beside this one) makes the whole batch roll back.
    const written = await repo.update(
      { id: planned.account.id, passwordVersion: planned.account.passwordVersion },
      {
        passwordHash: hash,
        passwordVersion: planned.account.passwordVersion + 1,
        // A provisional password always leads to the first connection, even after a reset
        // of an account that was awaiting the confirmation of its address.
        state: 'provisional',
        letterDate: today,
        expiresOn: activationDeadline(today),
        activatedAt: null,
        // A new letter, a new budget of dates of birth (issue 14): never reset otherwise.
        birthDateMisses: 0,
        updatedAt: nowIso,
      },
    );
    if (written.affected !== 1) {
      throw new ApiFailure(
        'conflict',
        `Le compte ${planned.account.login} a changé pendant la préparation : aucun mot de passe n’a été changé, relancez les courriers.`,
      );
    }
  }
  await bulkInsert(
    m,
    'AuditLog',
    done.map(({ planned, hash }) => ({
      schoolId: actor.schoolId,
      at: nowIso,
      actorId: actor.userId,
      actorLabel: `${actor.displayName} (${actor.login})`,
      action: 'account.letter',
      targetType: 'family_account',
      targetId: String(planned.account.id),
      targetLabel: planned.account.login,
      details: JSON.stringify({
        courrier: label,
        'mot de passe': hash ? 'nouveau mot de passe provisoire' : 'inchangé (identifiant seul)',
      }),
    })),
  );
}
