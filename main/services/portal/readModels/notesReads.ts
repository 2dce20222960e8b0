import { readQuery } from '../../../db/preparedReads';

/**
 * The notes page's reads (docs/FAMILY_READ_PATH.md). Every read past the first starts from
 * `account_student` for the session's account (`$1`) and the child asked for (`$2`), and
 * joins each row on the child's school: another family's child, or a row of another school,
 * gives nothing. Publication is decided afterwards, in JavaScript, by the pure module.
 */

/** The account's children, each with its division and school's publication settings. */
export const NOTES_CHILDREN = readQuery(
  'portal.notes.children',
  `SELECT a.kind AS "kind", a.previous_login_at AS "previousLoginAt",
          s.id AS "studentId", s.first_name AS "firstName", s.last_name AS "lastName",
          s.birth_date AS "birthDate",
          d.id AS "divisionId", d.code AS "divisionCode", d.level AS "level",
          sc.name AS "schoolName", sc.opened_services AS "openedServices",
          sc.grade_publication_mode AS "publicationMode",
          sc.student_delay_days AS "studentDelayDays", sc.parent_delay_days AS "parentDelayDays"
     FROM family_account a
     JOIN account_student x ON x.account_id = a.id
     JOIN student s ON s.id = x.student_id
     JOIN school sc ON sc.id = s.school_id
     LEFT JOIN division d ON d.id = s.division_id AND d.school_id = s.school_id
    WHERE a.id = $1`,
);

export interface NotesChildRow {
  kind: 'guardian' | 'student';
  previousLoginAt: string | null;
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  divisionId: number | null;
  divisionCode: string | null;
  level: string | null;
  schoolName: string;
  openedServices: string;
  publicationMode: string;
  studentDelayDays: number;
  parentDelayDays: number;
}

/** The periods of the child's school's current year (every level: publication days need all). */
export const NOTES_PERIODS = readQuery(
  'portal.notes.periods',
  `SELECT p.id AS "id", p.label AS "label", p.level AS "level", p.starts_on AS "startsOn",
          p.ends_on AS "endsOn", p.publishes_on AS "publishesOn"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school_year y ON y.school_id = s.school_id AND y.is_current
     JOIN period p ON p.school_year_id = y.id AND p.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2`,
);

export interface NotesPeriodRow {
  id: number;
  label: string;
  level: string;
  startsOn: string;
  endsOn: string;
  publishesOn: string | null;
}

/**
 * The teaching services the child follows: its division's, and its SIECLE groups' as
 * group_membership holds them (issue 16 §1; not the `student.groups` text the import keeps
 * beside it, which may be stale). DISTINCT: a division's service comes once per group row.
 */
export const NOTES_SERVICES = readQuery(
  'portal.notes.services',
  `SELECT DISTINCT ts.structure_kind AS "structureKind", ts.structure_code AS "structureCode",
          sj.code AS "subjectCode", sj.short_label AS "shortLabel", sj.long_label AS "longLabel",
          u.display_name AS "teacher"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     LEFT JOIN division d ON d.id = s.division_id
     LEFT JOIN group_membership gm ON gm.student_id = s.id AND gm.school_id = s.school_id
     JOIN teaching_service ts ON ts.school_id = s.school_id
      AND ((ts.structure_kind = 'division' AND ts.structure_code = d.code)
        OR (ts.structure_kind = 'group' AND ts.structure_code = gm.group_code))
     JOIN subject sj ON sj.id = ts.subject_id AND sj.school_id = s.school_id
     JOIN staff_user u ON u.id = ts.staff_user_id AND u.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2`,
);

export interface NotesServiceRow {
  structureKind: string;
  structureCode: string;
  subjectCode: string;
  shortLabel: string;
  longLabel: string;
  teacher: string;
}

/**
 * The child's marks of the current year, with their assessment, subject and teacher. Read as
 * tuples (`reads.tuples`), named by `markRowOf`, in the select's order: the page's widest read
 * (seventeen columns, a row a mark of the year).
 */
export const NOTES_MARKS = readQuery(
  'portal.notes.marks',
  `SELECT m.points AS "points", m.special AS "special", m.updated_at AS "updatedAt",
          m.entered_at AS "enteredAt",
          m.modified_after_publication_at AS "modifiedAt",
          a.id AS "assessmentId", a.label AS "label", a.day AS "day",
          a.scale_hundredths AS "scaleHundredths",
          a.coefficient_hundredths AS "coefficientHundredths", a.optional AS "optional",
          a.publishes_on AS "publishesOn", a.period_id AS "periodId",
          sj.code AS "subjectCode", sj.short_label AS "shortLabel", sj.long_label AS "longLabel",
          u.display_name AS "teacher"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN mark m ON m.student_id = s.id AND m.school_id = s.school_id
     JOIN assessment a ON a.id = m.assessment_id AND a.school_id = s.school_id
     JOIN period p ON p.id = a.period_id AND p.school_id = s.school_id
     JOIN school_year y ON y.id = p.school_year_id AND y.is_current
     JOIN teaching_service ts ON ts.id = a.teaching_service_id AND ts.school_id = s.school_id
     JOIN subject sj ON sj.id = ts.subject_id AND sj.school_id = s.school_id
     JOIN staff_user u ON u.id = ts.staff_user_id AND u.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2`,
);

/**
 * The child's marks of the current year with only what decides whether each is new (the home
 * tile's « 4 nouvelles notes »): NOTES_MARKS without the subject, teacher and labels.
 */
export const NOTES_TILE_MARKS = readQuery(
  'portal.notes.tileMarks',
  `SELECT m.points AS "points", m.special AS "special", m.updated_at AS "updatedAt",
          m.entered_at AS "enteredAt",
          m.modified_after_publication_at AS "modifiedAt",
          a.day AS "day", a.publishes_on AS "publishesOn", a.period_id AS "periodId"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN mark m ON m.student_id = s.id AND m.school_id = s.school_id
     JOIN assessment a ON a.id = m.assessment_id AND a.school_id = s.school_id
     JOIN period p ON p.id = a.period_id AND p.school_id = s.school_id
     JOIN school_year y ON y.id = p.school_year_id AND y.is_current
     JOIN teaching_service ts ON ts.id = a.teaching_service_id AND ts.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2`,
);

export interface NotesMarkRow {
  points: number | null;
  special: string | null;
  updatedAt: string;
  enteredAt: string | null;
  modifiedAt: string | null;
  assessmentId: number;
  label: string;
  day: string;
  scaleHundredths: number;
  coefficientHundredths: number;
  optional: unknown;
  publishesOn: string | null;
  periodId: number;
  subjectCode: string;
  shortLabel: string;
  longLabel: string;
  teacher: string;
}

/** A NOTES_MARKS tuple named, in the select's order. */
export const markRowOf = (t: readonly unknown[]): NotesMarkRow => ({
  points: t[0] as number | null,
  special: t[1] as string | null,
  updatedAt: t[2] as string,
  enteredAt: t[3] as string | null,
  modifiedAt: t[4] as string | null,
  assessmentId: t[5] as number,
  label: t[6] as string,
  day: t[7] as string,
  scaleHundredths: t[8] as number,
  coefficientHundredths: t[9] as number,
  optional: t[10],
  publishesOn: t[11] as string | null,
  periodId: t[12] as number,
  subjectCode: t[13] as string,
  shortLabel: t[14] as string,
  longLabel: t[15] as string,
  teacher: t[16] as string,
});

/** The subjects' coefficients in the child's division (1 where none is set). */
export const NOTES_COEFFICIENTS = readQuery(
  'portal.notes.coefficients',
  `SELECT c.subject_code AS "subjectCode", c.coefficient_hundredths AS "coefficientHundredths"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN subject_coefficient c ON c.division_id = s.division_id AND c.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2`,
);

/**
 * The class figures of the child's assessments of one period (`$3`): count, sum, lowest and
 * highest of the marks in points (integer hundredths, so the sum is exact); Abs, Disp, NN
 * and cleared cells have no points and are not counted, as in assessmentFigures. Only the
 * marks entered by `$4` (the page's instant: a preview of an earlier day).
 */
export const NOTES_CLASS_FIGURES = readQuery(
  'portal.notes.classFigures',
  `SELECT o.assessment_id AS "assessmentId", COUNT(o.points) AS "count",
          SUM(o.points) AS "sum", MIN(o.points) AS "lowest", MAX(o.points) AS "highest"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN mark m ON m.student_id = s.id AND m.school_id = s.school_id
     JOIN assessment a ON a.id = m.assessment_id AND a.school_id = s.school_id AND a.period_id = $3
     JOIN mark o ON o.assessment_id = a.id AND o.school_id = s.school_id AND o.entered_at <= $4
    WHERE x.account_id = $1 AND s.id = $2
    GROUP BY o.assessment_id`,
);

export interface NotesClassFiguresRow {
  assessmentId: number;
  count: number | string;
  sum: number | string | null;
  lowest: number | null;
  highest: number | null;
}
