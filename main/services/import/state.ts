import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  DivisionEntity,
  GuardianEntity,
  NomenclatureLabelEntity,
  SchoolEntity,
  SchoolYearEntity,
  SiecleExportMarkEntity,
  StudentEntity,
  StudentGuardianEntity,
  GroupMembershipEntity,
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
import type { SiecleExportMarkRow } from '../../db/entities/importMarks';
import type { GroupMembershipRow } from '../../db/entities/groupMemberships';

/** What the database holds for one school, as the import compares it with the files. */
export interface SchoolState {
  school: SchoolRow;
  year: SchoolYearRow | null;
  divisions: DivisionRow[];
  students: StudentRow[];
  guardians: GuardianRow[];
  links: StudentGuardianRow[];
  labels: NomenclatureLabelRow[];
  /** The pupils' SIECLE groups (issue 16 §1). */
  memberships: GroupMembershipRow[];
  /** The last export applied, per kind of file. */
  exportMarks: SiecleExportMarkRow[];
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
    memberships: await m.getRepository(GroupMembershipEntity).findBy({ schoolId }),
    exportMarks: await m.getRepository(SiecleExportMarkEntity).findBy({ schoolId }),
  };
}

/**
 * A digest of everything the plan reads of the database: the same stamp means the same
 * state, so a plan made on it still holds. Hashed row by row, not as one large string.
 */
export function stateStamp(state: SchoolState): string {
  const hash = createHash('sha256');
  for (const [part, value] of Object.entries(state)) {
    hash.update(`${part}\n`);
    if (Array.isArray(value)) for (const row of value) hash.update(`${JSON.stringify(row)}\n`);
    else hash.update(`${JSON.stringify(value)}\n`);
  }
  return hash.digest('hex');
}
