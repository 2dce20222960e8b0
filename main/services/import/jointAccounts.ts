import type { EntityManager } from 'typeorm';
import { rawRows } from '../../db/bulkInsert';
import { regroupementRoot } from '../accounts/provisioning';
import { personLabel } from './labels';
import type { ImportOps } from './ops';
import type { SchoolState } from './state';

interface AccountRow {
  id: number | string;
  login: string;
  guardian_id: number | string | null;
  merged_into_id: number | string | null;
}

/**
 * A compte joint covers the children of every guardian regrouped on it, and cannot tell
 * which of its holders is at the keyboard. When this import takes a child away from one of
 * them while another guardian of that child stays on the same account, the child stays
 * visible to both: the preview says so, naming the account, so that the secretariat can
 * « Séparer le regroupement » (docs/PORTAL.md). Read-only; warnings, never a block.
 */
export async function jointAccountWarnings(
  m: EntityManager,
  state: SchoolState,
  ops: ImportOps,
): Promise<string[]> {
  if (ops.linkDeletes.length === 0) return [];
  const deleted = new Set(ops.linkDeletes);
  const lost = state.links.filter((l) => deleted.has(l.id));
  const levelAfter = new Map(ops.linkUpdates.map((u) => [u.id, u.values.responsibilityLevel]));
  const guardianBySiecle = new Map(state.guardians.map((g) => [g.siecleId, g.id]));
  const studentBySiecle = new Map(state.students.map((s) => [s.siecleId, s.id]));
  // The level-1 guardians each pupil keeps after the import.
  const keeps = new Map<number, Set<number>>();
  const keep = (studentId: number | undefined, guardianId: number | undefined) => {
    if (studentId === undefined || guardianId === undefined) return;
    const set = keeps.get(studentId) ?? new Set<number>();
    set.add(guardianId);
    keeps.set(studentId, set);
  };
  for (const l of state.links) {
    if (!deleted.has(l.id) && (levelAfter.get(l.id) ?? l.responsibilityLevel) === 1)
      keep(l.studentId, l.guardianId);
  }
  for (const l of ops.linkInserts) {
    if (l.responsibilityLevel === 1)
      keep(studentBySiecle.get(l.studentKey), guardianBySiecle.get(l.guardianKey));
  }

  const accounts = await rawRows<AccountRow>(
    m,
    `SELECT id, login, guardian_id, merged_into_id FROM family_account
      WHERE school_id = ? AND kind = 'guardian'`,
    [state.school.id],
  );
  const rows = accounts.map((a) => ({
    id: Number(a.id),
    login: a.login,
    guardianId: a.guardian_id === null ? null : Number(a.guardian_id),
    mergedIntoId: a.merged_into_id === null ? null : Number(a.merged_into_id),
  }));
  // Regroupements followed within this school, as the accounts' sync follows them.
  const byId = new Map(rows.map((a) => [a.id, a]));
  const byGuardian = new Map(
    rows.filter((a) => a.guardianId !== null).map((a) => [a.guardianId!, a]),
  );
  const rootOf = (a: (typeof rows)[number]) => regroupementRoot(a, byId);

  const studentById = new Map(state.students.map((s) => [s.id, s]));
  const guardianById = new Map(state.guardians.map((g) => [g.id, g]));
  const warnings: string[] = [];
  for (const link of lost) {
    const account = byGuardian.get(link.guardianId);
    if (!account) continue;
    const root = rootOf(account);
    const others = [...(keeps.get(link.studentId) ?? [])].filter((guardianId) => {
      const other = byGuardian.get(guardianId);
      return guardianId !== link.guardianId && other !== undefined && rootOf(other) === root;
    });
    if (others.length === 0) continue;
    const pupil = studentById.get(link.studentId);
    const gone = guardianById.get(link.guardianId);
    const stays = guardianById.get(others[0]!);
    if (!pupil || !gone || !stays) continue;
    const goneName = personLabel(gone.lastName, gone.firstName);
    warnings.push(
      `Compte joint ${root.login} à revoir : ${goneName} n’est plus responsable de ${personLabel(pupil.lastName, pupil.firstName)}, mais ${personLabel(stays.lastName, stays.firstName)} l’est toujours et son compte est regroupé sur ce compte joint, qui garde donc l’enfant. Si ${goneName} ne doit plus le voir, séparez le regroupement (page du compte).`,
    );
  }
  return warnings;
}
