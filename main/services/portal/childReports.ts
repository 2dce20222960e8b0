import { IsNull } from 'typeorm';
import type { Database } from '../../db/database';
import { StudentEntity } from '../../db/entities';
import { ChildReportEntity } from '../../db/entities/portal';
import type { Clock } from '../clock';
import type { FamilyActor } from './familyActor';
import { familyAudit } from './familyAudit';
import { requireChildOf } from './familyView';

/**
 * « Cet enfant n'est pas le mien » (SPEC §4.3): the report waits in the school's queue; the
 * child stays on the account until the school has looked (a mistaken click takes nothing).
 */
export async function reportNotMyChild(
  db: Database,
  clock: Clock,
  actor: FamilyActor,
  input: { child: number; comment: string },
): Promise<null> {
  await db.transaction(async (m) => {
    await requireChildOf(m, actor.accountId, input.child);
    const repo = m.getRepository(ChildReportEntity);
    const waiting = await repo.findOneBy({
      accountId: actor.accountId,
      studentId: input.child,
      handledAt: IsNull(),
    });
    if (waiting) return;
    const child = await m.getRepository(StudentEntity).findOneByOrFail({ id: input.child });
    await repo.insert({
      schoolId: child.schoolId,
      accountId: actor.accountId,
      studentId: input.child,
      comment: input.comment,
      createdAt: clock.now().toISOString(),
      handledAt: null,
      handledBy: null,
    });
    await familyAudit(
      m,
      clock,
      { id: actor.accountId, schoolId: actor.schoolId, login: actor.login },
      'account.child_reported',
      // A name the school reads in the history, not the pupil's internal number.
      { élève: `${child.firstName} ${child.lastName.toUpperCase()}` },
    );
  });
  return null;
}
