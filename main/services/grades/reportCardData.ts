import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { TeachingServiceSummary } from '../../../shared/api/staff';
import {
  generalAverage,
  subjectAverage,
  subjectClassFigures,
  type Average,
  type ClassFigures,
  type GeneralAverage,
  type MarkForAverage,
} from '../../../shared/domain/grades/averages';
import { formatCoefficient } from '../../../shared/domain/grades/display';
import { markLabel } from '../../../shared/domain/grades/marks';
import {
  gradeVisibility,
  type GradePublicationSettings,
} from '../../../shared/domain/publication/gradePublication';
import type { Viewer } from '../../../shared/domain/publication/viewer';
import {
  AssessmentEntity,
  GroupMembershipEntity,
  MarkEntity,
  StaffUserEntity,
  StudentEntity,
  SubjectCoefficientEntity,
  SubjectEntity,
  TeachingServiceEntity,
} from '../../db/entities';
import type { AssessmentRow, MarkRow } from '../../db/entities/assessments';
import type { DivisionRow } from '../../db/entities/rows';
import { subjectLabel } from '../teaching/teachingState';
import { markValueOf } from './servicePupils';

/** One subject of a pupil over a period: what the relevé prints in a row. */
export interface PupilSubject {
  code: string;
  label: string;
  /** The teachers of the services the pupil follows in this subject. */
  teachers: string[];
  /** In the order of the assessments: « 12,50 », « 8,00/10 (coef. 2) », « Abs ». */
  marks: string[];
  average: Average;
  /** Over every pupil of the subject's services who has an average (a group spans divisions). */
  classFigures: ClassFigures;
  /** The subject's coefficient in the general average (the division's, 1 by default). */
  coefficientHundredths: number;
}

export interface PupilAverages {
  id: number;
  lastName: string;
  firstName: string;
  subjects: PupilSubject[];
  general: GeneralAverage;
}

export interface DivisionAveragesQuestion {
  schoolId: number;
  division: Pick<DivisionRow, 'id' | 'code'>;
  periodId: number;
  settings: GradePublicationSettings;
  /**
   * Whose eyes: a relevé goes to a family, so it holds only what `viewer` sees on `today`
   * (the portal's rule); null counts every mark entered, as the staff grid does.
   */
  viewer: Viewer | null;
  today: string;
  /** One pupil of the division; all its present pupils when absent. */
  studentId?: number;
}

/**
 * The teaching services of a division: its own and the groups drawn from it, with their
 * subject and teacher, read for this division only (servicesVisibleTo reads the whole school's,
 * once per division of a school-wide run). Whoever may print a division's relevé sees all of
 * them (office roles; the professeur principal, whose division it is): the caller checks that.
 */
export async function divisionServices(
  m: EntityManager,
  schoolId: number,
  divisionCode: string,
  /** The SIECLE groups its pupils belong to: a group's service entered by hand knows no division. */
  groupCodes: readonly string[] = [],
): Promise<TeachingServiceSummary[]> {
  const escaped = divisionCode.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await m
    .getRepository(TeachingServiceEntity)
    .createQueryBuilder('ts')
    .innerJoin(SubjectEntity.options.name, 'sub', 'sub.id = ts.subjectId')
    .innerJoin(StaffUserEntity.options.name, 'u', 'u.id = ts.staffUserId')
    .select('ts.id', 'id')
    .addSelect('ts.structureKind', 'structureKind')
    .addSelect('ts.structureCode', 'structureCode')
    .addSelect('ts.groupDivisions', 'groupDivisions')
    .addSelect('ts.source', 'source')
    .addSelect('sub.id', 'subjectId')
    .addSelect('sub.code', 'subjectCode')
    .addSelect('sub.longLabel', 'longLabel')
    .addSelect('sub.shortLabel', 'shortLabel')
    .addSelect('u.id', 'teacherId')
    .addSelect('u.displayName', 'teacherName')
    .where('ts.schoolId = :schoolId', { schoolId })
    .andWhere(
      `((ts.structureKind = 'division' AND ts.structureCode = :code) OR
        (ts.structureKind = 'group' AND (',' || ts.groupDivisions || ',') LIKE :pattern ESCAPE '\\')${
          groupCodes.length > 0
            ? ` OR (ts.structureKind = 'group' AND ts.structureCode IN (:...groups))`
            : ''
        })`,
      { code: divisionCode, pattern: `%,${escaped},%`, groups: [...groupCodes] },
    )
    .getRawMany<{
      id: number | string;
      structureKind: string;
      structureCode: string;
      groupDivisions: string;
      source: string;
      subjectId: number | string;
      subjectCode: string;
      longLabel: string;
      shortLabel: string;
      teacherId: number | string;
      teacherName: string;
    }>();
  return rows.map((r) => ({
    id: Number(r.id),
    subject: {
      id: Number(r.subjectId),
      code: r.subjectCode,
      label: subjectLabel({
        code: r.subjectCode,
        longLabel: r.longLabel,
        shortLabel: r.shortLabel,
      }),
    },
    structureKind: r.structureKind === 'group' ? 'group' : 'division',
    structureCode: r.structureCode,
    groupDivisions: r.groupDivisions === '' ? [] : r.groupDivisions.split(','),
    teacher: { id: Number(r.teacherId), displayName: r.teacherName },
    source: r.source === 'manual' ? 'manual' : 'sts',
  }));
}

/**
 * The SIECLE groups of these pupils, from group_membership (issue 16 §1): the truth the
 * grades and rolls read, where student.groups is only the import's text copy of it.
 */
async function pupilGroups(
  m: EntityManager,
  schoolId: number,
  studentIds: readonly number[],
): Promise<Map<number, Set<string>>> {
  const groups = new Map<number, Set<string>>();
  if (studentIds.length === 0) return groups;
  const rows = await m.getRepository(GroupMembershipEntity).find({
    where: { schoolId, studentId: In([...studentIds]) },
    select: { studentId: true, groupCode: true },
  });
  for (const row of rows) {
    const studentId = Number(row.studentId);
    const codes = groups.get(studentId) ?? new Set<string>();
    codes.add(row.groupCode);
    groups.set(studentId, codes);
  }
  return groups;
}

const byName = (
  a: { lastName: string; firstName: string; id: number },
  b: { lastName: string; firstName: string; id: number },
) =>
  a.lastName.localeCompare(b.lastName, 'fr') ||
  a.firstName.localeCompare(b.firstName, 'fr') ||
  a.id - b.id;

function markText(a: AssessmentRow, value: NonNullable<ReturnType<typeof markValueOf>>): string {
  const notes = [
    a.coefficientHundredths !== 100
      ? `coef.\u00a0${formatCoefficient(a.coefficientHundredths)}`
      : '',
    a.optional ? 'facultative' : '',
  ].filter(Boolean);
  const text = markLabel(value, a.scaleHundredths);
  return notes.length === 0 ? text : `${text}\u00a0(${notes.join(', ')})`;
}

/**
 * Every present pupil's subject averages, class figures and general average in a division over
 * a period, in a handful of queries whatever the size of the class (the relevé de notes, and
 * the bench's « averages of a whole school »). The one averages engine computes everything.
 */
export async function divisionAverages(
  m: EntityManager,
  q: DivisionAveragesQuestion,
): Promise<PupilAverages[]> {
  const students = (
    await m
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      .select(['s.id', 's.lastName', 's.firstName', 's.leftOn'])
      .where('s.schoolId = :schoolId AND s.divisionId = :divisionId', {
        schoolId: q.schoolId,
        divisionId: q.division.id,
      })
      .andWhere(q.studentId === undefined ? '1 = 1' : 's.id = :studentId', {
        studentId: q.studentId,
      })
      .getMany()
  )
    .filter((s) => s.leftOn === null || s.leftOn > q.today)
    .sort(byName);
  const groupsByStudent = await pupilGroups(
    m,
    q.schoolId,
    students.map((s) => s.id),
  );
  const groupCodes = new Set([...groupsByStudent.values()].flatMap((codes) => [...codes]));
  const services = await divisionServices(m, q.schoolId, q.division.code, [...groupCodes]);
  const assessments = (
    services.length === 0
      ? []
      : await m.getRepository(AssessmentEntity).find({
          where: {
            schoolId: q.schoolId,
            periodId: q.periodId,
            teachingServiceId: In(services.map((s) => s.id)),
          },
          order: { day: 'ASC', id: 'ASC' },
        })
  ).filter(
    (a) =>
      q.viewer === null ||
      gradeVisibility(
        { day: a.day, periodId: String(a.periodId), publicationDay: a.publishesOn },
        q.settings,
        q.viewer,
        q.today,
      ).visible,
  );
  // Plain rows, not entities: a division's term is a thousand marks or more.
  const marks: Pick<MarkRow, 'assessmentId' | 'studentId' | 'points' | 'special'>[] =
    assessments.length === 0
      ? []
      : (
          await m
            .getRepository(MarkEntity)
            .createQueryBuilder('m')
            .select('m.assessmentId', 'assessmentId')
            .addSelect('m.studentId', 'studentId')
            .addSelect('m.points', 'points')
            .addSelect('m.special', 'special')
            .where('m.schoolId = :schoolId', { schoolId: q.schoolId })
            .andWhere('m.assessmentId IN (:...ids)', { ids: assessments.map((a) => a.id) })
            .getRawMany<{
              assessmentId: number | string;
              studentId: number | string;
              points: number | string | null;
              special: string | null;
            }>()
        ).map((r) => ({
          // PostgreSQL's driver may hand integers back as strings.
          assessmentId: Number(r.assessmentId),
          studentId: Number(r.studentId),
          points: r.points === null ? null : Number(r.points),
          special: r.special,
        }));
  const coefficients = new Map(
    (await m.getRepository(SubjectCoefficientEntity).findBy({ divisionId: q.division.id })).map(
      (c) => [c.subjectCode, c.coefficientHundredths],
    ),
  );

  // Per subject: its services, and every pupil's marks in them (for the class figures).
  interface SubjectMarks {
    label: string;
    services: TeachingServiceSummary[];
    marks: Map<number, MarkForAverage[]>;
  }
  const subjects = new Map<string, SubjectMarks>();
  for (const s of services) {
    const entry: SubjectMarks = subjects.get(s.subject.code) ?? {
      label: s.subject.label,
      services: [],
      marks: new Map(),
    };
    entry.services.push(s);
    subjects.set(s.subject.code, entry);
  }
  const assessmentById = new Map(assessments.map((a) => [a.id, a]));
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const texts = new Map<string, string[]>(); // « subject:student » → mark texts
  const marked = new Set<string>(); // « service:student »
  const rowsInOrder = [...marks].sort((a, b) => {
    const x = assessmentById.get(a.assessmentId)!;
    const y = assessmentById.get(b.assessmentId)!;
    return x.day.localeCompare(y.day) || x.id - y.id;
  });
  for (const row of rowsInOrder) {
    const value = markValueOf(row);
    const a = assessmentById.get(row.assessmentId)!;
    const service = serviceById.get(a.teachingServiceId)!;
    if (value === null) continue;
    const subject = subjects.get(service.subject.code)!;
    const list = subject.marks.get(row.studentId) ?? [];
    list.push({
      ref: String(a.id),
      label: a.label,
      value,
      scaleHundredths: a.scaleHundredths,
      coefficientHundredths: a.coefficientHundredths,
      optional: a.optional,
    });
    subject.marks.set(row.studentId, list);
    const key = `${service.subject.code}:${row.studentId}`;
    texts.set(key, [...(texts.get(key) ?? []), markText(a, value)]);
    marked.add(`${service.id}:${row.studentId}`);
  }
  const averages = new Map<string, { byStudent: Map<number, Average>; figures: ClassFigures }>();
  for (const [code, subject] of subjects) {
    const byStudent = new Map(
      [...subject.marks].map(([studentId, list]) => [studentId, subjectAverage(list)]),
    );
    averages.set(code, {
      byStudent,
      figures: subjectClassFigures([...byStudent.values()].map((a) => a.value)),
    });
  }

  return students.map((student) => {
    const groups = groupsByStudent.get(student.id) ?? new Set<string>();
    const follows = (s: TeachingServiceSummary) =>
      s.structureKind === 'division' ||
      groups.has(s.structureCode) ||
      marked.has(`${s.id}:${student.id}`);
    const rows: PupilSubject[] = [];
    for (const [code, subject] of subjects) {
      const own = subject.services.filter(follows);
      if (own.length === 0) continue;
      const computed = averages.get(code)!;
      rows.push({
        code,
        label: subject.label,
        teachers: [...new Set(own.map((s) => s.teacher.displayName))],
        marks: texts.get(`${code}:${student.id}`) ?? [],
        average: computed.byStudent.get(student.id) ?? subjectAverage([]),
        classFigures: computed.figures,
        coefficientHundredths: coefficients.get(code) ?? 100,
      });
    }
    rows.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
    return {
      id: student.id,
      lastName: student.lastName,
      firstName: student.firstName,
      subjects: rows,
      general: generalAverage(
        rows.map((r) => ({
          ref: r.code,
          label: r.label,
          average: r.average.value,
          coefficientHundredths: r.coefficientHundredths,
        })),
      ),
    };
  });
}
