import { In } from 'typeorm';
import type { z } from 'zod';
import type { FamilySchoolLifeView } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import type { SchoolLifePreviewInput } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { FamilyAccountEntity, StudentEntity } from '../../db/entities';
import { preparedReads } from '../../db/preparedReads';
import { FOREIGN_CHILD } from '../accounts/accountQueries';
import { assertPreviewDayPast } from '../accounts/previewDay';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { accountChildren } from '../portal/familyView';
import { readFamilySchoolLife } from '../portal/readModels/schoolLife';

/**
 * The staff « Aperçu du portail » of the « Vie scolaire » page: the portal's own read model
 * as of the chosen day, so that what the school previews is what the family read that day.
 * Read-only (no justification form), this school's children only, each opening journaled.
 */
export function createSchoolLifePreview({ db, clock }: { db: Database; clock: Clock }) {
  return async function preview(
    actor: StaffActor,
    input: z.output<typeof SchoolLifePreviewInput>,
  ): Promise<FamilySchoolLifeView> {
    assertPreviewDayPast(input.asOf, clock);
    const account = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ id: input.id, schoolId: actor.schoolId });
    if (!account)
      throw new ApiFailure('not_found', 'Ce compte n’existe pas dans votre établissement.');
    const children = await accountChildren(db.manager, account.id);
    const local = new Set(
      (
        await db.manager.getRepository(StudentEntity).findBy({
          id: In(children.map((c) => c.studentId)),
          schoolId: actor.schoolId,
        })
      ).map((s) => s.id),
    );
    const childId = input.child ?? children.find((c) => local.has(c.studentId))?.studentId;
    if (childId === undefined || !local.has(childId)) {
      throw new ApiFailure(
        'forbidden',
        'Cet enfant est scolarisé dans un autre établissement : son aperçu ne vous est pas ouvert.',
      );
    }
    const view = await readFamilySchoolLife(preparedReads(db.manager.dataSource), {
      accountId: account.id,
      childId,
      month: input.month,
      asOf: input.asOf,
      viewer: 'staffPreview',
      mayJustify: false,
    });
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'account.preview',
        targetType: 'family_account',
        targetId: account.id,
        targetLabel: account.login,
        details: { date: input.asOf, page: 'Vie scolaire' },
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
