import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type {
  AssessmentCreateInput,
  AssessmentSummary,
  AssessmentUpdateInput,
  TeachingServiceSummary,
} from '../../../shared/api/staff';
import { slashDate } from '../../../shared/domain/frenchDates';
import { formatPoints } from '../../../shared/domain/grades/marks';
import type { Database } from '../../db/database';
import { AssessmentEntity, MarkEntity, StaffUserEntity } from '../../db/entities';
import type { AssessmentRow } from '../../db/entities/assessments';
import type { PeriodRow } from '../../db/entities/rows';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import {
  assertMayEditMarks,
  isPublished,
  periodOfService,
  publicationSettings,
  visibleService,
} from './gradeAccess';

export const toAssessmentSummary = (row: AssessmentRow): AssessmentSummary => ({
  id: row.id,
  serviceId: row.teachingServiceId,
  periodId: row.periodId,
  label: row.label,
  day: row.day,
  scaleHundredths: row.scaleHundredths,
  coefficientHundredths: row.coefficientHundredths,
  optional: row.optional,
  publishesOn: row.publishesOn,
  version: row.version,
});

const PUBLISHED_DEVOIR =
  'Ce devoir est publié et ses notes sont visibles des familles\u00a0: il ne peut plus être supprimé. Effacez ou corrigez ses notes\u00a0; la famille verra «\u00a0modifiée le …\u00a0».';

/**
 * Whether a family reads a mark of this devoir once it is published: a value or a code, or
 * a cell cleared after publication (shown « — » with its day).
 */
async function familiesReadMarksOf(m: EntityManager, assessmentId: number): Promise<boolean> {
  const [row] = (await m
    .getRepository(MarkEntity)
    .createQueryBuilder('mark')
    .select('1', 'one')
    .where('mark.assessmentId = :assessmentId', { assessmentId })
    .andWhere(
      '(mark.points IS NOT NULL OR mark.special IS NOT NULL OR mark.modifiedAfterPublicationAt IS NOT NULL)',
    )
    .limit(1)
    .getRawMany()) as unknown[];
  return row !== undefined;
}

/** « 3A — Mathématiques — DS 1 », for the journal (no pupil in it). */
export const assessmentLabel = (service: TeachingServiceSummary, label: string) =>
  `${service.structureCode} — ${service.subject.label} — ${label}`;

/** An assessment of the school, with the service it belongs to if the actor may see it. */
export async function assessmentOf(m: EntityManager, actor: StaffActor, id: number) {
  const assessment = await m
    .getRepository(AssessmentEntity)
    .findOneBy({ id, schoolId: actor.schoolId });
  if (!assessment) throw new ApiFailure('not_found', 'Devoir introuvable (supprimé ?).');
  const service = await visibleService(m, actor, assessment.teachingServiceId);
  return { assessment, service };
}

function assertDayInPeriod(day: string, period: PeriodRow) {
  if (day < period.startsOn || day > period.endsOn) {
    const message = `Date du devoir : entre le ${slashDate(period.startsOn)} et le ${slashDate(period.endsOn)} (${period.label}).`;
    throw new ApiFailure('invalid_input', message, { day: message });
  }
}

/** Summary of what changed, for the journal: « avant → après » of the fields the families see. */
function changes(before: AssessmentRow, after: Omit<AssessmentRow, 'id'>) {
  const shown = (row: Omit<AssessmentRow, 'id'>) => ({
    intitulé: row.label,
    date: row.day,
    barème: formatPoints(row.scaleHundredths),
    coefficient: formatPoints(row.coefficientHundredths),
    facultatif: row.optional,
    publication: row.publishesOn,
    période: row.periodId,
  });
  const a = shown(before);
  const b = shown(after);
  return Object.fromEntries(
    (Object.keys(a) as (keyof typeof a)[])
      .filter((key) => a[key] !== b[key])
      .map((key) => [key, { avant: a[key], après: b[key] }]),
  );
}

/**
 * Devoirs of a teaching service (issue 16 §3): created, changed and deleted by the service's
 * teacher while the period's entry is open, or by direction (always, in the journal); a change
 * after the marks were published is in the journal too.
 */
export function createAssessmentService({ db, clock }: { db: Database; clock: Clock }) {
  async function create(
    actor: StaffActor,
    input: z.output<typeof AssessmentCreateInput>,
  ): Promise<AssessmentSummary> {
    return db.transaction(async (m) => {
      const service = await visibleService(m, actor, input.serviceId);
      const period = await periodOfService(m, actor.schoolId, service, input.periodId);
      const right = await assertMayEditMarks(m, clock, actor, service, period.id);
      assertDayInPeriod(input.day, period);
      const now = clock.now().toISOString();
      const values = {
        schoolId: actor.schoolId,
        teachingServiceId: service.id,
        periodId: period.id,
        label: input.label,
        day: input.day,
        scaleHundredths: input.scale,
        coefficientHundredths: input.coefficient,
        optional: input.optional,
        publishesOn: input.publishesOn,
        createdBy: actor.userId,
        createdAt: now,
        updatedBy: actor.userId,
        updatedAt: now,
        version: 1,
      };
      const repo = m.getRepository(AssessmentEntity);
      const { identifiers } = await repo.insert(values);
      const id = Number(identifiers[0]?.id);
      if (right.byDirection) {
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'assessment.create',
          targetType: 'assessment',
          targetId: id,
          targetLabel: assessmentLabel(service, input.label),
        });
      }
      return toAssessmentSummary(await repo.findOneByOrFail({ id }));
    });
  }

  async function update(
    actor: StaffActor,
    input: z.output<typeof AssessmentUpdateInput>,
  ): Promise<AssessmentSummary> {
    return db.transaction(async (m) => {
      const { assessment, service } = await assessmentOf(m, actor, input.id);
      const right = await assertMayEditMarks(m, clock, actor, service, assessment.periodId);
      const period = await periodOfService(m, actor.schoolId, service, input.periodId);
      if (period.id !== assessment.periodId) {
        await assertMayEditMarks(m, clock, actor, service, period.id);
      }
      assertDayInPeriod(input.day, period);
      const above = await m
        .getRepository(MarkEntity)
        .createQueryBuilder('k')
        .where('k.assessment_id = :id AND k.points > :scale', {
          id: assessment.id,
          scale: input.scale,
        })
        .getCount();
      if (above > 0) {
        const message = `Barème : ${above} note${above > 1 ? 's dépassent' : ' dépasse'} ${formatPoints(input.scale)} ; corrigez-les d’abord.`;
        throw new ApiFailure('invalid_input', message, { scale: message });
      }
      const now = clock.now().toISOString();
      const { id: _id, ...current } = assessment;
      const after = {
        ...current,
        periodId: period.id,
        label: input.label,
        day: input.day,
        scaleHundredths: input.scale,
        coefficientHundredths: input.coefficient,
        optional: input.optional,
        publishesOn: input.publishesOn,
        updatedBy: actor.userId,
        updatedAt: now,
        version: assessment.version + 1,
      };
      // Written only over the version the window saw: two windows on one devoir do not
      // silently undo each other.
      const written = await m
        .createQueryBuilder()
        .update(AssessmentEntity)
        .set(after)
        .where('id = :id AND version = :version', { id: assessment.id, version: input.version })
        .execute();
      if (written.affected !== 1) {
        const by = assessment.updatedBy
          ? await m.getRepository(StaffUserEntity).findOneBy({ id: assessment.updatedBy })
          : null;
        throw new ApiFailure(
          'conflict',
          `Devoir modifié entre-temps par ${by?.displayName ?? 'un autre utilisateur'} : rechargez-le avant de le changer.`,
        );
      }
      const settings = await publicationSettings(m, actor.schoolId);
      const published = isPublished(assessment, settings, clock.now());
      const details = changes(assessment, after);
      if ((right.byDirection || published) && Object.keys(details).length > 0) {
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'assessment.update',
          targetType: 'assessment',
          targetId: assessment.id,
          targetLabel: assessmentLabel(service, input.label),
          details: { ...details, ...(published ? { aprèsPublication: true } : {}) },
        });
      }
      return toAssessmentSummary(
        await m.getRepository(AssessmentEntity).findOneByOrFail({ id: assessment.id }),
      );
    });
  }

  async function remove(actor: StaffActor, id: number): Promise<null> {
    await db.transaction(async (m) => {
      const { assessment, service } = await assessmentOf(m, actor, id);
      const right = await assertMayEditMarks(m, clock, actor, service, assessment.periodId);
      const marks = m.getRepository(MarkEntity);
      const count = await marks.countBy({ assessmentId: assessment.id });
      const settings = await publicationSettings(m, actor.schoolId);
      const published = isPublished(assessment, settings, clock.now());
      // Families were told a published mark's changes (« modifiée le … »): a deletion would
      // make their marks vanish without a word, so a devoir they can read stays; its marks
      // are cleared or corrected instead, each change shown to them.
      if (published && (await familiesReadMarksOf(m, assessment.id))) {
        throw new ApiFailure('conflict', PUBLISHED_DEVOIR);
      }
      await marks.delete({ assessmentId: assessment.id });
      await m.getRepository(AssessmentEntity).delete(assessment.id);
      if (right.byDirection || (published && count > 0)) {
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'assessment.delete',
          targetType: 'assessment',
          targetId: assessment.id,
          targetLabel: assessmentLabel(service, assessment.label),
          details: { notes: count, ...(published ? { aprèsPublication: true } : {}) },
        });
      }
    });
    return null;
  }

  return { create, update, remove };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
