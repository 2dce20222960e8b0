import { In } from 'typeorm';
import type { NotesView } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import type { Database } from '../../db/database';
import { StudentEntity } from '../../db/entities';
import { AccountStudentEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import { preparedReads } from '../../db/preparedReads';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { readFamilyNotes } from '../portal/readModels/notes';
import { FOREIGN_CHILD } from './accountQueries';
import { assertPreviewDayPast } from './previewDay';

const NOT_FOUND = 'Ce compte n’existe pas dans votre établissement.';
const FOREIGN =
  'Cet enfant est scolarisé dans un autre établissement : son aperçu ne vous est pas ouvert.';

/**
 * « Aperçu du portail », notes part: the family's notes page as it read it on `asOf`, from
 * the portal's own read model (a responsable's account seen as `staffPreview`, a pupil's as
 * the pupil); the read model leaves out what came after that day. Only this
 * school's children are previewed; another school's are named as such. Journaled.
 */
export function createNotesPreview(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  return async function previewNotes(
    actor: StaffActor,
    input: { id: number; asOf: string; child?: number | undefined; period?: number | undefined },
  ): Promise<NotesView> {
    assertPreviewDayPast(input.asOf, clock);
    const row = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ id: input.id, schoolId: actor.schoolId });
    if (!row) throw new ApiFailure('not_found', NOT_FOUND);
    const links = await db.manager
      .getRepository(AccountStudentEntity)
      .findBy({ accountId: row.id });
    const local = new Set(
      (
        await db.manager.getRepository(StudentEntity).findBy({
          id: In(links.map((l) => l.studentId)),
          schoolId: actor.schoolId,
        })
      ).map((s) => s.id),
    );
    if (input.child !== undefined && !local.has(input.child)) {
      throw new ApiFailure('forbidden', FOREIGN);
    }
    const read = (child: number | undefined) =>
      readFamilyNotes(preparedReads(db.dataSource), row.id, input.asOf, clock.now(), {
        child,
        period: input.period,
        preview: true,
      });
    let view = await read(input.child);
    if (!local.has(view.child.studentId)) {
      const first = view.children.find((c) => local.has(c.studentId));
      if (!first) throw new ApiFailure('forbidden', FOREIGN);
      view = await read(first.studentId);
    }
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'account.preview',
        targetType: 'family_account',
        targetId: row.id,
        targetLabel: row.login,
        details: { date: input.asOf, page: 'notes' },
      }),
    );
    return {
      ...view,
      children: view.children.map((c) =>
        local.has(c.studentId)
          ? c
          : { studentId: c.studentId, ...FOREIGN_CHILD, birthDate: null, divisionCode: null },
      ),
    };
  };
}
