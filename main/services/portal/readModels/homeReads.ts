import { readQuery } from '../../../db/preparedReads';

/**
 * The home page's reads (docs/FAMILY_READ_PATH.md). One row per child of the account — the
 * account's own columns and its waiting address repeated on each, the child's school beside
 * it — or a single row with no child and the account's own school. The account is the
 * scope: a child reaches the page only through `account_student` for that account.
 */
export const HOME_ROWS = readQuery(
  'portal.home.rows',
  `SELECT a.id AS "accountId", a.login AS "login", a.kind AS "kind",
          a.display_name AS "displayName", a.state AS "state", a.email AS "email",
          a.email_confirmed AS "emailConfirmed", a.previous_login_at AS "previousLoginAt",
          (SELECT t.email FROM account_token t
            WHERE t.account_id = a.id AND t.purpose = 'confirm_email' AND t.used_at IS NULL
              AND t.expires_at > $2
            ORDER BY t.id DESC LIMIT 1) AS "pendingEmail",
          s.id AS "studentId", s.first_name AS "firstName", s.last_name AS "lastName",
          s.birth_date AS "birthDate", d.code AS "divisionCode",
          sc.id AS "schoolId", sc.name AS "schoolName",
          sc.address_line1 AS "schoolLine1", sc.address_line2 AS "schoolLine2",
          sc.address_postal_code AS "schoolPostalCode", sc.address_city AS "schoolCity",
          sc.address_country AS "schoolCountry", sc.phone AS "schoolPhone",
          sc.email AS "schoolEmail", sc.families_may_email AS "familiesMayEmail",
          sc.welcome_message AS "welcomeMessage", sc.opened_services AS "openedServices",
          sc.grade_publication_mode AS "publicationMode",
          sc.student_delay_days AS "studentDelayDays", sc.parent_delay_days AS "parentDelayDays"
     FROM family_account a
     LEFT JOIN account_student x ON x.account_id = a.id
     LEFT JOIN student s ON s.id = x.student_id
     LEFT JOIN division d ON d.id = s.division_id
     LEFT JOIN school sc ON sc.id = COALESCE(s.school_id, a.school_id)
    WHERE a.id = $1`,
);

export interface HomeRow {
  accountId: number;
  login: string;
  kind: 'guardian' | 'student';
  displayName: string;
  state: string;
  email: string;
  emailConfirmed: unknown;
  previousLoginAt: string | null;
  pendingEmail: string | null;
  studentId: number | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  divisionCode: string | null;
  schoolId: number | null;
  schoolName: string | null;
  schoolLine1: string;
  schoolLine2: string;
  schoolPostalCode: string;
  schoolCity: string;
  schoolCountry: string;
  schoolPhone: string;
  schoolEmail: string;
  familiesMayEmail: unknown;
  welcomeMessage: string;
  openedServices: string;
  /** The notes tile's publication settings (countNewMarks), the child's school's. */
  publicationMode: string;
  studentDelayDays: number;
  parentDelayDays: number;
}

/** The accounts regrouped into this one (« compte joint »): their identifiants, sorted. */
export const JOINED_LOGINS = readQuery(
  'portal.home.joinedLogins',
  `SELECT login AS "login" FROM family_account WHERE merged_into_id = $1 ORDER BY login`,
);
