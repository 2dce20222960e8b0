import { Not } from 'typeorm';
import { parisDay } from '../../../shared/domain/publication/parisDays';
import {
  SANCTIONS,
  sanctionErasure,
  type SanctionKind,
} from '../../../shared/domain/vieScolaire/sanctions';
import type { Database } from '../../db/database';
import { SchoolLifeEventEntity } from '../../db/entities';
import { ScheduledJobEntity } from '../../db/entities/accounts';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';

export const SANCTION_ERASURE_JOB = 'schoolLife.sanctionErasure';

/**
 * R511-13 IV (décret 2019-906): a sanction leaves the pupil's administrative record at the
 * end of its school year (avertissement), of the next (blâme, mesure de responsabilisation)
 * or of the second next (exclusions temporaires). The job looks at every sanction whose day
 * has come, so a run after weeks with the app closed erases all of them at once; each
 * erasure is audited with the kind and the days, never the pupil.
 */
export async function eraseDueSanctions(db: Database, clock: Clock): Promise<number> {
  const today = parisToday(clock);
  return db.transaction(async (m) => {
    const repo = m.getRepository(SchoolLifeEventEntity);
    const sanctions = await repo.findBy({
      kind: 'sanction',
      sanctionKind: Not('permanentExclusion'),
    });
    let erased = 0;
    for (const row of sanctions) {
      const kind = row.sanctionKind as SanctionKind | null;
      if (kind === null || !Object.hasOwn(SANCTIONS, kind)) continue;
      const pronouncedOn = parisDay(row.startsAt);
      const { erasedOn } = sanctionErasure(kind, pronouncedOn);
      if (erasedOn === null || today < erasedOn) continue;
      await repo.delete({ id: row.id });
      // The journal says that a sanction left the record and when, not whose: naming the
      // pupil there would keep what R511-13 IV erases.
      await writeAudit(m, clock, {
        schoolId: row.schoolId,
        actor: null,
        action: 'schoolLife.eraseSanction',
        targetType: 'school_life_event',
        targetId: row.id,
        targetLabel: SANCTIONS[kind].label,
        details: { prononcéeLe: pronouncedOn, effacéeLe: erasedOn },
      });
      erased += 1;
    }
    // When it last looked, for whoever checks that the job runs (as the accounts' expiry).
    const jobs = m.getRepository(ScheduledJobEntity);
    const job = await jobs.findOneBy({ name: SANCTION_ERASURE_JOB });
    const ran = { lastRunOn: today, lastRunAt: clock.now().toISOString() };
    if (job) await jobs.update(job.id, ran);
    else await jobs.insert({ name: SANCTION_ERASURE_JOB, ...ran });
    return erased;
  });
}
