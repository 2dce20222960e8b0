import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { GroupMembershipEntity } from '../../db/entities';

/** Group codes in the order a school reads them: 4LAT2 before 4LAT10. */
export const byGroupCode = (a: string, b: string) => a.localeCompare(b, 'fr', { numeric: true });

/**
 * Keeps the pupils (alias `s`) of a SIECLE group, read from group_membership (issue 16 §1):
 * a code matches whole (4LAT1 is not 4LAT10) and a `%` or `_` in it is a character.
 */
export function whereInGroup<T extends object>(qb: SelectQueryBuilder<T>, group: string) {
  return qb.andWhere(
    `EXISTS (SELECT 1 FROM group_membership gm WHERE gm.student_id = s.id AND gm.group_code = :groupCode)`,
    { groupCode: group },
  );
}

/**
 * The groups of the pupils `students` (alias `s`, already filtered) holds, with how many
 * pupils each has.
 */
export async function countGroups<T extends object>(
  students: SelectQueryBuilder<T>,
): Promise<{ code: string; studentCount: number }[]> {
  const rows = await students
    .innerJoin(GroupMembershipEntity.options.name, 'gm', 'gm.studentId = s.id')
    .select('gm.groupCode', 'code')
    .addSelect('COUNT(*)', 'studentCount')
    .groupBy('gm.groupCode')
    .getRawMany<{ code: string; studentCount: number | string }>();
  return rows
    .map((r) => ({ code: r.code, studentCount: Number(r.studentCount) }))
    .sort((a, b) => byGroupCode(a.code, b.code));
}

/** One pupil's groups, in the order SIECLE gave them (the import writes them in that order). */
export async function groupsOf(m: EntityManager, studentId: number): Promise<string[]> {
  const rows = await m
    .getRepository(GroupMembershipEntity)
    .find({ where: { studentId }, order: { id: 'ASC' } });
  return rows.map((r) => r.groupCode);
}
