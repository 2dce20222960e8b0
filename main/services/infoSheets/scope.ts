import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import { StudentGuardianEntity } from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { requireChildOf } from '../portal/familyView';

export const GUARDIAN_NOT_ON_ACCOUNT = 'Responsable inconnu pour ce compte.';

/**
 * The guardian records an account may change (SPEC §7): its own, and in a compte joint those
 * of the accounts regrouped into it (« permet de modifier les informations de la fiche de
 * renseignements des 2 responsables », seed 004) — never another guardian's.
 */
export async function guardiansOfAccount(m: EntityManager, accountId: number): Promise<number[]> {
  const repo = m.getRepository(FamilyAccountEntity);
  const own = await repo.findOneBy({ id: accountId });
  if (!own) return [];
  const ids = new Set<number>(own.guardianId ? [own.guardianId] : []);
  const seen = new Set([accountId]);
  let frontier = [accountId];
  // Bounded, as regroupementRoot is: a loop in bad data cannot hang a submission.
  for (let hops = 0; frontier.length > 0 && hops < 20; hops++) {
    const merged = await repo.findBy({ mergedIntoId: In(frontier) });
    frontier = [];
    for (const a of merged) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      frontier.push(a.id);
      if (a.guardianId) ids.add(a.guardianId);
    }
  }
  return [...ids];
}

/**
 * Refuses a record the account may not change: a child it does not cover, or a guardian
 * record that is not its own (or its compte joint's) or not this child's guardian. The
 * refusal is the same « inconnu » either way: it tells nothing about another family.
 */
export async function requireRecordOf(
  m: EntityManager,
  accountId: number,
  studentId: number,
  guardianId: number | null,
): Promise<void> {
  await requireChildOf(m, accountId, studentId);
  if (guardianId === null) return;
  const mine = await guardiansOfAccount(m, accountId);
  const link = mine.includes(guardianId)
    ? await m.getRepository(StudentGuardianEntity).findOneBy({ studentId, guardianId })
    : null;
  if (!link) throw new ApiFailure('not_found', GUARDIAN_NOT_ON_ACCOUNT);
}
