import type { EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import type { GradeCell, TeachingServiceSummary } from '../../../shared/api/staff';
import {
  formatPoints,
  SPECIAL_MARKS,
  type MarkValue,
  type SpecialMark,
} from '../../../shared/domain/grades/marks';
import {
  DivisionEntity,
  MarkEntity,
  SchoolYearEntity,
  StaffUserEntity,
  StudentEntity,
} from '../../db/entities';
import type { MarkRow } from '../../db/entities/assessments';
import { whereInGroup } from '../pupils/groupFilter';

export interface ServicePupil {
  id: number;
  lastName: string;
  firstName: string;
  divisionCode: string;
}

/** « DUPONT Marie », as refusals name a pupil. */
export const pupilName = (p: Pick<ServicePupil, 'lastName' | 'firstName'>) =>
  `${p.lastName.toUpperCase()} ${p.firstName}`;

/**
 * The pupils of a teaching service: the division's, or the SIECLE group's members (issue 16:
 * groups are real memberships), still at school; and any pupil who already has a mark in
 * `assessmentIds` (a pupil who left keeps their marks, which direction may still correct).
 */
export async function servicePupils(
  m: EntityManager,
  schoolId: number,
  service: TeachingServiceSummary,
  assessmentIds: readonly number[],
): Promise<ServicePupil[]> {
  const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
  const students = m.getRepository(StudentEntity);
  let members: { id: number; lastName: string; firstName: string; divisionId: number | null }[];
  if (service.structureKind === 'division') {
    // The service's division only: a saved cell must not read the school's divisions.
    const ids = year
      ? (
          await m
            .getRepository(DivisionEntity)
            .findBy({ schoolId, schoolYearId: year.id, code: service.structureCode })
        ).map((d) => d.id)
      : [];
    members =
      ids.length === 0
        ? []
        : await students.find({ where: { schoolId, divisionId: In(ids), leftOn: IsNull() } });
  } else {
    const qb = students
      .createQueryBuilder('s')
      .where('s.school_id = :schoolId', { schoolId })
      .andWhere('s.left_on IS NULL');
    members = await whereInGroup(qb, service.structureCode).getMany();
  }
  const known = new Set(members.map((s) => s.id));
  const marked =
    assessmentIds.length === 0
      ? []
      : await m
          .getRepository(MarkEntity)
          .findBy({ schoolId, assessmentId: In([...assessmentIds]) });
  const missing = [...new Set(marked.map((row) => row.studentId))].filter((id) => !known.has(id));
  if (missing.length > 0) {
    members.push(...(await students.findBy({ schoolId, id: In(missing) })));
  }
  const divisionIds = [
    ...new Set(members.flatMap((s) => (s.divisionId === null ? [] : [s.divisionId]))),
  ];
  const codeOf = new Map(
    (divisionIds.length === 0
      ? []
      : await m.getRepository(DivisionEntity).findBy({ schoolId, id: In(divisionIds) })
    ).map((d) => [d.id, d.code]),
  );
  return members
    .map((s) => ({
      id: s.id,
      lastName: s.lastName,
      firstName: s.firstName,
      divisionCode: s.divisionId === null ? '' : (codeOf.get(s.divisionId) ?? ''),
    }))
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'fr') ||
        a.firstName.localeCompare(b.firstName, 'fr') ||
        a.id - b.id,
    );
}

export function markValueOf(row: Pick<MarkRow, 'points' | 'special'> | null): MarkValue | null {
  if (!row) return null;
  if (row.points !== null) return { kind: 'points', points: row.points };
  if (row.special !== null && Object.hasOwn(SPECIAL_MARKS, row.special)) {
    return { kind: row.special as SpecialMark };
  }
  return null;
}

/** The mark as a teacher would type it back: « 12,5 », « Abs », « ». */
export function markText(value: MarkValue | null): string {
  if (value === null) return '';
  return value.kind === 'points' ? formatPoints(value.points) : SPECIAL_MARKS[value.kind].label;
}

export function toCell(
  studentId: number,
  row: MarkRow | null,
  names: ReadonlyMap<number, string>,
): GradeCell {
  const value = markValueOf(row);
  return {
    studentId,
    value,
    text: markText(value),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy == null ? null : (names.get(row.updatedBy) ?? null),
    modifiedAfterPublicationAt: row?.modifiedAfterPublicationAt ?? null,
  };
}

/** Display names of the staff who last changed `rows`. */
export async function editorNames(
  m: EntityManager,
  rows: readonly Pick<MarkRow, 'updatedBy'>[],
): Promise<Map<number, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.updatedBy === null ? [] : [r.updatedBy])))];
  if (ids.length === 0) return new Map();
  const users = await m.getRepository(StaffUserEntity).findBy({ id: In(ids) });
  return new Map(users.map((u) => [u.id, u.displayName]));
}
