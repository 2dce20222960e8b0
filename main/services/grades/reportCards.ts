import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type { ReportCardInput } from '../../../shared/api/staff';
import { formatCoefficient } from '../../../shared/domain/grades/display';
import { periodsOfLevel } from '../../../shared/domain/periods';
import type { Viewer } from '../../../shared/domain/publication/viewer';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  MainTeacherEntity,
  PeriodEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
} from '../../db/entities';
import type { DivisionRow, PeriodRow } from '../../db/entities/rows';
import type { LetterFonts } from '../../pdf/fonts';
import { renderReportCardPdf, type ReportCardData } from '../../pdf/reportCard';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { publicationSettings } from './gradeAccess';
import { divisionAverages, type PupilAverages } from './reportCardData';

type Input = z.output<typeof ReportCardInput>;

/** A relevé goes to a family: it holds what a parent sees on the portal that day, no more. */
const REPORT_CARD_VIEWER: Viewer = 'parent';

async function divisionOf(
  m: EntityManager,
  actor: StaffActor,
  input: { divisionId?: number | undefined; studentId?: number | undefined },
): Promise<DivisionRow> {
  const year = await m
    .getRepository(SchoolYearEntity)
    .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
  let divisionId = input.divisionId;
  if (input.studentId !== undefined) {
    const student = await m
      .getRepository(StudentEntity)
      .findOneBy({ id: input.studentId, schoolId: actor.schoolId });
    if (!student) throw new ApiFailure('not_found', 'Élève introuvable.');
    if (student.divisionId === null) {
      throw new ApiFailure(
        'not_found',
        'Cet élève n’a pas de division cette année : pas de relevé.',
      );
    }
    divisionId = student.divisionId;
  }
  const division = year
    ? await m
        .getRepository(DivisionEntity)
        .findOneBy({ id: divisionId, schoolId: actor.schoolId, schoolYearId: year.id })
    : null;
  if (!division) throw new ApiFailure('not_found', 'Division introuvable.');
  // A teacher prints only as professeur principal of the division (they read all its marks).
  if (actor.role === 'teacher') {
    const main = await m.getRepository(MainTeacherEntity).findOneBy({
      schoolId: actor.schoolId,
      staffUserId: actor.userId,
      divisionCode: division.code,
    });
    if (!main) {
      throw new ApiFailure(
        'forbidden',
        `Seul le professeur principal de la ${division.code}, la direction ou le secrétariat imprime ce relevé.`,
      );
    }
  }
  return division;
}

async function periodOf(
  m: EntityManager,
  schoolId: number,
  division: DivisionRow,
  periodId: number,
): Promise<PeriodRow> {
  const periods = await m
    .getRepository(PeriodEntity)
    .findBy({ schoolId, schoolYearId: division.schoolYearId });
  const period = periodsOfLevel(periods, division.level).find((p) => p.id === periodId);
  if (!period) {
    throw new ApiFailure('not_found', 'Période introuvable pour cette division.', {
      periodId: 'Choisissez une période de l’année en cours suivie par cette division.',
    });
  }
  return period;
}

/**
 * The « relevé de notes » (issue 16 §6): a division's or one pupil's marks and averages over a
 * period, printed for families who do not use the portal. Children's grades leave the system
 * on paper: each print goes to the journal (which division or pupil, which period, how many
 * pupils), and nothing of it to a log.
 */
export function createReportCards({
  db,
  clock,
  fonts,
}: {
  db: Database;
  clock: Clock;
  fonts: () => Promise<LetterFonts>;
}) {
  /** Every pupil's averages (subjects, class figures, general) as a family sees them today. */
  async function averages(
    actor: StaffActor,
    input: Input,
  ): Promise<{ division: DivisionRow; period: PeriodRow; pupils: PupilAverages[] }> {
    const m = db.manager;
    const division = await divisionOf(m, actor, input);
    const period = await periodOf(m, actor.schoolId, division, input.periodId);
    const pupils = await divisionAverages(m, {
      schoolId: actor.schoolId,
      division,
      periodId: period.id,
      settings: await publicationSettings(m, actor.schoolId),
      viewer: REPORT_CARD_VIEWER,
      today: parisToday(clock),
      ...(input.studentId === undefined ? {} : { studentId: input.studentId }),
    });
    if (input.studentId !== undefined && pupils.length === 0) {
      throw new ApiFailure('not_found', 'Cet élève a quitté l’établissement : pas de relevé.');
    }
    return { division, period, pupils };
  }

  async function pdf(actor: StaffActor, input: Input): Promise<Uint8Array> {
    const { division, period, pupils } = await averages(actor, input);
    const school = await db.manager
      .getRepository(SchoolEntity)
      .findOneByOrFail({ id: actor.schoolId });
    const data: ReportCardData = {
      schoolName: school.name,
      divisionCode: division.code,
      periodLabel: period.label,
      periodStartsOn: period.startsOn,
      periodEndsOn: period.endsOn,
      printedOn: parisToday(clock),
      pupils: pupils.map((p) => ({
        lastName: p.lastName,
        firstName: p.firstName,
        generalAverage: p.general.display,
        subjects: p.subjects.map((s) => ({
          label: s.label,
          teachers: s.teachers.join(', '),
          marks: s.marks,
          average: s.average.display,
          classAverage: s.classFigures.display.average,
          lowest: s.classFigures.display.lowest,
          highest: s.classFigures.display.highest,
          coefficient: formatCoefficient(s.coefficientHundredths),
        })),
      })),
    };
    const bytes = await renderReportCardPdf(data, await fonts());
    const pupil = input.studentId === undefined ? null : pupils[0]!;
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'grades.reportCard',
        targetType: pupil ? 'student' : 'division',
        targetId: pupil ? pupil.id : division.id,
        targetLabel: pupil
          ? `${pupil.lastName} ${pupil.firstName} (${division.code})`
          : `Division ${division.code}`,
        details: { période: period.label, élèves: pupils.length },
      }),
    );
    return new Uint8Array(bytes);
  }

  return { averages, pdf };
}

export type ReportCards = ReturnType<typeof createReportCards>;
