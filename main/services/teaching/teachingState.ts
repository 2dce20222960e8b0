import type { EntityManager } from 'typeorm';
import {
  MainTeacherEntity,
  SchoolEntity,
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
  return { school, subjects, users, stsIds, services, mainTeachers };
}

/** How a subject is named on screens: its edition label, else its long or short one. */
export function subjectLabel(subject: Pick<SubjectRow, 'code' | 'longLabel' | 'shortLabel'>) {
  return subject.longLabel || subject.shortLabel || subject.code;
}
