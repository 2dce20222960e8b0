import { In, type EntityManager } from 'typeorm';
import type { FamilyNoticeMeans } from '../../../shared/api/staff';
import {
  SCHOOL_LIFE_EVENT_KINDS,
  type SchoolLifeEventKind,
} from '../../../shared/domain/vieScolaire/eventKinds';
import { halfDaysOf, type HalfDaySettings } from '../../../shared/domain/vieScolaire/halfDays';
import { dayOfNumber, parisWallMinutes } from '../../../shared/domain/vieScolaire/parisClock';
import { SANCTIONS, type SanctionKind } from '../../../shared/domain/vieScolaire/sanctions';
import { slashDate } from '../../../shared/domain/frenchDates';
import { sanctionWithSursis, sursisAnswer } from '../../../shared/domain/vieScolaire/sursisWords';
import { frenchClockWords } from '../../../shared/domain/publication/parisDays';
import {
  DivisionEntity,
  MotifEntity,
  SchoolLifeEventEntity,
  StudentEntity,
} from '../../db/entities';

/** « 23/11/2026 8 h 12 », Paris time, as French typography writes it: what the school reads. */
export function parisDateTime(instant: string): string {
  const minutes = parisWallMinutes(Date.parse(instant));
  const time = ((minutes % 1440) + 1440) % 1440;
  const hh = String(Math.floor(time / 60)).padStart(2, '0');
  const mm = String(time % 60).padStart(2, '0');
  return `${slashDate(dayOfNumber(Math.floor(minutes / 1440)))} ${frenchClockWords(`${hh}:${mm}`)}`;
}

/** One event of the archive, every field written out in French. */
export interface ArchiveEvent {
  studentId: number;
  pupil: string;
  divisionId: number | null;
  divisionCode: string;
  kind: string;
  from: string;
  to: string;
  /** Absences only: the half-days derived from the start and the end. */
  halfDays: string;
  minutes: string;
  motif: string;
  legitimate: string;
  justified: string;
  processed: string;
  published: string;
  familyNotifiedAt: string;
  familyNotifiedBy: string;
  sanction: string;
  /** The sanction's name with its sursis and the day it may be revoked until (R511-13-1). */
  sanctionWithSursis: string;
  /** « oui, jusqu’au 30/06/2027 », « oui » (no day recorded), « non »; empty for no sanction. */
  suspended: string;
  comment: string;
  recordedAt: string;
}

const NOTICE_MEANS: Record<FamilyNoticeMeans, string> = {
  courrier: 'courrier',
  courriel: 'courriel',
  telephone: 'téléphone',
  sms: 'SMS',
};

const yesNo = (value: boolean) => (value ? 'oui' : 'non');

/**
 * Every vie scolaire event the school holds (optionally of some pupils only), oldest first,
 * with its pupil, division and motif: four reads joined here, on SQLite and PostgreSQL alike.
 */
export async function readArchiveEvents(
  m: EntityManager,
  schoolId: number,
  settings: HalfDaySettings,
  studentIds?: readonly number[],
): Promise<ArchiveEvent[]> {
  const [events, motifs, divisions] = await Promise.all([
    m.getRepository(SchoolLifeEventEntity).find({
      where: { schoolId, ...(studentIds ? { studentId: In([...studentIds]) } : {}) },
      order: { startsAt: 'ASC', id: 'ASC' },
    }),
    m.getRepository(MotifEntity).findBy({ schoolId }),
    m.getRepository(DivisionEntity).findBy({ schoolId }),
  ]);
  const ids = [...new Set(events.map((e) => e.studentId))];
  const students =
    ids.length === 0
      ? []
      : await m.getRepository(StudentEntity).find({
          select: { id: true, lastName: true, firstName: true, divisionId: true },
          where: { schoolId, id: In(ids) },
        });
  const studentById = new Map(students.map((s) => [s.id, s]));
  const motifById = new Map(motifs.map((mo) => [mo.id, mo]));
  const divisionCode = new Map(divisions.map((d) => [d.id, d.code]));
  return events.map((e) => {
    const s = studentById.get(e.studentId);
    const motif = e.motifId === null ? undefined : motifById.get(e.motifId);
    const kind = SCHOOL_LIFE_EVENT_KINDS[e.kind as SchoolLifeEventKind]?.label ?? e.kind;
    const sanction = e.sanctionKind ? SANCTIONS[e.sanctionKind as SanctionKind]?.label : '';
    return {
      studentId: e.studentId,
      pupil: s ? `${s.lastName.toLocaleUpperCase('fr-FR')} ${s.firstName}` : '',
      divisionId: s?.divisionId ?? null,
      divisionCode: s?.divisionId != null ? (divisionCode.get(s.divisionId) ?? '') : '',
      kind,
      from: parisDateTime(e.startsAt),
      to: parisDateTime(e.endsAt),
      halfDays:
        e.kind === 'absence'
          ? String(halfDaysOf({ start: e.startsAt, end: e.endsAt }, settings).length)
          : '',
      minutes: e.minutes === null ? '' : String(e.minutes),
      motif: motif?.label ?? '',
      legitimate: motif ? yesNo(motif.legitimate) : '',
      justified: yesNo(e.justified),
      processed: yesNo(e.processed),
      published: yesNo(e.publishableOnline),
      familyNotifiedAt: e.familyNotifiedAt ? parisDateTime(e.familyNotifiedAt) : '',
      familyNotifiedBy: e.familyNotifiedBy
        ? (NOTICE_MEANS[e.familyNotifiedBy as FamilyNoticeMeans] ?? e.familyNotifiedBy)
        : '',
      sanction: sanction ?? '',
      sanctionWithSursis: sanction
        ? sanctionWithSursis(sanction, e.suspended, e.suspendedUntil)
        : '',
      suspended: e.sanctionKind ? sursisAnswer(e.suspended, e.suspendedUntil) : '',
      comment: e.comment,
      recordedAt: parisDateTime(e.recordedAt),
    };
  });
}
