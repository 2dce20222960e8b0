// The grades bench's baseline: the same reads, checks and writes as marks.save,
// marks.saveColumn and reportCards.averages, as prepared statements on better-sqlite3, with
// the same pure rules (parseMarkInput, markEntryStatus, gradeVisibility, the averages engine).
// Only the data access differs from the service side.
import type BetterSqlite3 from 'better-sqlite3';
import {
  generalAverage,
  subjectAverage,
  subjectClassFigures,
  type Average,
  type MarkForAverage,
} from '../shared/domain/grades/averages';
import { parseMarkInput, type MarkValue } from '../shared/domain/grades/marks';
import { markEntryStatus, publicationDaysByPeriod } from '../shared/domain/periods';
import { gradeVisibility } from '../shared/domain/publication/gradePublication';

type Db = BetterSqlite3.Database;

export interface RawActor {
  schoolId: number;
  userId: number;
  /** ISO instant: the bench's fixed clock. */
  now: string;
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    assessment: db.prepare(
      `SELECT a.id, a.period_id AS periodId, a.day, a.publishes_on AS publishesOn,
              a.scale_hundredths AS scale, ts.staff_user_id AS teacherId,
              ts.structure_code AS structureCode
         FROM assessment a JOIN teaching_service ts ON ts.id = a.teaching_service_id
        WHERE a.id = ? AND a.school_id = ?`,
    ),
    period: db.prepare(
      'SELECT id, closes_on AS closesOn FROM period WHERE id = ? AND school_id = ?',
    ),
    reopenings: db.prepare(
      `SELECT period_id AS periodId, teacher_id AS teacherId, until_on AS untilOn
         FROM period_reopening WHERE period_id = ? AND teacher_id = ?`,
    ),
    school: db.prepare(
      `SELECT grade_publication_mode AS mode, student_delay_days AS studentDelayDays,
              parent_delay_days AS parentDelayDays FROM school WHERE id = ?`,
    ),
    periods: db.prepare(
      'SELECT id, ends_on AS endsOn, publishes_on AS publishesOn FROM period WHERE school_id = ?',
    ),
    servicePupils: db.prepare(
      `SELECT s.id, s.last_name AS lastName, s.first_name AS firstName FROM student s
         JOIN division d ON d.id = s.division_id
        WHERE s.school_id = ? AND d.code = ? AND s.left_on IS NULL`,
    ),
    mark: db.prepare('SELECT * FROM mark WHERE assessment_id = ? AND student_id = ?'),
    insert: db.prepare(
      `INSERT INTO mark (school_id, assessment_id, student_id, points, special, updated_by,
         updated_at, modified_after_publication_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
    ),
    editor: db.prepare('SELECT display_name FROM staff_user WHERE id = ?'),
    students: db.prepare(
      `SELECT id, last_name AS lastName, first_name AS firstName FROM student
        WHERE school_id = ? AND division_id = ? AND (left_on IS NULL OR left_on > ?)`,
    ),
    divisionMarks: db.prepare(
      `SELECT a.id, a.label, a.day, a.period_id AS periodId, a.publishes_on AS publishesOn,
              a.scale_hundredths AS scale, a.coefficient_hundredths AS coefficient,
              a.optional, sub.code AS subjectCode, sub.long_label AS subjectLabel,
              m.student_id AS studentId, m.points, m.special
         FROM assessment a
         JOIN teaching_service ts ON ts.id = a.teaching_service_id
         JOIN subject sub ON sub.id = ts.subject_id
         JOIN mark m ON m.assessment_id = a.id
        WHERE a.school_id = ? AND a.period_id = ? AND ts.structure_kind = 'division'
          AND ts.structure_code = ?
        ORDER BY a.day, a.id`,
    ),
    coefficients: db.prepare(
      `SELECT subject_code AS code, coefficient_hundredths AS coefficient
         FROM subject_coefficient WHERE division_id = ?`,
    ),
  };
}

function stmts(db: Db) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  return s;
}

interface Context {
  assessment: { id: number; periodId: number; scale: number };
  pupils: Set<number>;
}

/** What columnContext reads: the assessment and its service, the entry's lock, the publication settings, the pupils. */
function context(db: Db, actor: RawActor, assessmentId: number): Context {
  const s = stmts(db);
  const assessment = s.assessment.get(assessmentId, actor.schoolId) as
    | { id: number; periodId: number; scale: number; teacherId: number; structureCode: string }
    | undefined;
  if (!assessment || assessment.teacherId !== actor.userId) throw new Error('Devoir introuvable');
  const period = s.period.get(assessment.periodId, actor.schoolId) as {
    id: number;
    closesOn: string | null;
  };
  const reopenings = s.reopenings.all(period.id, actor.userId) as {
    periodId: number;
    teacherId: number;
    untilOn: string;
  }[];
  const status = markEntryStatus({
    period,
    teacherId: actor.userId,
    reopenings,
    now: new Date(actor.now),
  });
  if (status.state === 'closed') throw new Error('Saisie fermée');
  s.school.get(actor.schoolId);
  publicationDaysByPeriod(
    s.periods.all(actor.schoolId) as { id: number; endsOn: string; publishesOn: string | null }[],
  );
  const pupils = s.servicePupils.all(actor.schoolId, assessment.structureCode) as { id: number }[];
  return { assessment, pupils: new Set(pupils.map((p) => p.id)) };
}

function write(db: Db, actor: RawActor, ctx: Context, studentId: number, value: MarkValue | null) {
  const s = stmts(db);
  const existing = s.mark.get(ctx.assessment.id, studentId);
  if (existing) throw new Error('bench: fresh cells only');
  s.insert.run(
    actor.schoolId,
    ctx.assessment.id,
    studentId,
    value?.kind === 'points' ? value.points : null,
    value && value.kind !== 'points' ? value.kind : null,
    actor.userId,
    actor.now,
  );
  const saved = s.mark.get(ctx.assessment.id, studentId);
  s.editor.get(actor.userId);
  return saved;
}

function parse(ctx: Context, studentId: number, text: string): MarkValue | null {
  if (!ctx.pupils.has(studentId)) throw new Error('Élève introuvable dans ce service.');
  const parsed = parseMarkInput(text, ctx.assessment.scale);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** marks.save's work: one transaction for one cell. */
export function rawSaveCell(
  db: Db,
  actor: RawActor,
  assessmentId: number,
  studentId: number,
  text: string,
) {
  return db.transaction(() => {
    const ctx = context(db, actor, assessmentId);
    return write(db, actor, ctx, studentId, parse(ctx, studentId, text));
  })();
}

/** marks.saveColumn's work: every line checked (and its version read), then every cell written, in one transaction. */
export function rawSaveColumn(
  db: Db,
  actor: RawActor,
  assessmentId: number,
  cells: { studentId: number; text: string }[],
) {
  return db.transaction(() => {
    const ctx = context(db, actor, assessmentId);
    const values = cells.map((cell) => {
      const value = parse(ctx, cell.studentId, cell.text);
      stmts(db).mark.get(assessmentId, cell.studentId);
      return value;
    });
    return cells.map((cell, i) => write(db, actor, ctx, cell.studentId, values[i]!));
  })();
}

/** reportCards.averages' work for one division (division services only, as the bench has). */
export function rawDivisionAverages(
  db: Db,
  school: { schoolId: number; today: string },
  division: { id: number; code: string },
  periodId: number,
) {
  const s = stmts(db);
  const settingsRow = s.school.get(school.schoolId) as {
    mode: string;
    studentDelayDays: number;
    parentDelayDays: number;
  };
  const settings = {
    mode: settingsRow.mode === 'scheduled' ? ('scheduled' as const) : ('continuous' as const),
    periodPublicationDays: publicationDaysByPeriod(
      s.periods.all(school.schoolId) as {
        id: number;
        endsOn: string;
        publishesOn: string | null;
      }[],
    ),
    studentDelayDays: settingsRow.studentDelayDays,
    parentDelayDays: settingsRow.parentDelayDays,
  };
  const students = s.students.all(school.schoolId, division.id, school.today) as {
    id: number;
    lastName: string;
    firstName: string;
  }[];
  const rows = s.divisionMarks.all(school.schoolId, periodId, division.code) as {
    id: number;
    label: string;
    day: string;
    periodId: number;
    publishesOn: string | null;
    scale: number;
    coefficient: number;
    optional: number;
    subjectCode: string;
    subjectLabel: string;
    studentId: number;
    points: number | null;
    special: string | null;
  }[];
  const coefficients = new Map(
    (s.coefficients.all(division.id) as { code: string; coefficient: number }[]).map((c) => [
      c.code,
      c.coefficient,
    ]),
  );
  const visible = new Map<number, boolean>();
  const subjects = new Map<string, { label: string; marks: Map<number, MarkForAverage[]> }>();
  for (const row of rows) {
    let shown = visible.get(row.id);
    if (shown === undefined) {
      shown = gradeVisibility(
        { day: row.day, periodId: String(row.periodId), publicationDay: row.publishesOn },
        settings,
        'parent',
        school.today,
      ).visible;
      visible.set(row.id, shown);
    }
    const subject = subjects.get(row.subjectCode) ?? { label: row.subjectLabel, marks: new Map() };
    subjects.set(row.subjectCode, subject);
    const value: MarkValue | null =
      row.points !== null
        ? { kind: 'points', points: row.points }
        : row.special === 'abs' || row.special === 'disp' || row.special === 'nn'
          ? { kind: row.special }
          : null;
    if (!shown || value === null) continue;
    const list = subject.marks.get(row.studentId) ?? [];
    list.push({
      ref: String(row.id),
      label: row.label,
      value,
      scaleHundredths: row.scale,
      coefficientHundredths: row.coefficient,
      optional: row.optional === 1,
    });
    subject.marks.set(row.studentId, list);
  }
  const computed = [...subjects].map(([code, subject]) => {
    const byStudent = new Map<number, Average>(
      [...subject.marks].map(([id, list]) => [id, subjectAverage(list)]),
    );
    return {
      code,
      label: subject.label,
      byStudent,
      figures: subjectClassFigures([...byStudent.values()].map((a) => a.value)),
    };
  });
  return students.map((student) => {
    const own = computed.map((c) => ({
      ...c,
      average: c.byStudent.get(student.id) ?? subjectAverage([]),
    }));
    return {
      id: student.id,
      subjects: own,
      general: generalAverage(
        own.map((c) => ({
          ref: c.code,
          label: c.label,
          average: c.average.value,
          coefficientHundredths: coefficients.get(c.code) ?? 100,
        })),
      ),
    };
  });
}
