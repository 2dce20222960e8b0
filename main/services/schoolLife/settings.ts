import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { SchoolLifeSettings, SchoolLifeSettingsInput } from '../../../shared/api/staff';
import {
  DEFAULT_HALF_DAY_SETTINGS,
  type HalfDaySettings,
} from '../../../shared/domain/vieScolaire/halfDays';
import type { Database } from '../../db/database';
import { SchoolLifeSettingEntity } from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

/** The school's half-day settings; a school that never set them has the defaults (12:00). */
export async function readSchoolLifeSettings(
  m: EntityManager,
  schoolId: number,
): Promise<SchoolLifeSettings> {
  const row = await m.getRepository(SchoolLifeSettingEntity).findOneBy({ schoolId });
  if (!row) return { middayBoundary: DEFAULT_HALF_DAY_SETTINGS.middayBoundary, closedPeriods: [] };
  return {
    middayBoundary: row.middayBoundary,
    closedPeriods: JSON.parse(row.closedPeriods) as SchoolLifeSettings['closedPeriods'],
  };
}

/** As halfDays.ts takes them: the school's boundary and holidays, the weekly closures kept. */
export async function halfDaySettingsOf(
  m: EntityManager,
  schoolId: number,
): Promise<HalfDaySettings> {
  return { ...DEFAULT_HALF_DAY_SETTINGS, ...(await readSchoolLifeSettings(m, schoolId)) };
}

export function createSchoolLifeSettingsService({ db, clock }: { db: Database; clock: Clock }) {
  return {
    get: (actor: StaffActor) => readSchoolLifeSettings(db.manager, actor.schoolId),
    async update(
      actor: StaffActor,
      input: z.output<typeof SchoolLifeSettingsInput>,
    ): Promise<SchoolLifeSettings> {
      return db.transaction(async (m) => {
        const before = await readSchoolLifeSettings(m, actor.schoolId);
        const repo = m.getRepository(SchoolLifeSettingEntity);
        const row = {
          middayBoundary: input.middayBoundary,
          closedPeriods: JSON.stringify(input.closedPeriods),
        };
        const existing = await repo.findOneBy({ schoolId: actor.schoolId });
        if (existing) await repo.update({ id: existing.id }, row);
        else await repo.insert({ schoolId: actor.schoolId, ...row });
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'schoolLife.settings',
          targetType: 'school',
          targetId: actor.schoolId,
          targetLabel: 'Demi-journées',
          details: { avant: before, après: input },
        });
        return readSchoolLifeSettings(m, actor.schoolId);
      });
    },
  };
}
