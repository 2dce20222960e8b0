import type { z } from 'zod';
import type { GradePublicationInput } from '../../../shared/api/staff';
import type { SchoolGradePublication } from '../../../shared/domain/gradePublication';
import type { GradePublicationMode } from '../../../shared/domain/school';
import type { Database } from '../../db/database';
import { SchoolEntity } from '../../db/entities';
import type { SchoolRow } from '../../db/entities/rows';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

const toSettings = (row: SchoolRow): SchoolGradePublication => ({
  mode: row.gradePublicationMode === 'scheduled' ? 'scheduled' : 'continuous',
  studentDelayDays: row.studentDelayDays,
  parentDelayDays: row.parentDelayDays,
});

/** The school's « Publication des notes »: the mode and the student-before-parent delays. */
export function createPublicationService({ db, clock }: { db: Database; clock: Clock }) {
  async function get(actor: StaffActor): Promise<SchoolGradePublication> {
    return toSettings(
      await db.manager.getRepository(SchoolEntity).findOneByOrFail({ id: actor.schoolId }),
    );
  }

  async function update(
    actor: StaffActor,
    input: z.output<typeof GradePublicationInput>,
  ): Promise<SchoolGradePublication> {
    return db.transaction(async (m) => {
      const schools = m.getRepository(SchoolEntity);
      const row = await schools.findOneByOrFail({ id: actor.schoolId });
      const before = toSettings(row);
      await schools.update(actor.schoolId, {
        gradePublicationMode: input.mode satisfies GradePublicationMode,
        studentDelayDays: input.studentDelayDays,
        parentDelayDays: input.parentDelayDays,
      });
      const after: SchoolGradePublication = { ...input };
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof SchoolGradePublication)[])
          .filter((key) => before[key] !== after[key])
          .map((key) => [key, { avant: before[key], après: after[key] }]),
      );
      if (Object.keys(changes).length > 0) {
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'publication.update',
          targetType: 'school',
          targetId: actor.schoolId,
          targetLabel: row.name,
          details: changes,
        });
      }
      return after;
    });
  }

  return { get, update };
}

export type PublicationService = ReturnType<typeof createPublicationService>;
