import { readQuery } from '../../db/preparedReads';

/** The accounts whose digest is on, with a confirmed address, and their school's hour. */
export const DIGEST_ACCOUNTS = readQuery(
  'digest.accounts',
  `SELECT a.id AS "accountId", a.school_id AS "schoolId", a.kind AS "kind",
          a.email AS "email", a.last_login_at AS "lastLoginAt",
          g.since_at AS "sinceAt", g.last_sent_on AS "lastSentOn",
          sc.digest_hour AS "schoolHour", sc.portal_url AS "portalUrl", sc.name AS "schoolName"
     FROM family_digest g
     JOIN family_account a ON a.id = g.account_id
     JOIN school sc ON sc.id = a.school_id
    WHERE g.enabled = $1 AND a.email_confirmed = $1 AND a.email <> '' AND a.state = 'active'
    ORDER BY a.id`,
);

export interface DigestAccountRow {
  accountId: number;
  schoolId: number;
  kind: 'guardian' | 'student';
  email: string;
  lastLoginAt: string | null;
  sinceAt: string;
  lastSentOn: string | null;
  schoolHour: number | null;
  portalUrl: string;
  schoolName: string;
}

/** The account's children and which services their school opened. */
export const DIGEST_CHILDREN = readQuery(
  'digest.children',
  `SELECT s.id AS "studentId", s.first_name AS "firstName", sc.opened_services AS "openedServices",
          sc.grade_publication_mode AS "publicationMode",
          sc.student_delay_days AS "studentDelayDays", sc.parent_delay_days AS "parentDelayDays"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school sc ON sc.id = s.school_id
    WHERE x.account_id = $1
    ORDER BY s.birth_date, s.id`,
);

export interface DigestChildRow {
  studentId: number;
  firstName: string;
  openedServices: string;
  /** The school's grade publication settings: the marks' count (countNewMarks) needs them. */
  publicationMode: string;
  studentDelayDays: number;
  parentDelayDays: number;
}

/**
 * The child's events that may have reached the portal after `$3`: begun at most a day before
 * it (J+1), recorded after it, or the family told of them after it (sanctions).
 */
export const DIGEST_EVENTS = readQuery(
  'digest.events',
  `SELECT e.kind AS "kind", e.starts_at AS "startsAt", e.recorded_at AS "recordedAt",
          e.publishable_online AS "publishableOnline", e.family_notified_at AS "familyNotifiedAt"
     FROM account_student x
     JOIN student s ON s.id = x.student_id
     JOIN school_life_event e ON e.student_id = s.id AND e.school_id = s.school_id
    WHERE x.account_id = $1 AND s.id = $2
      AND (e.starts_at >= $4 OR e.recorded_at > $3 OR e.family_notified_at > $3)`,
);

export interface DigestEventRow {
  kind: string;
  startsAt: string;
  recordedAt: string;
  publishableOnline: boolean | number;
  familyNotifiedAt: string | null;
}
