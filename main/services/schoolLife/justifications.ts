import { In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { JustifyAbsenceInput } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import type { JustificationDecideInput, OnlineJustification } from '../../../shared/api/staff';
import { schoolLifeVisibility } from '../../../shared/domain/publication/schoolLifePublication';
import { halfDaysOf } from '../../../shared/domain/vieScolaire/halfDays';
import type { Database } from '../../db/database';
import {
  AbsenceJustificationEntity,
  DivisionEntity,
  FamilyAccountEntity,
  MotifEntity,
  SchoolLifeEventEntity,
  StaffUserEntity,
  StudentEntity,
  type AbsenceJustificationRow,
} from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import type { FamilyActor } from '../portal/familyActor';
import { familyAudit } from '../portal/familyAudit';
import { requireChildOf } from '../portal/familyView';
import { studentName } from './eventView';
import { halfDaySettingsOf } from './settings';

/** The same words for « not there » and « not yours »: a refusal tells nothing of another child. */
const NO_SUCH_ABSENCE = 'Cette absence n’est pas (ou plus) visible : rechargez la page.';

const DECIDED_SHOWN = 200;

/**
 * Absences justified online (issue 17 §5): a responsable sends a motif the school opens to
 * families and a comment for an absence they can see and that is not justified yet; the CPE
 * accepts (the absence takes that motif and is marked justified) or refuses with a comment;
 * the family reads the outcome on its page. Every step is in the journal.
 */
export function createJustificationService({ db, clock }: { db: Database; clock: Clock }) {
  async function submit(
    actor: FamilyActor,
    input: z.output<typeof JustifyAbsenceInput>,
    today: string,
  ): Promise<null> {
    return db.transaction(async (m) => {
      await requireChildOf(m, actor.accountId, input.child);
      const student = await m.getRepository(StudentEntity).findOneBy({ id: input.child });
      if (!student) throw new ApiFailure('not_found', NO_SUCH_ABSENCE);
      const event = await m
        .getRepository(SchoolLifeEventEntity)
        .findOneBy({ id: input.event, studentId: student.id, schoolId: student.schoolId });
      const motifOfEvent =
        event?.motifId != null
          ? await m.getRepository(MotifEntity).findOneBy({ id: event.motifId })
          : null;
      // Only what the family sees today (the page's own rule), and only an absence.
      const visible =
        event?.kind === 'absence' &&
        schoolLifeVisibility(
          {
            kind: 'absence',
            startedAt: event.startsAt,
            publishableOnline: event.publishableOnline,
            familyNotified: event.familyNotifiedAt !== null,
            motifConfidential: motifOfEvent?.confidential ?? false,
          },
          'parent',
          today,
        ).visible;
      if (!event || !visible) throw new ApiFailure('not_found', NO_SUCH_ABSENCE);
      if (event.justified) {
        throw new ApiFailure('conflict', 'Cette absence est déjà justifiée.');
      }
      const waiting = await m
        .getRepository(AbsenceJustificationEntity)
        .findOneBy({ eventId: event.id, status: In(['pending', 'accepted']) });
      if (waiting) {
        throw new ApiFailure(
          'conflict',
          'Un justificatif a déjà été envoyé pour cette absence : attendez la réponse de la vie scolaire.',
        );
      }
      const motif = await m.getRepository(MotifEntity).findOneBy({
        id: input.motif,
        schoolId: event.schoolId,
        openToFamilies: true,
        active: true,
        confidential: false,
      });
      if (!motif) {
        const message = 'Motif : choisissez-en un dans la liste.';
        throw new ApiFailure('invalid_input', message, { motif: message });
      }
      const id = Number(
        (
          await m.getRepository(AbsenceJustificationEntity).insert({
            schoolId: event.schoolId,
            eventId: event.id,
            studentId: student.id,
            accountId: actor.accountId,
            motifId: motif.id,
            comment: input.comment,
            status: 'pending',
            submittedAt: clock.now().toISOString(),
            decidedAt: null,
            decidedBy: null,
            decisionComment: '',
          })
        ).identifiers[0]?.id,
      );
      // Numbers only: the comment may say why the child was away (health): not for the journal.
      await familyAudit(
        m,
        clock,
        { id: actor.accountId, schoolId: event.schoolId, login: actor.login },
        'schoolLife.justificationSent',
        { justificatif: id, évènement: event.id, motif: motif.id },
      );
      return null;
    });
  }

  async function views(
    m: EntityManager,
    schoolId: number,
    rows: readonly AbsenceJustificationRow[],
  ): Promise<OnlineJustification[]> {
    if (rows.length === 0) return [];
    const ids = (pick: (r: AbsenceJustificationRow) => number | null) => [
      ...new Set(rows.map(pick).filter((v): v is number => v !== null)),
    ];
    // One after another: inside a transaction, PostgreSQL has one connection to ask.
    const events = await m
      .getRepository(SchoolLifeEventEntity)
      .findBy({ schoolId, id: In(ids((r) => r.eventId)) });
    const students = await m
      .getRepository(StudentEntity)
      .findBy({ schoolId, id: In(ids((r) => r.studentId)) });
    const divisions = await m.getRepository(DivisionEntity).findBy({ schoolId });
    const motifs = await m.getRepository(MotifEntity).findBy({ schoolId });
    const accounts = await m
      .getRepository(FamilyAccountEntity)
      .findBy({ id: In(ids((r) => r.accountId)) });
    const staff = await m
      .getRepository(StaffUserEntity)
      .findBy({ id: In(ids((r) => r.decidedBy)) });
    const settings = await halfDaySettingsOf(m, schoolId);
    const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    const [eventOf, studentOf, motifOf, accountOf, staffOf] = [
      byId(events),
      byId(students),
      byId(motifs),
      byId(accounts),
      byId(staff),
    ];
    const divisionCode = new Map(divisions.map((d) => [d.id, d.code]));
    return rows.flatMap((r) => {
      const event = eventOf.get(r.eventId);
      const student = studentOf.get(r.studentId);
      if (!event || !student) return [];
      const motif = r.motifId === null ? undefined : motifOf.get(r.motifId);
      const account = r.accountId === null ? undefined : accountOf.get(r.accountId);
      const decider = r.decidedBy === null ? undefined : staffOf.get(r.decidedBy);
      return [
        {
          id: r.id,
          status: r.status,
          studentId: student.id,
          studentName: studentName(student),
          divisionCode:
            student.divisionId != null ? (divisionCode.get(student.divisionId) ?? '') : '',
          sentBy: account ? `${account.displayName} (${account.login})` : 'compte supprimé',
          event: {
            id: event.id,
            startsAt: event.startsAt,
            endsAt: event.endsAt,
            halfDays: halfDaysOf({ start: event.startsAt, end: event.endsAt }, settings).length,
          },
          motif: motif ? { id: motif.id, label: motif.label, legitimate: motif.legitimate } : null,
          comment: r.comment,
          submittedAt: r.submittedAt,
          decidedAt: r.decidedAt,
          decidedBy: decider?.displayName ?? '',
          decisionComment: r.decisionComment,
        },
      ];
    });
  }

  async function list(
    actor: StaffActor,
    status: 'pending' | 'decided',
  ): Promise<OnlineJustification[]> {
    const repo = db.manager.getRepository(AbsenceJustificationEntity);
    const rows =
      status === 'pending'
        ? await repo.find({
            where: { schoolId: actor.schoolId, status: 'pending' },
            order: { submittedAt: 'ASC', id: 'ASC' },
          })
        : await repo.find({
            where: { schoolId: actor.schoolId, status: In(['accepted', 'refused']) },
            order: { decidedAt: 'DESC', id: 'DESC' },
            take: DECIDED_SHOWN,
          });
    return views(db.manager, actor.schoolId, rows);
  }

  async function decide(
    actor: StaffActor,
    input: z.output<typeof JustificationDecideInput>,
  ): Promise<OnlineJustification> {
    return db.transaction(async (m) => {
      const repo = m.getRepository(AbsenceJustificationEntity);
      const row = await repo.findOneBy({ id: input.id, schoolId: actor.schoolId });
      if (!row) throw new ApiFailure('not_found', 'Justificatif introuvable.');
      if (row.status !== 'pending') {
        throw new ApiFailure('conflict', 'Ce justificatif a déjà été traité : rechargez la liste.');
      }
      const accept = input.decision === 'accept';
      if (accept) {
        const motif =
          row.motifId === null
            ? null
            : await m
                .getRepository(MotifEntity)
                .findOneBy({ id: row.motifId, schoolId: actor.schoolId, active: true });
        if (!motif) {
          throw new ApiFailure(
            'conflict',
            'Le motif choisi par la famille n’est plus utilisé : refusez le justificatif ou traitez l’absence dans la file.',
          );
        }
        // The version moves on: a CPE processing this absence from a stale screen is told to reload.
        await m
          .getRepository(SchoolLifeEventEntity)
          .createQueryBuilder()
          .update()
          // Processed too: a justified absence leaves the queue, and the L131-8 watch counts
          // only processed absences as excused.
          .set({
            motifId: motif.id,
            justified: true,
            processed: true,
            updatedAt: clock.now().toISOString(),
            version: () => 'version + 1',
          })
          .where('id = :id AND school_id = :schoolId', {
            id: row.eventId,
            schoolId: actor.schoolId,
          })
          .execute();
      }
      // The status in the WHERE clause: of two CPE deciding at once, exactly one wins.
      const result = await repo
        .createQueryBuilder()
        .update()
        .set({
          status: accept ? 'accepted' : 'refused',
          decidedAt: clock.now().toISOString(),
          decidedBy: actor.userId,
          decisionComment: input.comment,
        })
        .where('id = :id AND status = :pending', { id: row.id, pending: 'pending' })
        .execute();
      if (result.affected !== 1) {
        throw new ApiFailure('conflict', 'Ce justificatif a déjà été traité : rechargez la liste.');
      }
      const student = await m.getRepository(StudentEntity).findOneBy({ id: row.studentId });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: accept ? 'schoolLife.justificationAccepted' : 'schoolLife.justificationRefused',
        targetType: 'student',
        targetId: row.studentId,
        targetLabel: student ? `${student.lastName} ${student.firstName}` : '',
        details: { justificatif: row.id, évènement: row.eventId, motif: row.motifId },
      });
      const updated = await repo.findOneByOrFail({ id: row.id });
      return (await views(m, actor.schoolId, [updated]))[0]!;
    });
  }

  return { submit, list, decide };
}
