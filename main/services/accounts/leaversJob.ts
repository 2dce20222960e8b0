import type { Database } from '../../db/database';
import { SchoolEntity } from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import { syncAccounts } from './provisioning';

export const LEAVERS_JOB = 'accounts.leavers';

/**
 * « Part le 19/12 »: a pupil is there until that day and leaves on the day itself, without
 * a new import. Each day (and at start, catching up on the days the app was closed) the
 * accounts follow the same rule as an import's: the very sync an import runs, so that a
 * leaver's guardians lose that child the way they lose a child whose SIECLE link is gone.
 * One transaction per school; the journal says how many children left accounts, never who.
 */
export async function syncLeavers(db: Database, clock: Clock): Promise<number> {
  const schools = await db.manager.getRepository(SchoolEntity).find({ select: { id: true } });
  let removed = 0;
  for (const { id } of schools) {
    removed += await db.transaction(async (m) => {
      const counts = await syncAccounts(m, id, clock.now().toISOString());
      if (counts.childrenRemoved > 0 || counts.created > 0) {
        await writeAudit(m, clock, {
          schoolId: id,
          actor: null,
          action: LEAVERS_JOB,
          targetType: 'school',
          targetId: id,
          targetLabel: 'Comptes des familles',
          details: {
            'enfants retirés des comptes': counts.childrenRemoved,
            'comptes créés': counts.created,
          },
        });
      }
      return counts.childrenRemoved;
    });
  }
  return removed;
}
