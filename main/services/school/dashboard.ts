import type { DashboardSummary } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
} from '../../db/entities';
import { PRESENT_SQL } from '../../../shared/domain/leaving';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

export function createDashboardService({ db, clock }: { db: Database; clock: Clock }) {
  async function summary(actor: StaffActor): Promise<DashboardSummary> {
    const m = db.manager;
    const schoolId = actor.schoolId;
    const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
    const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
    // A pupil leaving on a later day is counted until that day (shared/domain/leaving.ts).
    const present = () =>
      m
        .getRepository(StudentEntity)
        .createQueryBuilder('s')
        .where('s.schoolId = :schoolId', { schoolId })
        .andWhere(PRESENT_SQL('s'), { today: parisToday(clock) });
    return {
      schoolName: school.name,
      schoolYear: year?.label ?? null,
      studentCount: await present().getCount(),
      divisionCount: year
        ? await m.getRepository(DivisionEntity).countBy({ schoolYearId: year.id })
        : 0,
      guardianCount: await m.getRepository(GuardianEntity).countBy({ schoolId }),
      guardiansWithoutEmail: await m.getRepository(GuardianEntity).countBy({ schoolId, email: '' }),
      studentsWithoutDivision: await present().andWhere('s.divisionId IS NULL').getCount(),
    };
  }
  return { summary };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
