import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { FamilyNoticeMeans, NoticeSent, SchoolLifeEvent } from '../../../shared/api/staff';
import { singleAddressProblem } from '../../../shared/domain/emailAddress';
import type { AbsenceNoticeFacts } from '../../../shared/domain/vieScolaire/absenceNotice';
import { eventSpanWords } from '../../../shared/domain/vieScolaire/eventSpan';
import { parisClockWords } from '../../../shared/domain/publication/parisDays';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  MotifEntity,
  SchoolEntity,
  SchoolLifeEventEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import type { GuardianRow } from '../../db/entities/rows';
import { addressOf } from '../../db/rowHelpers';
import type { Mailer } from '../../mail/types';
import { renderAbsenceNotices } from '../../pdf/absenceNotice';
import type { LetterFonts } from '../../pdf/fonts';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { civilityWord } from '../mail/recipientGreeting';
import { eventViews, studentName } from './eventView';
import { halfDaySettingsOf } from './settings';
import { halfDaysOf } from '../../../shared/domain/vieScolaire/halfDays';

const NO_REPRESENTATIVE =
  'Cet élève n’a aucun représentant légal enregistré : complétez sa fiche avant d’imprimer l’avis.';

/** SIECLE's responsibility level 1: « représentant légal », whom the school tells. */
const LEGAL_REPRESENTATIVE = 1;

interface NoticeContext {
  facts: AbsenceNoticeFacts;
  studentLabel: string;
  representatives: GuardianRow[];
}

async function noticeContext(
  m: EntityManager,
  schoolId: number,
  id: number,
): Promise<NoticeContext> {
  const event = await m.getRepository(SchoolLifeEventEntity).findOneBy({ id, schoolId });
  if (!event) throw new ApiFailure('not_found', 'Évènement introuvable.');
  if (event.kind !== 'absence')
    throw new ApiFailure('invalid_input', 'Un avis d’absence ne se fait que pour une absence.');
  const student = await m.getRepository(StudentEntity).findOneByOrFail({ id: event.studentId });
  const division =
    student.divisionId === null
      ? null
      : await m.getRepository(DivisionEntity).findOneBy({ id: student.divisionId });
  const motif =
    event.motifId === null
      ? null
      : await m.getRepository(MotifEntity).findOneBy({ id: event.motifId });
  const settings = await halfDaySettingsOf(m, schoolId);
  const count = halfDaysOf({ start: event.startsAt, end: event.endsAt }, settings).length;
  const links = await m
    .getRepository(StudentGuardianEntity)
    .findBy({ studentId: student.id, responsibilityLevel: LEGAL_REPRESENTATIVE });
  const representatives =
    links.length === 0
      ? []
      : await m
          .getRepository(GuardianEntity)
          .find({ where: { id: In(links.map((l) => l.guardianId)) }, order: { id: 'ASC' } });
  return {
    studentLabel: studentName(student),
    representatives,
    facts: {
      child: {
        lastName: student.lastName,
        firstName: student.firstName,
        divisionCode: division?.code ?? '',
      },
      when: eventSpanWords(event.startsAt, event.endsAt, parisClockWords),
      // A Saturday afternoon counts none: the notice then gives no count (not « 0 demi-journée »).
      halfDays: count === 0 ? '' : `${count} demi-journée${count > 1 ? 's' : ''}`,
      // A confidential motif never leaves the school (issue 17 §1).
      motif: motif && !motif.confidential ? motif.label : null,
    },
  };
}

/**
 * The absence notice (issue 17 §3): e-mailed through the outbox or printed, to the pupil's
 * legal representatives. The first notice records « famille avisée » (how and when) on the
 * absence, in the same transaction as the outbox rows or the « imprimé » call; a later one
 * (a reprint, an e-mail after a letter) is journaled and keeps the first date and means: the
 * family was told then. Making the PDF writes nothing (web mode fetches it with a GET, which
 * a prefetch or a re-opened tab may repeat).
 */
export function createAbsenceNoticeService({
  db,
  clock,
  mailer,
  fonts,
}: {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  fonts: () => Promise<LetterFonts>;
}) {
  async function markNotified(
    m: EntityManager,
    actor: StaffActor,
    id: number,
    means: FamilyNoticeMeans,
    context: NoticeContext,
    recipients: number,
  ): Promise<SchoolLifeEvent> {
    const repo = m.getRepository(SchoolLifeEventEntity);
    // Only while nothing is recorded: the check and the write are one statement.
    const first = await repo
      .createQueryBuilder()
      .update()
      .set({
        familyNotifiedAt: clock.now().toISOString(),
        familyNotifiedBy: means,
        updatedAt: clock.now().toISOString(),
        version: () => 'version + 1',
      })
      .where('id = :id AND school_id = :schoolId AND family_notified_at IS NULL', {
        id,
        schoolId: actor.schoolId,
      })
      .execute();
    const row = await repo.findOneByOrFail({ id });
    await writeAudit(m, clock, {
      schoolId: actor.schoolId,
      actor,
      action: 'schoolLife.notice',
      targetType: 'student',
      targetId: row.studentId,
      targetLabel: context.studentLabel,
      details: {
        évènement: id,
        moyen: means,
        destinataires: recipients,
        ...(first.affected === 1 ? {} : { déjàAviséeLe: row.familyNotifiedAt }),
      },
    });
    return (await eventViews(m, actor.schoolId, [row]))[0]!;
  }

  async function email(actor: StaffActor, id: number): Promise<NoticeSent> {
    const sent = await db.transaction(async (m) => {
      const context = await noticeContext(m, actor.schoolId, id);
      const reachable = context.representatives.filter(
        (g) => g.email !== '' && singleAddressProblem(g.email) === null,
      );
      if (reachable.length === 0) {
        throw new ApiFailure(
          'invalid_input',
          'Aucun représentant légal de cet élève n’a d’adresse électronique utilisable : imprimez l’avis.',
        );
      }
      for (const guardian of reachable) {
        await mailer.enqueue(m, {
          schoolId: actor.schoolId,
          to: guardian.email,
          template: 'absence-notice',
          schoolLifeEventId: id,
          data: { ...context.facts, civility: civilityWord(guardian.civility) },
        });
      }
      const event = await markNotified(m, actor, id, 'courriel', context, reachable.length);
      return { event, recipients: reachable.length };
    });
    mailer.kick();
    return sent;
  }

  async function pdf(actor: StaffActor, id: number): Promise<Uint8Array> {
    const context = await noticeContext(db.manager, actor.schoolId, id);
    if (context.representatives.length === 0)
      throw new ApiFailure('invalid_input', NO_REPRESENTATIVE);
    const school = await db.manager
      .getRepository(SchoolEntity)
      .findOneByOrFail({ id: actor.schoolId });
    const today = parisToday(clock);
    const bytes = await renderAbsenceNotices(
      context.representatives.map((g) => ({
        ...context.facts,
        school: {
          academie: school.academie,
          name: school.name,
          address: addressOf(school),
          phone: school.phone,
          email: school.email,
          portalUrl: school.portalUrl,
        },
        place: school.city,
        date: today,
        envelopeWindow: school.letterWindow === 'right' ? 'right' : 'left',
        recipient: {
          civility: g.civility,
          lastName: g.lastName,
          firstName: g.firstName,
          address: addressOf(g),
        },
      })),
      await fonts(),
    );
    return new Uint8Array(bytes);
  }

  /** The printed notice went out: « famille avisée » par courrier, unless already recorded. */
  async function printed(actor: StaffActor, id: number): Promise<SchoolLifeEvent> {
    return db.transaction(async (m) => {
      const context = await noticeContext(m, actor.schoolId, id);
      if (context.representatives.length === 0)
        throw new ApiFailure('invalid_input', NO_REPRESENTATIVE);
      return markNotified(m, actor, id, 'courrier', context, context.representatives.length);
    });
  }

  return { email, pdf, printed };
}
