import type { FollowedAddress } from '../../../shared/api/staff';
import { hasAddress } from '../../../shared/domain/address';
import type { Database } from '../../db/database';
import { GuardianEntity, StudentGuardianEntity } from '../../db/entities';
import type { GuardianRow, StudentRow } from '../../db/entities/rows';
import { addressOf } from '../../db/rowHelpers';

/**
 * The guardian whose address a pupil lives at: légal 1 when SIECLE says the pupil shares it,
 * or, for a pupil with no address of their own, the first légal guardian who has one (the
 * letters fall back the same way). Null when the pupil's own address is the one to show.
 */
export async function followedAddressOf(
  db: Database,
  student: StudentRow,
): Promise<FollowedAddress | null> {
  if (!student.addressSameAsGuardian1 && hasAddress(addressOf(student))) return null;
  const rows = await db.manager
    .getRepository(StudentGuardianEntity)
    .createQueryBuilder('sg')
    .innerJoin(GuardianEntity.options.name, 'g', 'g.id = sg.guardianId')
    .select('g.id', 'id')
    .addSelect('sg.legalRank', 'legalRank')
    .where('sg.studentId = :studentId', { studentId: student.id })
    .getRawMany<{ id: number; legalRank: number | null }>();
  const ranked = rows.sort((a, b) => (a.legalRank ?? 9) - (b.legalRank ?? 9));
  const guardians = await db.manager
    .getRepository(GuardianEntity)
    .findBy(ranked.map((r) => ({ id: Number(r.id) })));
  const byId = new Map(guardians.map((g: GuardianRow) => [g.id, g]));
  for (const row of ranked) {
    const guardian = byId.get(Number(row.id));
    if (!guardian || !hasAddress(addressOf(guardian))) continue;
    return {
      guardianId: guardian.id,
      civility: guardian.civility,
      lastName: guardian.lastName,
      firstName: guardian.firstName,
      legalRank: row.legalRank === null ? null : (Number(row.legalRank) as 1 | 2),
      address: addressOf(guardian),
    };
  }
  return null;
}
