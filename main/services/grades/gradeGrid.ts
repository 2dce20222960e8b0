import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { GradeGrid, StudentSubjectAverage } from '../../../shared/api/staff';
import {
  assessmentFigures,
  subjectAverage,
  type MarkForAverage,
} from '../../../shared/domain/grades/averages';
import { toAverageView } from '../../../shared/domain/grades/explainAverage';
import type { Database } from '../../db/database';
import { AssessmentEntity, MarkEntity } from '../../db/entities';
import type { AssessmentRow, MarkRow } from '../../db/entities/assessments';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { toAssessmentSummary } from './assessments';
import {
  entryStatusOf,
  entryText,
  isPublished,
  periodOfService,
  publicationSettings,
  visibleService,
} from './gradeAccess';
import { editorNames, markValueOf, servicePupils, toCell } from './servicePupils';

/** A pupil's marks of a period, as the averages engine takes them. */
function marksForAverage(
  assessments: readonly AssessmentRow[],
  marks: ReadonlyMap<string, MarkRow>,
  studentId: number,
): MarkForAverage[] {
  return assessments.flatMap((a) => {
    const value = markValueOf(marks.get(`${a.id}:${studentId}`) ?? null);
    return value === null
      ? []
      : [
          {
            ref: String(a.id),
            label: a.label,
            value,
            scaleHundredths: a.scaleHundredths,
            coefficientHundredths: a.coefficientHundredths,
            optional: a.optional,
          },
        ];
  });
}

/** The assessments of a service in a period and their marks, keyed « assessment:student ». */
async function periodMarks(
  m: EntityManager,
  schoolId: number,
  serviceId: number,
  periodId: number,
) {
  const assessments = await m.getRepository(AssessmentEntity).find({
    where: { schoolId, teachingServiceId: serviceId, periodId },
    order: { day: 'ASC', id: 'ASC' },
  });
  const rows =
    assessments.length === 0
      ? []
      : await m
          .getRepository(MarkEntity)
          .findBy({ schoolId, assessmentId: In(assessments.map((a) => a.id)) });
  const marks = new Map(rows.map((r) => [`${r.assessmentId}:${r.studentId}`, r]));
  return { assessments, rows, marks };
}

/**
 * The marks grid of a teaching service over a period (issue 16 §3): its pupils, every
 * assessment with its class figures, each pupil's subject average; all from the one engine.
 */
export function createGradeGrid({ db, clock }: { db: Database; clock: Clock }) {
  async function grid(
    actor: StaffActor,
    input: { serviceId: number; periodId: number },
  ): Promise<GradeGrid> {
    const m = db.manager;
    const service = await visibleService(m, actor, input.serviceId);
    const period = await periodOfService(m, actor.schoolId, service, input.periodId);
    const { assessments, rows, marks } = await periodMarks(
      m,
      actor.schoolId,
      service.id,
      period.id,
    );
    const pupils = await servicePupils(
      m,
      actor.schoolId,
      service,
      assessments.map((a) => a.id),
    );
    const names = await editorNames(m, rows);
    const settings = await publicationSettings(m, actor.schoolId);
    const entry = await entryStatusOf(m, clock, service, period);
    const now = clock.now();
    return {
      service,
      period: {
        id: period.id,
        code: period.code,
        label: period.label,
        startsOn: period.startsOn,
        endsOn: period.endsOn,
      },
      entry: { ...entry, text: entryText(entry) },
      canEdit:
        actor.role === 'direction' ||
        (service.teacher.id === actor.userId && entry.state !== 'closed'),
      assessments: assessments.map((a) => {
        const figures = assessmentFigures(
          pupils.map((p) => markValueOf(marks.get(`${a.id}:${p.id}`) ?? null)),
        );
        return {
          ...toAssessmentSummary(a),
          published: isPublished(a, settings, now),
          figures: { count: figures.count, ...figures.display },
        };
      }),
      pupils: pupils.map((p) => ({
        ...p,
        cells: Object.fromEntries(
          assessments.map((a) => [
            String(a.id),
            toCell(p.id, marks.get(`${a.id}:${p.id}`) ?? null, names),
          ]),
        ),
        average: subjectAverage(marksForAverage(assessments, marks, p.id)).display,
      })),
    };
  }

  /** One pupil's average in a service over a period, with « Comment est calculée… ». */
  async function studentAverage(
    actor: StaffActor,
    input: { serviceId: number; periodId: number; studentId: number },
  ): Promise<StudentSubjectAverage> {
    const m = db.manager;
    const service = await visibleService(m, actor, input.serviceId);
    const period = await periodOfService(m, actor.schoolId, service, input.periodId);
    const { assessments, marks } = await periodMarks(m, actor.schoolId, service.id, period.id);
    const pupils = await servicePupils(
      m,
      actor.schoolId,
      service,
      assessments.map((a) => a.id),
    );
    if (!pupils.some((p) => p.id === input.studentId)) {
      throw new ApiFailure('not_found', 'Élève introuvable dans ce service.', {
        studentId: 'Élève introuvable dans ce service.',
      });
    }
    return {
      studentId: input.studentId,
      serviceId: service.id,
      periodId: period.id,
      average: toAverageView(subjectAverage(marksForAverage(assessments, marks, input.studentId))),
    };
  }

  return { grid, studentAverage };
}

export type GradeGridService = ReturnType<typeof createGradeGrid>;
