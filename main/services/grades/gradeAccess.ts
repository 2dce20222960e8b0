import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { TeachingServiceSummary } from '../../../shared/api/staff';
import {
  gradeVisibleFrom,
  type GradePublicationSettings,
} from '../../../shared/domain/publication/gradePublication';
import {
  markEntryStatus,
  markEntryStatusText,
  parisDay,
  periodsOfLevel,
  publicationDaysByPeriod,
  type MarkEntryStatus,
} from '../../../shared/domain/periods';
import {
  DivisionEntity,
  PeriodEntity,
  PeriodReopeningEntity,
  SchoolEntity,
  SchoolYearEntity,
} from '../../db/entities';
import type { AssessmentRow } from '../../db/entities/assessments';
import type { PeriodRow } from '../../db/entities/rows';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { assertTeacherMayEditMarks } from '../school/markEntry';
import { serviceVisibleById } from '../teaching/teachingServices';

/**
 * The one door to a teaching service's marks: `servicesVisibleTo` decides who reads (the
 * teacher, the division's professeur principal, direction); only the service's teacher and
 * direction write, the teacher only while the period's entry is open (or reopened for them).
 */
export async function visibleService(
  m: EntityManager,
  actor: StaffActor,
  serviceId: number,
): Promise<TeachingServiceSummary> {
  const service = await serviceVisibleById(m, actor, serviceId);
  // The same answer for a service of another teacher and one that does not exist.
  if (!service) throw serviceNotFound();
  return service;
}

export const serviceNotFound = () => new ApiFailure('not_found', 'Service introuvable.');

export interface EditRight {
  /** Direction changing marks: always allowed, always written to the journal. */
  byDirection: boolean;
}

/** Throws unless `actor` may change marks of `service` in `periodId` now. */
export async function assertMayEditMarks(
  m: EntityManager,
  clock: Clock,
  actor: StaffActor,
  service: TeachingServiceSummary,
  periodId: number,
): Promise<EditRight> {
  const right = editRightOf(actor, service);
  if (right.byDirection) return right;
  await assertTeacherMayEditMarks(m, clock, {
    schoolId: actor.schoolId,
    periodId,
    teacherId: actor.userId,
  });
  return right;
}

/**
 * Who writes a service's marks, before the period's lock: direction always, otherwise only
 * the service's teacher (throws for anyone else, who may still read them).
 */
export function editRightOf(
  actor: Pick<StaffActor, 'role' | 'userId'>,
  service: TeachingServiceSummary,
): EditRight {
  if (actor.role === 'direction') return { byDirection: true };
  if (service.teacher.id !== actor.userId) {
    throw new ApiFailure(
      'forbidden',
      `Seul ${service.teacher.displayName} saisit les notes de ce service : vous le consultez.`,
    );
  }
  return { byDirection: false };
}

/** The service teacher's entry status, for the grid's banner. */
export async function entryStatusOf(
  m: EntityManager,
  clock: Clock,
  service: TeachingServiceSummary,
  period: PeriodRow,
): Promise<MarkEntryStatus> {
  const reopenings = await m
    .getRepository(PeriodReopeningEntity)
    .findBy({ periodId: period.id, teacherId: service.teacher.id });
  return markEntryStatus({ period, teacherId: service.teacher.id, reopenings, now: clock.now() });
}

export const entryText = markEntryStatusText;

/**
 * A period of the current year that the service's divisions follow (a level's own periods,
 * else the school's): an assessment of a 3e class belongs to S1, not to T1, when the 3e have
 * semestres.
 */
export async function periodOfService(
  m: EntityManager,
  schoolId: number,
  service: TeachingServiceSummary,
  periodId: number,
): Promise<PeriodRow> {
  const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
  const periods = year
    ? await m.getRepository(PeriodEntity).findBy({ schoolId, schoolYearId: year.id })
    : [];
  const codes =
    service.structureKind === 'division' ? [service.structureCode] : service.groupDivisions;
  const divisions =
    year && codes.length > 0
      ? await m
          .getRepository(DivisionEntity)
          .findBy({ schoolId, schoolYearId: year.id, code: In(codes) })
      : [];
  const levels = divisions.length > 0 ? [...new Set(divisions.map((d) => d.level))] : [''];
  const allowed = levels.flatMap((level) => periodsOfLevel(periods, level));
  const period = allowed.find((p) => p.id === periodId);
  if (!period) {
    throw new ApiFailure('not_found', 'Période introuvable pour ce service.', {
      periodId: 'Choisissez une période de l’année en cours suivie par cette classe.',
    });
  }
  return period;
}

/** The school's publication settings, as the publication module reads them. */
export async function publicationSettings(
  m: EntityManager,
  schoolId: number,
): Promise<GradePublicationSettings> {
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  const periods = await m.getRepository(PeriodEntity).findBy({ schoolId });
  return publicationSettingsOf(school, periods);
}

/** The publication settings from the school's row and all its periods, already read. */
export function publicationSettingsOf(
  school: { gradePublicationMode: string; studentDelayDays: number; parentDelayDays: number },
  periods: Parameters<typeof publicationDaysByPeriod>[0],
): GradePublicationSettings {
  return {
    mode: school.gradePublicationMode === 'scheduled' ? 'scheduled' : 'continuous',
    periodPublicationDays: publicationDaysByPeriod(periods),
    studentDelayDays: Number(school.studentDelayDays),
    parentDelayDays: Number(school.parentDelayDays),
  };
}

/** Whether families could already see the assessment's marks (pupils see them first). */
export function isPublished(
  assessment: Pick<AssessmentRow, 'day' | 'periodId' | 'publishesOn'>,
  settings: GradePublicationSettings,
  now: Date,
): boolean {
  const from = gradeVisibleFrom(
    {
      day: assessment.day,
      periodId: String(assessment.periodId),
      publicationDay: assessment.publishesOn,
    },
    settings,
    'student',
  );
  return from !== null && parisDay(now) >= from;
}
