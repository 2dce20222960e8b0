import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { InfoSheetRequestView, InfoSheetReviewInput } from '../../../shared/api/staff';
import { ApiFailure } from '../../../shared/api/result';
import { fieldLabel, type InfoSheetRecordKind } from '../../../shared/domain/infoSheet/fields';
import type { InfoSheetValues } from '../../../shared/domain/infoSheet/validate';
import type { Database } from '../../db/database';
import { GuardianEntity, StudentEntity } from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import {
  InfoSheetChangeEntity,
  InfoSheetRequestEntity,
  type InfoSheetRequestRow,
} from '../../db/entities/infoSheets';
import type { Mailer } from '../../mail/types';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { applyAccepted } from './records';
import { holderMail, requestViews } from './views';

type ReviewInput = z.output<typeof InfoSheetReviewInput>;

/**
 * The secretariat's side of the fiche (issue 18 §2): the queue, oldest first, and the review
 * of one request, field by field. The version goes in the UPDATE's WHERE clause (TypeORM's
 * save() does not check a version column): of two people reviewing the same request at once,
 * exactly one succeeds and the other is told it was already handled. Accepted values reach
 * the school's record, and the e-mail to the account holder is queued, in the same
 * transaction.
 */
export function createInfoSheetReview({
  db,
  clock,
  mailer,
}: {
  db: Database;
  clock: Clock;
  mailer: Mailer;
}) {
  async function queue(actor: StaffActor, divisionId?: number): Promise<InfoSheetRequestView[]> {
    const qb = db.manager
      .getRepository(InfoSheetRequestEntity)
      .createQueryBuilder('r')
      .where('r.schoolId = :schoolId', { schoolId: actor.schoolId })
      .andWhere('r.status = :status', { status: 'pending' })
      .orderBy('r.submittedAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(500);
    if (divisionId !== undefined) {
      qb.innerJoin(StudentEntity.options.name, 's', 's.id = r.studentId').andWhere(
        's.divisionId = :divisionId',
        { divisionId },
      );
    }
    return requestViews(db.manager, actor.schoolId, await qb.getMany());
  }

  async function review(actor: StaffActor, input: ReviewInput): Promise<InfoSheetRequestView> {
    const view = await db.transaction(async (m) => {
      const repo = m.getRepository(InfoSheetRequestEntity);
      const nowIso = clock.now().toISOString();
      // The claim first: the check and the write are one statement.
      const claimed = await repo
        .createQueryBuilder()
        .update()
        .set({
          status: 'reviewed',
          openKey: null,
          reviewedBy: actor.userId,
          reviewedAt: nowIso,
          comment: input.comment,
          version: () => 'version + 1',
        })
        .where('id = :id AND school_id = :schoolId AND version = :version AND status = :pending', {
          id: input.id,
          schoolId: actor.schoolId,
          version: input.version,
          pending: 'pending',
        })
        .execute();
      const request = await repo.findOneBy({ id: input.id, schoolId: actor.schoolId });
      if (!request) throw new ApiFailure('not_found', 'Demande introuvable.');
      if (claimed.affected !== 1) throw notClaimed(request);
      const kind: InfoSheetRecordKind = request.guardianId === null ? 'student' : 'guardian';
      const decided = await decide(m, request, kind, input);
      await applyAccepted(
        m,
        actor.schoolId,
        { studentId: request.studentId, guardianId: request.guardianId },
        decided.accepted,
        nowIso,
      );
      await tellAccountHolder(m, mailer, request, kind, decided, input.comment);
      const student = await m.getRepository(StudentEntity).findOneBy({ id: request.studentId });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'infoSheet.review',
        targetType: 'student',
        targetId: request.studentId,
        targetLabel: student ? `${student.lastName} ${student.firstName}` : '',
        // Field names only: the family's values stay out of the journal.
        details: {
          demande: request.id,
          fiche: kind === 'student' ? 'élève' : 'responsable',
          acceptés: decided.acceptedLabels,
          refusés: decided.refused.map((r) => r.label),
        },
      });
      return (
        await requestViews(m, actor.schoolId, [await repo.findOneByOrFail({ id: request.id })])
      )[0]!;
    });
    mailer.kick();
    return view;
  }

  return { queue, review };
}

function notClaimed(request: InfoSheetRequestRow): ApiFailure {
  if (request.status !== 'pending') {
    return new ApiFailure(
      'conflict',
      request.status === 'reviewed'
        ? 'Cette demande a déjà été traitée par quelqu’un d’autre : rechargez la liste.'
        : 'La famille a retiré cette demande : rechargez la liste.',
    );
  }
  return new ApiFailure(
    'conflict',
    'La famille a modifié cette demande depuis que vous l’avez ouverte : rechargez-la avant de la traiter.',
  );
}

async function decide(
  m: EntityManager,
  request: InfoSheetRequestRow,
  kind: InfoSheetRecordKind,
  input: ReviewInput,
) {
  const repo = m.getRepository(InfoSheetChangeEntity);
  const changes = await repo.find({ where: { requestId: request.id }, order: { id: 'ASC' } });
  const known = new Set(changes.map((c) => c.id));
  const stray = input.decisions.find((d) => !known.has(d.changeId));
  if (stray)
    throw new ApiFailure('invalid_input', 'Ce changement ne fait pas partie de la demande.');
  const accepted: InfoSheetValues = {};
  const acceptedLabels: string[] = [];
  const refused: { label: string; comment: string }[] = [];
  const missing: Record<string, string> = {};
  for (const c of changes) {
    const d = input.decisions.find((x) => x.changeId === c.id);
    const decision = d?.decision ?? input.all;
    const label = fieldLabel(kind, c.field);
    if (!decision) {
      missing[c.field] = `${label} : acceptez ou refusez ce changement.`;
      continue;
    }
    await repo.update({ id: c.id }, { status: decision, comment: d?.comment ?? '' });
    if (decision === 'accepted') {
      accepted[c.field] = c.newValue;
      acceptedLabels.push(label);
    } else refused.push({ label, comment: d?.comment ?? '' });
  }
  if (Object.keys(missing).length > 0) {
    throw new ApiFailure('invalid_input', 'Chaque changement est à accepter ou refuser.', missing);
  }
  return { accepted, acceptedLabels, refused };
}

/** « Dans tous les cas, un mail de confirmation est envoyé au responsable titulaire du compte. » */
async function tellAccountHolder(
  m: EntityManager,
  mailer: Mailer,
  request: InfoSheetRequestRow,
  kind: InfoSheetRecordKind,
  decided: Awaited<ReturnType<typeof decide>>,
  comment: string,
) {
  const account =
    request.accountId === null
      ? null
      : await m.getRepository(FamilyAccountEntity).findOneBy({ id: request.accountId });
  if (!account || holderMail(account) !== 'email') return;
  const student = await m.getRepository(StudentEntity).findOneByOrFail({ id: request.studentId });
  // In a compte joint the holder may have changed the other guardian's record: name it.
  const other =
    kind === 'guardian' && request.guardianId !== account.guardianId && request.guardianId !== null
      ? await m.getRepository(GuardianEntity).findOneBy({ id: request.guardianId })
      : null;
  await mailer.enqueue(m, {
    schoolId: request.schoolId,
    to: account.email,
    template: 'info-sheet-reviewed',
    accountId: account.id,
    data: {
      record: kind,
      childFirstName: student.firstName,
      guardianName: other ? `${other.civility} ${other.firstName} ${other.lastName}`.trim() : '',
      accepted: decided.acceptedLabels,
      refused: decided.refused,
      comment,
    },
  });
}
