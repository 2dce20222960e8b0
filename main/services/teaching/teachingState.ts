import type { EntityManager } from 'typeorm';
import {
  DivisionEntity,
  MainTeacherEntity,
  SchoolEntity,
  SchoolYearEntity,
  StaffUserEntity,
  SubjectEntity,
  TeacherStsIdEntity,
  TeachingServiceEntity,
} from '../../db/entities';
import type { SchoolRow, StaffUserRow } from '../../db/entities/rows';
import type {
  MainTeacherRow,
  SubjectRow,
  TeacherStsIdRow,
  TeachingServiceRow,
} from '../../db/entities/teaching';

/** What the database holds about who teaches what in one school. */
export interface TeachingState {
  school: SchoolRow;
  subjects: SubjectRow[];
  users: StaffUserRow[];
  stsIds: TeacherStsIdRow[];
  services: TeachingServiceRow[];
  mainTeachers: MainTeacherRow[];
  /** Codes of the current year's divisions, as the SIECLE import made them. */
  divisionCodes: string[];
  /** The calendar year the current school year starts in (2026 for 2026-2027), as STS-Web's ANNEE_SCOLAIRE. */
  schoolYear: number | null;
}

export async function loadTeachingState(
  m: EntityManager,
  schoolId: number,
): Promise<TeachingState> {
  const where = { schoolId };
  // One after the other: inside a transaction the queries share one connection, and
  // PostgreSQL's client refuses a query sent while another runs on it.
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  const subjects = await m.getRepository(SubjectEntity).find({ where, order: { code: 'ASC' } });
  const users = await m.getRepository(StaffUserEntity).find({ where, order: { id: 'ASC' } });
  const stsIds = await m.getRepository(TeacherStsIdEntity).find({ where });
  const services = await m
    .getRepository(TeachingServiceEntity)
    .find({ where, order: { id: 'ASC' } });
  const mainTeachers = await m
    .getRepository(MainTeacherEntity)
    .find({ where, order: { id: 'ASC' } });
  const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
  const divisions = year
    ? await m.getRepository(DivisionEntity).find({ where: { schoolId, schoolYearId: year.id } })
    : [];
  return {
    school,
    subjects,
    users,
    stsIds,
    services,
    mainTeachers,
    divisionCodes: divisions.map((d) => d.code),
    schoolYear: year ? Number(year.startsOn.slice(0, 4)) : null,
  };
}

/** How a subject is named on screens: its edition label, else its long or short one. */
export function subjectLabel(subject: Pick<SubjectRow, 'code' | 'longLabel' | 'shortLabel'>) {
  return subject.longLabel || subject.shortLabel || subject.code;
}
