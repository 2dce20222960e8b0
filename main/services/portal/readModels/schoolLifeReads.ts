import {
  SCHOOL_LIFE_EVENT_KIND_KEYS,
  SCHOOL_LIFE_EVENT_KINDS,
  type PublicationGate,
} from '../../../../shared/domain/vieScolaire/eventKinds';
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

/** The kinds a publication gate opens, as an SQL list: `'absence', 'lateness'`. */
const kindsGatedBy = (gate: PublicationGate) =>
  SCHOOL_LIFE_EVENT_KIND_KEYS.filter((kind) => SCHOOL_LIFE_EVENT_KINDS[kind].gate === gate)
    .map((kind) => `'${kind}'`)
    .join(', ');

/** The rows (alias `e`) of a kind families may see with its flag set (`$5`: true). */
const PUBLISHED_WITH_FLAG = `((e.kind IN (${kindsGatedBy('publishableOnline')}) AND e.publishable_online = $5)
        OR (e.kind IN (${kindsGatedBy('familyNotified')}) AND e.family_notified_at IS NOT NULL))`;

/**
 * One child's events that began in [$3, $4) (instants), with their motif and the latest
 * justification sent for each. Only the rows whose kind's flag is set are read (`$5`: true),
 * the kinds and flags taken from the publication module's table (eventKinds.ts) so that the
 * read cannot drift from it: a never-published kind, or an absence not « publiable en
 * ligne », is not even read. The publication rule itself (J+1 among others) is still applied
 * to every row read, afterwards: it decides; the read only leaves out what it would refuse.
 * Read as tuples (`reads.tuples`), named by `eventRowOf`, in the select's order.
 */
export const SCHOOL_LIFE_EVENTS = readQuery(
  'portal.schoolLife.events',
  `SELECT e.id, e.kind, e.starts_at, e.ends_at, e.minutes, e.justified, e.publishable_online,
          e.family_notified_at, e.sanction_kind, e.suspended, e.processed,
          m.label, m.confidential,
          j.status, j.comment, jm.label, j.submitted_at, j.decided_at, j.decision_comment,
          e.suspended_until
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school_life_event e ON e.student_id = s.id AND e.school_id = s.school_id
     LEFT JOIN motif m ON m.id = e.motif_id AND m.school_id = e.school_id
     LEFT JOIN absence_justification j ON j.id =
          (SELECT MAX(j2.id) FROM absence_justification j2
            WHERE j2.event_id = e.id AND j2.school_id = e.school_id)
     LEFT JOIN motif jm ON jm.id = j.motif_id AND jm.school_id = j.school_id
    WHERE x.account_id = $1 AND s.id = $2 AND e.starts_at >= $3 AND e.starts_at < $4
      AND ${PUBLISHED_WITH_FLAG}`,
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
  /** R511-13-1: the last day the sursis may be revoked ('YYYY-MM-DD'), null without one. */
  suspendedUntil: string | null;
}

/** A SCHOOL_LIFE_EVENTS tuple named, in the select's order. */
export const eventRowOf = (t: readonly unknown[]): SchoolLifeEventRow => ({
  id: t[0] as number,
  kind: t[1] as string,
  startsAt: t[2] as string,
  endsAt: t[3] as string,
  minutes: t[4] as number | null,
  justified: t[5],
  publishableOnline: t[6],
  familyNotifiedAt: t[7] as string | null,
  sanctionKind: t[8] as string | null,
  suspended: t[9],
  processed: t[10],
  motifLabel: t[11] as string | null,
  motifConfidential: t[12],
  justificationStatus: t[13] as string | null,
  justificationComment: t[14] as string | null,
  justificationMotif: t[15] as string | null,
  justificationSubmittedAt: t[16] as string | null,
  justificationDecidedAt: t[17] as string | null,
  justificationDecisionComment: t[18] as string | null,
  suspendedUntil: t[19] as string | null,
});

/**
 * The home tile's absences: one child's processed absences begun in [$3, $4), only their span
 * and the facts the publication rule reads (the tile shows no motif, no justification), left
 * out in SQL as SCHOOL_LIFE_EVENTS does when their flag is not set. Tuples: start, end,
 * « publiable en ligne », family notified at.
 */
export const SCHOOL_LIFE_TILE_ABSENCES = readQuery(
  'portal.schoolLife.tileAbsences',
  `SELECT e.starts_at, e.ends_at, e.publishable_online, e.family_notified_at
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school_life_event e ON e.student_id = s.id AND e.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2 AND e.starts_at >= $3 AND e.starts_at < $4
      AND e.kind = 'absence' AND e.processed = $5 AND ${PUBLISHED_WITH_FLAG}`,
);

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
