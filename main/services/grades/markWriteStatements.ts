import { readQuery } from '../../db/preparedReads';

/**
 * The statements of a mark's save (marks.save, marks.saveColumn), run inside its transaction
 * (transactionStatements): one read for the assessment with its service, subject, teacher,
 * period, school settings and the editor's name; the pupils; then a write that gives the row
 * back. Every read is scoped by the actor's school (`$2` or `$1`).
 */

/** The assessment (`$1`) of the school (`$2`), its teaching service and what the save needs. */
export const MARK_CONTEXT = readQuery(
  'grades.markSave.context',
  `SELECT a.id AS "id", a.teaching_service_id AS "teachingServiceId", a.period_id AS "periodId",
          a.label AS "label", a.day AS "day", a.scale_hundredths AS "scaleHundredths",
          a.publishes_on AS "publishesOn",
          ts.id AS "serviceId", ts.subject_id AS "subjectId", ts.structure_kind AS "structureKind",
          ts.structure_code AS "structureCode", ts.group_divisions AS "groupDivisions",
          ts.staff_user_id AS "teacherId", ts.source AS "source",
          sj.code AS "subjectCode", sj.short_label AS "shortLabel", sj.long_label AS "longLabel",
          u.display_name AS "teacherName",
          sc.grade_publication_mode AS "publicationMode",
          sc.student_delay_days AS "studentDelayDays", sc.parent_delay_days AS "parentDelayDays",
          me.display_name AS "actorName",
          p.id AS "periodRowId", p.label AS "periodLabel", p.ends_on AS "periodEndsOn",
          p.closes_on AS "periodClosesOn", p.publishes_on AS "periodPublishesOn"
     FROM assessment a
     JOIN school sc ON sc.id = a.school_id
     LEFT JOIN period p ON p.id = a.period_id AND p.school_id = a.school_id
     LEFT JOIN teaching_service ts ON ts.id = a.teaching_service_id AND ts.school_id = a.school_id
     LEFT JOIN subject sj ON sj.id = ts.subject_id AND sj.school_id = a.school_id
     LEFT JOIN staff_user u ON u.id = ts.staff_user_id AND u.school_id = a.school_id
     LEFT JOIN staff_user me ON me.id = $3
    WHERE a.id = $1 AND a.school_id = $2`,
);

export interface MarkContextRow {
  id: number;
  teachingServiceId: number;
  periodId: number;
  label: string;
  day: string;
  scaleHundredths: number;
  publishesOn: string | null;
  serviceId: number | null;
  subjectId: number;
  structureKind: string;
  structureCode: string;
  groupDivisions: string;
  teacherId: number;
  source: string;
  subjectCode: string | null;
  shortLabel: string | null;
  longLabel: string | null;
  teacherName: string | null;
  publicationMode: string;
  studentDelayDays: number;
  parentDelayDays: number;
  actorName: string | null;
  /** The assessment's period (null if not the school's): its lock and publication day. */
  periodRowId: number | null;
  periodLabel: string;
  periodEndsOn: string;
  periodClosesOn: string | null;
  periodPublishesOn: string | null;
}

/** The divisions a teacher (`$2`) is professeur principal of, in the school (`$1`). */
export const MAIN_DIVISIONS = readQuery(
  'grades.markSave.mainDivisions',
  `SELECT division_code AS "divisionCode" FROM main_teacher
    WHERE school_id = $1 AND staff_user_id = $2`,
);

/** The reopenings of a period (`$1`) for a teacher (`$2`). */
export const REOPENINGS = readQuery(
  'grades.markSave.reopenings',
  `SELECT period_id AS "periodId", teacher_id AS "teacherId", until_on AS "untilOn"
     FROM period_reopening WHERE period_id = $1 AND teacher_id = $2`,
);

const PUPIL = `s.id AS "id", s.last_name AS "lastName", s.first_name AS "firstName"`;
/** Any pupil of the school (`$1`) with a mark in the assessment (`$3`): who left keeps it. */
const MARKED = `SELECT ${PUPIL} FROM mark k JOIN student s ON s.id = k.student_id AND s.school_id = k.school_id
    WHERE k.assessment_id = $3 AND k.school_id = $1`;
/**
 * The pupils still at school of the division coded `$2` in the current year. Joined from the
 * division (`+s.school_id`: not by the school's index of 2,000 pupils, nor through an IN list
 * SQLite would build again at every cell).
 */
const IN_DIVISION = `SELECT ${PUPIL} FROM division d
     JOIN school_year y ON y.id = d.school_year_id AND y.school_id = d.school_id AND y.is_current
     JOIN student s ON s.division_id = d.id AND +s.school_id = d.school_id
    WHERE d.school_id = $1 AND d.code = $2 AND s.left_on IS NULL`;
/** The pupils still at school of the SIECLE group coded `$2` (group_membership). */
const IN_GROUP = `SELECT ${PUPIL} FROM student s
    WHERE s.school_id = $1 AND s.left_on IS NULL
      AND s.id IN (SELECT gm.student_id FROM group_membership gm
                    WHERE gm.school_id = $1 AND gm.group_code = $2)`;

/**
 * A service's pupils as servicePupils reads them (the division's or the group's, still at
 * school, and anyone with a mark in the assessment), each query with its one-pupil twin
 * (`$4`) for a single cell. UNION ALL (no sorting to drop duplicates): a pupil may come twice,
 * the caller keys them by id.
 */
export const SERVICE_PUPILS = {
  division: {
    all: readQuery('grades.markSave.divisionPupils', `${IN_DIVISION} UNION ALL ${MARKED}`),
    one: readQuery(
      'grades.markSave.divisionPupil',
      `${IN_DIVISION} AND s.id = $4 UNION ALL ${MARKED} AND k.student_id = $4`,
    ),
  },
  group: {
    all: readQuery('grades.markSave.groupPupils', `${IN_GROUP} UNION ALL ${MARKED}`),
    one: readQuery(
      'grades.markSave.groupPupil',
      `${IN_GROUP} AND s.id = $4 UNION ALL ${MARKED} AND k.student_id = $4`,
    ),
  },
};

export interface PupilRow {
  id: number;
  lastName: string;
  firstName: string;
}

const MARK_COLUMNS = `id AS "id", school_id AS "schoolId", assessment_id AS "assessmentId",
          student_id AS "studentId", points AS "points", special AS "special",
          updated_by AS "updatedBy", updated_at AS "updatedAt", entered_at AS "enteredAt",
          modified_after_publication_at AS "modifiedAfterPublicationAt", version AS "version"`;

/** One pupil's (`$2`) mark in the assessment (`$1`). */
export const MARK_OF_PUPIL = readQuery(
  'grades.markSave.mark',
  `SELECT ${MARK_COLUMNS} FROM mark WHERE assessment_id = $1 AND student_id = $2`,
);

/** Every mark of the assessment (`$1`), for a pasted column. */
export const MARKS_OF_ASSESSMENT = readQuery(
  'grades.markSave.marks',
  `SELECT ${MARK_COLUMNS} FROM mark WHERE assessment_id = $1`,
);

/** A new mark, given back as stored. */
export const INSERT_MARK = readQuery(
  'grades.markSave.insert',
  `INSERT INTO mark (school_id, assessment_id, student_id, points, special, updated_by,
          updated_at, entered_at, modified_after_publication_at, version)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, 1)
   RETURNING ${MARK_COLUMNS}`,
);

/** A mark (`$1`) changed over the version the window saw (`$2`): no row if it moved since. */
export const UPDATE_MARK = readQuery(
  'grades.markSave.update',
  `UPDATE mark SET points = $3, special = $4, updated_by = $5, updated_at = $6,
          entered_at = $7, modified_after_publication_at = $8, version = version + 1
    WHERE id = $1 AND version = $2
   RETURNING ${MARK_COLUMNS}`,
);

/** A staff member's display name (who changed a mark meanwhile). */
export const STAFF_NAME = readQuery(
  'grades.markSave.staffName',
  `SELECT display_name AS "displayName" FROM staff_user WHERE id = $1`,
);
