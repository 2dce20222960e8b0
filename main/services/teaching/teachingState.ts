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
}

export async function loadTeachingState(
  m: EntityManager,
  schoolId: number,
): Promise<TeachingState> {
  const where = { schoolId };
  const [school, subjects, users, stsIds, services, mainTeachers] = await Promise.all([
    m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId }),
    m.getRepository(SubjectEntity).find({ where, order: { code: 'ASC' } }),
    m.getRepository(StaffUserEntity).find({ where, order: { id: 'ASC' } }),
    m.getRepository(TeacherStsIdEntity).find({ where }),
    m.getRepository(TeachingServiceEntity).find({ where, order: { id: 'ASC' } }),
    m.getRepository(MainTeacherEntity).find({ where, order: { id: 'ASC' } }),
  ]);
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
  };
}

/** How a subject is named on screens: its edition label, else its long or short one. */
export function subjectLabel(subject: Pick<SubjectRow, 'code' | 'longLabel' | 'shortLabel'>) {
  return subject.longLabel || subject.shortLabel || subject.code;
}
