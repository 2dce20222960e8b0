import { In } from 'typeorm';
import type { MergePreview } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import type { Database } from '../../db/database';
import { AccountStudentEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import { PortalSessionEntity } from '../../db/entities/portal';
import type { Clock } from '../clock';
import { MINUTE } from '../clock';
import type { FamilyActor } from './familyActor';
import { familyAudit } from './familyAudit';
import { accountChildren } from './familyView';
import type { PortalAuth } from './portalAuth';
import { endAccountAccess } from '../accounts/accountService';
import { voidQueuedLetters } from '../accounts/voidLetters';

/** The proof given on the first screen holds this long for the confirmation screen. */
const PENDING_MERGE_LIMIT = 10 * MINUTE;
const MERGEABLE = ['provisional', 'awaiting_confirmation', 'active'];

/**
 * Regroupement (SPEC §4.4): a responsable joins another account they hold (a child in
 * another school of the database, a compte joint with the other guardian, a person SIECLE
 * holds twice). All its children move here and the other account is closed for good; only
 * the school can undo it (a new account and letter).
 */
export function createRegroupement(deps: { db: Database; clock: Clock; auth: PortalAuth }) {
  const { db, clock, auth } = deps;

  async function preview(
    actor: FamilyActor,
    input: { login: string; password: string; birthDate?: string | undefined },
    ctx: { origin: { address: string } },
  ): Promise<MergePreview> {
    const other = await auth.proveHolder(input, ctx.origin.address);
    if (other.id === actor.accountId) {
      throw new ApiFailure('invalid_input', 'C’est le compte avec lequel vous êtes connecté.');
    }
    if (other.kind !== 'guardian') {
      throw new ApiFailure(
        'invalid_input',
        'Le compte d’un élève ne se regroupe pas : seuls les comptes de responsables peuvent l’être.',
      );
    }
    if (!MERGEABLE.includes(other.state)) {
      throw new ApiFailure(
        'invalid_input',
        'Ce compte est fermé ou expiré : il ne peut plus être regroupé. Contactez l’établissement.',
      );
    }
    // The proof holds for the other account as it was: its password_version is kept and
    // the merge refuses it once it has moved (a reset, a closure, a first connection).
    await db.transaction((m) =>
      m.getRepository(PortalSessionEntity).update(actor.sessionId, {
        pendingMergeId: other.id,
        pendingMergeAt: clock.now().toISOString(),
        pendingMergeVersion: other.passwordVersion,
      }),
    );
    return {
      login: actor.login,
      current: await accountChildren(db.manager, actor.accountId),
      other: { login: other.login, children: await accountChildren(db.manager, other.id) },
    };
  }

  async function merge(actor: FamilyActor): Promise<{ moved: number }> {
    return db.transaction(async (m) => {
      const session = await m
        .getRepository(PortalSessionEntity)
        .findOneByOrFail({ id: actor.sessionId });
      const fresh =
        session.pendingMergeId !== null &&
        session.pendingMergeAt !== null &&
        clock.now().getTime() - Date.parse(session.pendingMergeAt) <= PENDING_MERGE_LIMIT;
      if (!fresh) {
        throw new ApiFailure(
          'conflict',
          'La demande de regroupement a expiré : saisissez de nouveau l’identifiant et le mot de passe de l’autre compte.',
        );
      }
      const repo = m.getRepository(FamilyAccountEntity);
      const current = await repo.findOneByOrFail({ id: actor.accountId });
      const other = await repo.findOneByOrFail({ id: session.pendingMergeId! });
      if (
        !MERGEABLE.includes(other.state) ||
        other.kind !== 'guardian' ||
        other.passwordVersion !== session.pendingMergeVersion
      ) {
        throw new ApiFailure('conflict', 'Ce compte ne peut plus être regroupé.');
      }
      const links = m.getRepository(AccountStudentEntity);
      const mine = new Set((await links.findBy({ accountId: current.id })).map((l) => l.studentId));
      const theirs = await links.findBy({ accountId: other.id });
      const duplicates = theirs.filter((l) => mine.has(l.studentId));
      if (duplicates.length) await links.delete(duplicates.map((l) => l.id));
      const moving = theirs.filter((l) => !mine.has(l.studentId));
      if (moving.length) {
        await links.update(
          { id: In(moving.map((l) => l.id)) },
          { accountId: current.id, source: 'merge' },
        );
      }
      const now = clock.now().toISOString();
      // The password stays, of a closed account that cannot log in: its holder, typing it
      // later, is told which identifiant to use now instead of « incorrect ».
      await repo.update(other.id, {
        state: 'closed',
        closedReason: 'merged',
        mergedIntoId: current.id,
        passwordVersion: other.passwordVersion + 1,
        updatedAt: now,
      });
      // Accounts merged into the other one now resolve to this one.
      await repo.update({ mergedIntoId: other.id }, { mergedIntoId: current.id });
      await voidQueuedLetters(m, [other.id], 'Compte regroupé avec un autre');
      await endAccountAccess(m, [other.id], now);
      await m.getRepository(PortalSessionEntity).update(session.id, {
        pendingMergeId: null,
        pendingMergeAt: null,
        pendingMergeVersion: null,
      });
      await familyAudit(m, clock, current, 'account.merged', {
        'compte regroupé': other.login,
        enfants: moving.length,
      });
      // Done by the surviving account's holder, on the other account.
      await familyAudit(
        m,
        clock,
        other,
        'account.merged_away',
        { 'regroupé dans': current.login },
        current,
      );
      return { moved: moving.length };
    });
  }

  return { preview, merge };
}
