import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { InfoSheetSubmitInput, InfoSheetSubmitted } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import { fieldLabel, type InfoSheetField } from '../../../shared/domain/infoSheet/fields';
import { validateInfoSheet } from '../../../shared/domain/infoSheet/validate';
import type { Database } from '../../db/database';
import { SchoolEntity } from '../../db/entities';
import {
  InfoSheetChangeEntity,
  InfoSheetRequestEntity,
  type InfoSheetRequestRow,
} from '../../db/entities/infoSheets';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { FamilyActor } from '../portal/familyActor';
import { familyAudit } from '../portal/familyAudit';
import { codeLists, currentValues, type RecordRef } from './records';
import { requireRecordOf } from './scope';
import { isUniqueViolation } from './uniqueViolation';

export const openKeyOf = (ref: RecordRef) =>
  ref.guardianId === null ? `student:${ref.studentId}` : `guardian:${ref.guardianId}`;

export const WAITING_FROM_OTHER = {
  student:
    'Une modification de la fiche de l’élève, envoyée par l’autre responsable, attend d’être traitée par l’établissement : vous pourrez proposer les vôtres une fois celle-ci traitée.',
  guardian:
    'Une modification de cette fiche, envoyée depuis un autre compte, attend d’être traitée par l’établissement : vous pourrez proposer les vôtres une fois celle-ci traitée.',
};

/**
 * A family's changes to one record of the fiche (SPEC §7, seed 003 §3.3): checked field by
 * field, compared with the school's record, then waiting for review. A second submission by
 * the same account while the first waits is folded into it (« seule la dernière modification
 * est conservée »); a submission that changes nothing closes the request; while a request
 * from another account waits on the record, nothing is taken (« pas simultanément »).
 */
export const ALREADY_HANDLED =
  'Votre demande vient d’être traitée par l’établissement : rechargez la page pour voir sa réponse avant de proposer d’autres modifications.';

export function createInfoSheetSubmission({
  db,
  clock,
  afterRead,
}: {
  db: Database;
  clock: Clock;
  /** Tests only: runs between reading the waiting request and claiming it. */
  afterRead?: (m: EntityManager) => Promise<void>;
}) {
  async function submit(
    actor: FamilyActor,
    input: z.output<typeof InfoSheetSubmitInput>,
  ): Promise<InfoSheetSubmitted> {
    try {
      return await submitOnce(actor, input);
    } catch (error) {
      // The other guardian's request was opened a moment ago, from another workstation.
      if (isUniqueViolation(error)) {
        throw new ApiFailure(
          'conflict',
          WAITING_FROM_OTHER[input.guardian === undefined ? 'student' : 'guardian'],
        );
      }
      throw error;
    }
  }

  async function submitOnce(
    actor: FamilyActor,
    input: z.output<typeof InfoSheetSubmitInput>,
  ): Promise<InfoSheetSubmitted> {
    return db.transaction(async (m) => {
      const ref: RecordRef = { studentId: input.child, guardianId: input.guardian ?? null };
      await requireRecordOf(m, actor.accountId, ref.studentId, ref.guardianId);
      const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: actor.schoolId });
      if (!school.openedServices.split(',').includes('fiche_renseignements')) {
        throw new ApiFailure(
          'forbidden',
          'La fiche de renseignements n’est pas ouverte par l’établissement.',
        );
      }
      const current = await currentValues(m, actor.schoolId, ref);
      if (!current) throw new ApiFailure('not_found', 'Fiche introuvable.');
      const kind = ref.guardianId === null ? 'student' : 'guardian';
      const lists = await codeLists(m, actor.schoolId);
      const ctx = { today: parisToday(clock), ...lists, current };
      const checked = validateInfoSheet(kind, input.values, ctx);
      if (Object.keys(checked.errors).length > 0) {
        throw new ApiFailure('invalid_input', 'Vérifiez les champs signalés.', checked.errors);
      }
      // The record's values as the form would write them: « 0611112222 » is « 06 11 11 22 22 ».
      const asTyped = validateInfoSheet(kind, current, { ...ctx, current: {} }).values;
      const unchanged = (f: InfoSheetField) =>
        checked.values[f] === (asTyped[f] ?? current[f] ?? '');

      const requests = m.getRepository(InfoSheetRequestEntity);
      const pending = await requests.findOneBy({ openKey: openKeyOf(ref) });
      if (pending && pending.accountId !== actor.accountId) {
        throw new ApiFailure('conflict', WAITING_FROM_OTHER[kind]);
      }
      await afterRead?.(m);
      // The family's edit moves the version, claimed before anything else is written: a staff
      // review committed since the read (another workstation) makes this claim fail instead of
      // being undone, and a review started after it is refused by its own version check.
      if (pending && !(await claim(m, pending))) {
        throw new ApiFailure('conflict', ALREADY_HANDLED);
      }
      // The lien de parenté is per child: a waiting request from another child's fiche
      // would write it onto that other child.
      if (pending && pending.studentId !== ref.studentId && 'relationship' in checked.values) {
        if (!unchanged('relationship')) {
          const message =
            'Lien avec l’élève : une demande envoyée depuis la fiche d’un autre de vos enfants attend ; vous pourrez changer ce lien une fois celle-ci traitée.';
          throw new ApiFailure('invalid_input', message, { relationship: message });
        }
        delete checked.values.relationship;
      }
      const submitted = Object.keys(checked.values) as InfoSheetField[];
      // Nothing differs and nothing waits: no request at all, nothing in the journal.
      if (!pending && submitted.every(unchanged)) return { status: 'closed', changes: [] };
      const nowIso = clock.now().toISOString();
      const request = pending ?? (await openRequest(m, actor, ref, nowIso));
      const changes = m.getRepository(InfoSheetChangeEntity);
      for (const f of submitted) {
        const existing = await changes.findOneBy({ requestId: request.id, field: f });
        if (unchanged(f)) {
          if (existing) await changes.delete({ id: existing.id });
        } else if (existing) {
          await changes.update({ id: existing.id }, { newValue: checked.values[f]! });
        } else {
          await changes.insert({
            requestId: request.id,
            field: f,
            oldValue: current[f] ?? '',
            newValue: checked.values[f]!,
            status: 'pending',
            comment: '',
            exportId: null,
          });
        }
      }
      const left = await changes.find({ where: { requestId: request.id }, order: { id: 'ASC' } });
      const status = left.length === 0 ? 'closed' : 'pending';
      // A new request starts at version 1; a waiting one was claimed (version + 1) above.
      await requests.update(
        { id: request.id },
        { status, openKey: status === 'pending' ? openKeyOf(ref) : null, updatedAt: nowIso },
      );
      await familyAudit(
        m,
        clock,
        { id: actor.accountId, schoolId: actor.schoolId, login: actor.login },
        status === 'pending' ? 'infoSheet.submit' : 'infoSheet.withdraw',
        // Field names only: the values are the family's, not the journal's.
        {
          fiche: kind === 'student' ? 'élève' : 'responsable',
          champs: left.map((c) => fieldLabel(kind, c.field)),
        },
      );
      return {
        status,
        changes: left.map((c) => ({
          field: c.field,
          label: fieldLabel(kind, c.field),
          oldValue: c.oldValue,
          newValue: c.newValue,
        })),
      };
    });
  }

  return submit;
}

/** Moves a waiting request's version if, and only if, nobody has moved it since it was read. */
async function claim(m: EntityManager, read: InfoSheetRequestRow): Promise<boolean> {
  const claimed = await m
    .getRepository(InfoSheetRequestEntity)
    .createQueryBuilder()
    .update()
    .set({ version: () => 'version + 1' })
    .where('id = :id AND version = :version AND status = :pending', {
      id: read.id,
      version: read.version,
      pending: 'pending',
    })
    .execute();
  return claimed.affected === 1;
}

async function openRequest(
  m: EntityManager,
  actor: FamilyActor,
  ref: RecordRef,
  nowIso: string,
): Promise<InfoSheetRequestRow> {
  const row: Omit<InfoSheetRequestRow, 'id'> = {
    schoolId: actor.schoolId,
    studentId: ref.studentId,
    guardianId: ref.guardianId,
    accountId: actor.accountId,
    status: 'pending',
    openKey: openKeyOf(ref),
    version: 1,
    submittedAt: nowIso,
    updatedAt: nowIso,
    reviewedBy: null,
    reviewedAt: null,
    comment: '',
  };
  const id = Number((await m.getRepository(InfoSheetRequestEntity).insert(row)).identifiers[0]!.id);
  return { id, ...row };
}
