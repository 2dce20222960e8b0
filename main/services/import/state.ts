import type { EntityManager } from 'typeorm';
import {
  DivisionEntity,
  GuardianEntity,
  NomenclatureLabelEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import type {
  DivisionRow,
  GuardianRow,
  NomenclatureLabelRow,
  SchoolRow,
  SchoolYearRow,
  StudentGuardianRow,
  StudentRow,
} from '../../db/entities/rows';

/** What the database holds for one school, as the import compares it with the files. */
export interface SchoolState {
  school: SchoolRow;
  year: SchoolYearRow | null;
  divisions: DivisionRow[];
  students: StudentRow[];
  guardians: GuardianRow[];
  links: StudentGuardianRow[];
  labels: NomenclatureLabelRow[];
}

export async function loadSchoolState(m: EntityManager, schoolId: number): Promise<SchoolState> {
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
  return {
    school,
    year,
    divisions: year ? await m.getRepository(DivisionEntity).findBy({ schoolYearId: year.id }) : [],
    students: await m.getRepository(StudentEntity).findBy({ schoolId }),
    guardians: await m.getRepository(GuardianEntity).findBy({ schoolId }),
    links: await m.getRepository(StudentGuardianEntity).findBy({ schoolId }),
    labels: await m.getRepository(NomenclatureLabelEntity).findBy({ schoolId }),
  };
}
