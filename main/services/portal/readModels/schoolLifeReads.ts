import { readQuery } from '../../../db/preparedReads';

/**
 * The « Vie scolaire » page's reads (docs/FAMILY_READ_PATH.md). Every child row and every
 * event is reached through `account_student` for the account, and events are joined on the
 * student's school as well: another family's child, or a row of another school, gives none.
 */

/** The account's children, each with its school's half-day settings and current year. */
export const SCHOOL_LIFE_CHILDREN = readQuery(
  'portal.schoolLife.children',
  `SELECT s.id AS "studentId", s.first_name AS "firstName", s.last_name AS "lastName",
          s.birth_date AS "birthDate", d.code AS "divisionCode", d.level AS "level",
          sc.id AS "schoolId", sc.name AS "schoolName", sc.opened_services AS "openedServices",
          st.midday_boundary AS "middayBoundary", st.closed_periods AS "closedPeriods",
          (SELECT y.starts_on FROM school_year y
            WHERE y.school_id = s.school_id AND y.is_current = $2
            ORDER BY y.id DESC LIMIT 1) AS "yearStartsOn"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school sc ON sc.id = s.school_id
     LEFT JOIN division d ON d.id = s.division_id
     LEFT JOIN school_life_setting st ON st.school_id = s.school_id
    WHERE x.account_id = $1`,
);

export interface SchoolLifeChildRow {
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  divisionCode: string | null;
  level: string | null;
  schoolId: number;
  schoolName: string;
  openedServices: string;
  middayBoundary: string | null;
  closedPeriods: string | null;
  yearStartsOn: string | null;
}

/**
 * One child's events that began in [$3, $4) (instants), with their motif and the latest
 * justification sent for each. The publication rule is applied to these rows afterwards.
 */
export const SCHOOL_LIFE_EVENTS = readQuery(
  'portal.schoolLife.events',
  `SELECT e.id AS "id", e.kind AS "kind", e.starts_at AS "startsAt", e.ends_at AS "endsAt",
          e.minutes AS "minutes", e.justified AS "justified",
          e.publishable_online AS "publishableOnline",
          e.family_notified_at AS "familyNotifiedAt", e.sanction_kind AS "sanctionKind",
          e.suspended AS "suspended", e.processed AS "processed",
          m.label AS "motifLabel", m.confidential AS "motifConfidential",
          j.status AS "justificationStatus", j.comment AS "justificationComment",
          jm.label AS "justificationMotif", j.submitted_at AS "justificationSubmittedAt",
          j.decided_at AS "justificationDecidedAt",
          j.decision_comment AS "justificationDecisionComment"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school_life_event e ON e.student_id = s.id AND e.school_id = s.school_id
     LEFT JOIN motif m ON m.id = e.motif_id AND m.school_id = e.school_id
     LEFT JOIN absence_justification j ON j.id =
          (SELECT MAX(j2.id) FROM absence_justification j2
            WHERE j2.event_id = e.id AND j2.school_id = e.school_id)
     LEFT JOIN motif jm ON jm.id = j.motif_id AND jm.school_id = j.school_id
    WHERE x.account_id = $1 AND s.id = $2 AND e.starts_at >= $3 AND e.starts_at < $4`,
);

export interface SchoolLifeEventRow {
  id: number;
  kind: string;
  startsAt: string;
  endsAt: string;
  minutes: number | null;
  justified: unknown;
  publishableOnline: unknown;
  familyNotifiedAt: string | null;
  sanctionKind: string | null;
  suspended: unknown;
  processed: unknown;
  motifLabel: string | null;
  motifConfidential: unknown;
  justificationStatus: string | null;
  justificationComment: string | null;
  justificationMotif: string | null;
  justificationSubmittedAt: string | null;
  justificationDecidedAt: string | null;
  justificationDecisionComment: string | null;
}

/** The motifs a family may choose to justify an absence: open to families, active, not confidential. */
export const FAMILY_MOTIFS = readQuery(
  'portal.schoolLife.motifs',
  `SELECT id AS "id", label AS "label" FROM motif
    WHERE school_id = $1 AND open_to_families = $2 AND active = $2 AND confidential = $3`,
);

/** The school's periods holding a day (the home tile's « ce trimestre »). */
export const PERIODS_OF_DAY = readQuery(
  'portal.schoolLife.periods',
  `SELECT code AS "code", level AS "level", starts_on AS "startsOn", ends_on AS "endsOn"
     FROM period WHERE school_id = $1 AND starts_on <= $2 AND ends_on >= $2`,
);
