import type { DashboardSummary } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
} from '../../db/entities';
import type { StaffActor } from '../context';
import { IsNull } from 'typeorm';

export function createDashboardService({ db }: { db: Database }) {
  async function summary(actor: StaffActor): Promise<DashboardSummary> {
    const m = db.manager;
    const schoolId = actor.schoolId;
    const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
    const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
    const students = m.getRepository(StudentEntity);
    return {
      schoolName: school.name,
      schoolYear: year?.label ?? null,
      studentCount: await students.countBy({ schoolId, leftOn: IsNull() }),
      divisionCount: year
        ? await m.getRepository(DivisionEntity).countBy({ schoolYearId: year.id })
        : 0,
      guardianCount: await m.getRepository(GuardianEntity).countBy({ schoolId }),
      guardiansWithoutEmail: await m.getRepository(GuardianEntity).countBy({ schoolId, email: '' }),
      studentsWithoutDivision: await students.countBy({
        schoolId,
        leftOn: IsNull(),
        divisionId: IsNull(),
      }),
    };
  }
  return { summary };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
