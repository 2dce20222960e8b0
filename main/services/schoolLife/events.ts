import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type {
  EventProcessInput,
  EventRecordInput,
  SchoolLifeEvent,
} from '../../../shared/api/staff';
import { SCHOOL_LIFE_EVENT_KINDS } from '../../../shared/domain/vieScolaire/eventKinds';
import {
  FAMILY_NOTICE_IN_FUTURE,
  familyNoticeInFuture,
} from '../../../shared/domain/vieScolaire/familyNotice';
import type { Database } from '../../db/database';
import { MotifEntity, SchoolLifeEventEntity, StudentEntity } from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { eventViews } from './eventView';

/** A motif of the school, still active unless the event already has it (kept as it was). */
async function assertMotif(
  m: EntityManager,
  schoolId: number,
  motifId: number | null,
  current: number | null = null,
) {
  if (motifId === null) return;
  const motif = await m.getRepository(MotifEntity).findOneBy({ id: motifId, schoolId });
  if (!motif)
    throw new ApiFailure('invalid_input', 'Motif inconnu.', { motifId: 'Motif inconnu.' });
  if (!motif.active && motifId !== current) {
    const message = `Le motif « ${motif.label} » n’est plus utilisé : choisissez-en un autre.`;
    throw new ApiFailure('invalid_input', message, { motifId: message });
  }
}

async function oneView(m: EntityManager, schoolId: number, id: number): Promise<SchoolLifeEvent> {
  const row = await m.getRepository(SchoolLifeEventEntity).findOneByOrFail({ id, schoolId });
  return (await eventViews(m, schoolId, [row]))[0]!;
}

/**
 * Events recorded one by one by the vie scolaire (issue 17 §2), the CPE's queue of events
 * not yet processed, and processing one with the version the CPE read: of two CPE processing
 * the same absence at once, exactly one wins and the other is told to reload.
 */
export function createSchoolLifeEventService({ db, clock }: { db: Database; clock: Clock }) {
  async function record(
    actor: StaffActor,
    input: z.output<typeof EventRecordInput>,
  ): Promise<SchoolLifeEvent> {
    return db.transaction(async (m) => {
      const student = await m
        .getRepository(StudentEntity)
        .findOneBy({ id: input.studentId, schoolId: actor.schoolId });
      if (!student) throw new ApiFailure('not_found', 'Élève introuvable.');
      await assertMotif(m, actor.schoolId, input.motifId);
      const id = Number(
        (
          await m.getRepository(SchoolLifeEventEntity).insert({
            schoolId: actor.schoolId,
            studentId: student.id,
            kind: input.kind,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            minutes: input.minutes,
            motifId: input.motifId,
            justified: input.justified,
            publishableOnline: input.publishableOnline,
            familyNotifiedAt: null,
            familyNotifiedBy: null,
            sanctionKind: input.sanctionKind,
            suspended: input.suspended,
            suspendedUntil: input.suspendedUntil,
            comment: input.comment,
            rollKey: null,
            recordedBy: actor.userId,
            recordedAt: clock.now().toISOString(),
            updatedAt: null,
            processed: false,
            version: 1,
          })
        ).identifiers[0]?.id,
      );
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'schoolLife.record',
        targetType: 'student',
        targetId: student.id,
        targetLabel: `${student.lastName} ${student.firstName}`,
        details: {
          évènement: id,
          type: SCHOOL_LIFE_EVENT_KINDS[input.kind].label,
          du: input.startsAt,
          au: input.endsAt,
        },
      });
      return oneView(m, actor.schoolId, id);
    });
  }

  async function queue(actor: StaffActor, divisionId?: number): Promise<SchoolLifeEvent[]> {
    const qb = db.manager
      .getRepository(SchoolLifeEventEntity)
      .createQueryBuilder('e')
      .where('e.schoolId = :schoolId', { schoolId: actor.schoolId })
      .andWhere('e.processed = :processed', { processed: false })
      .orderBy('e.startsAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(500);
    if (divisionId !== undefined) {
      qb.innerJoin(StudentEntity.options.name, 's', 's.id = e.studentId').andWhere(
        's.divisionId = :divisionId',
        {
          divisionId,
        },
      );
    }
    return eventViews(db.manager, actor.schoolId, await qb.getMany());
  }

  async function process(
    actor: StaffActor,
    input: z.output<typeof EventProcessInput>,
  ): Promise<SchoolLifeEvent> {
    return db.transaction(async (m) => {
      const repo = m.getRepository(SchoolLifeEventEntity);
      const event = await repo.findOneBy({ id: input.id, schoolId: actor.schoolId });
      if (!event) throw new ApiFailure('not_found', 'Évènement introuvable.');
      await assertMotif(m, actor.schoolId, input.motifId, event.motifId);
      // Checked here, not in the zod schema: the schema is pure, the app clock is the service's.
      if (
        input.familyNotifiedAt !== null &&
        familyNoticeInFuture(input.familyNotifiedAt, clock.now())
      ) {
        throw new ApiFailure('invalid_input', FAMILY_NOTICE_IN_FUTURE, {
          familyNotifiedAt: FAMILY_NOTICE_IN_FUTURE,
        });
      }
      // The version in the WHERE clause, not only read above: the check and the write are one.
      const result = await repo
        .createQueryBuilder()
        .update()
        .set({
          motifId: input.motifId,
          justified: input.justified,
          publishableOnline: input.publishableOnline,
          familyNotifiedAt: input.familyNotifiedAt,
          familyNotifiedBy: input.familyNotifiedBy,
          processed: true,
          updatedAt: clock.now().toISOString(),
          version: () => 'version + 1',
        })
        .where('id = :id AND school_id = :schoolId AND version = :version', {
          id: event.id,
          schoolId: actor.schoolId,
          version: input.version,
        })
        .execute();
      if (result.affected !== 1) {
        throw new ApiFailure(
          'conflict',
          'Cet évènement vient d’être modifié par quelqu’un d’autre : rechargez-le avant de le traiter.',
        );
      }
      const student = await m.getRepository(StudentEntity).findOneBy({ id: event.studentId });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'schoolLife.process',
        targetType: 'student',
        targetId: event.studentId,
        targetLabel: student ? `${student.lastName} ${student.firstName}` : '',
        details: {
          évènement: event.id,
          motif: input.motifId,
          justifiée: input.justified,
          publiable: input.publishableOnline,
          familleAvisée: input.familyNotifiedBy,
        },
      });
      return oneView(m, actor.schoolId, event.id);
    });
  }

  return { record, queue, process };
}
