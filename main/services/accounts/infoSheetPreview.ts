import { In } from 'typeorm';
import type { InfoSheetView } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import type { Database } from '../../db/database';
import { StudentEntity } from '../../db/entities';
import { AccountStudentEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { familyInfoSheet } from '../infoSheets/familySheet';

const NOT_FOUND = 'Ce compte n’existe pas dans votre établissement.';
const FOREIGN =
  'Cet enfant est scolarisé dans un autre établissement : son aperçu ne vous est pas ouvert.';
const PUPIL_ACCOUNT =
  'La fiche de renseignements est celle des responsables : un compte élève ne la voit pas.';

/**
 * « Aperçu du portail », fiche de renseignements part (issue 18): the fiche as this account
 * reads it now, from the portal's own read model (`familyInfoSheet`): its tabs, the school's
 * values, its own waiting changes, and the notice when another guardian's change blocks.
 * A read, nothing else: no staff call submits a fiche, and the portal's submission takes only
 * a family's session. Only this school's children; journaled like the other previews.
 */
export function createInfoSheetPreview(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  return async function previewInfoSheet(
    actor: StaffActor,
    input: { id: number; child?: number | undefined },
  ): Promise<InfoSheetView> {
    const row = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ id: input.id, schoolId: actor.schoolId });
    if (!row) throw new ApiFailure('not_found', NOT_FOUND);
    if (row.kind !== 'guardian') throw new ApiFailure('invalid_input', PUPIL_ACCOUNT);
    const links = await db.manager
      .getRepository(AccountStudentEntity)
      .find({ where: { accountId: row.id }, order: { studentId: 'ASC' } });
    const local = (
      await db.manager.getRepository(StudentEntity).find({
        where: { id: In(links.map((l) => l.studentId)), schoolId: actor.schoolId },
        order: { id: 'ASC' },
      })
    ).map((s) => s.id);
    const child = input.child ?? local[0];
    if (child === undefined || !local.includes(child)) throw new ApiFailure('forbidden', FOREIGN);
    const view = await familyInfoSheet(db, { accountId: row.id, schoolId: actor.schoolId }, child);
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'account.preview',
        targetType: 'family_account',
        targetId: row.id,
        targetLabel: row.login,
        details: { page: 'fiche' },
      }),
    );
    return view;
  };
}
