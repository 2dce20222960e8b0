import type { StaffRole } from './roles';

/**
 * Who may do what on the staff side (SPEC §2), in one place: the contract names these
 * groups on each call, the dispatcher and the window check calls against them, and the
 * services ask the same questions about what a role may see.
 */
export const ALL_STAFF = [
  'direction',
  'secretariat',
  'cpe',
  'teacher',
] as const satisfies readonly StaffRole[];
/** The school office: everyone who handles families' records. */
export const OFFICE = ['direction', 'secretariat', 'cpe'] as const satisfies readonly StaffRole[];
export const DIRECTION = ['direction'] as const satisfies readonly StaffRole[];
/** Who may bring SIECLE exports in (SPEC §2: direction and secrétariat). */
export const IMPORTERS = ['direction', 'secretariat'] as const satisfies readonly StaffRole[];

/** Who works on marks (SPEC §2: teachers their classes', direction everything). */
export const GRADERS = ['direction', 'teacher'] as const satisfies readonly StaffRole[];

/** Who handles family accounts and their letters (SPEC §2, §4.5: direction and secrétariat). */
/**
 * The « relevé de notes » for families without the portal: direction and the secrétariat (who
 * post it) for any division, a teacher only as professeur principal of the pupil's division
 * (checked by the service). Not the CPE: vie scolaire reads no marks anywhere else either.
 */
export const REPORT_CARD_PRINTERS = [
  'direction',
  'secretariat',
  'teacher',
] as const satisfies readonly StaffRole[];

export const ACCOUNT_HOLDERS = ['direction', 'secretariat'] as const satisfies readonly StaffRole[];

/**
 * Who opens a family's « Aperçu du portail »: the account holders, and the CPE, whose follow-up
 * needs what the family reads of its vie scolaire (issue 17 §4). Read-only; the notes part
 * stays the account holders' (previewNotes), the vie scolaire part the keepers'.
 */
export const PORTAL_PREVIEWERS = [
  'direction',
  'secretariat',
  'cpe',
] as const satisfies readonly StaffRole[];

/** What a user holding a temporary password may still do: see who they are, leave, change it. */
export const CALLS_ALLOWED_WITH_TEMPORARY_PASSWORD: readonly string[] = [
  'session.me',
  'session.logout',
  'session.changePassword',
];

export function allowedWithTemporaryPassword(name: string): boolean {
  return CALLS_ALLOWED_WITH_TEMPORARY_PASSWORD.includes(name);
}

/** Guardians (and so their names, links and contact details) are for the office only. */
export function seesGuardians(role: StaffRole): boolean {
  return (OFFICE as readonly StaffRole[]).includes(role);
}

/**
 * A pupil's address and phones are usually a guardian's: the same roles see them. A teacher
 * sees a pupil's name, date of birth and division, nothing to reach the family with.
 */
export function seesContactDetails(role: StaffRole): boolean {
  return seesGuardians(role);
}

/** What each group of roles may do, in words, for the confirmation before a role change. */
const POWERS: { roles: readonly StaffRole[]; label: string }[] = [
  {
    roles: DIRECTION,
    label: 'les paramètres de l’établissement et des courriels, les utilisateurs et le journal',
  },
  { roles: ACCOUNT_HOLDERS, label: 'les comptes des familles et les courriers de notification' },
  { roles: IMPORTERS, label: 'l’import SIECLE' },
  { roles: OFFICE, label: 'les fiches des responsables et les coordonnées des familles' },
];

/** What a person loses when their role goes from one to the other; empty when nothing. */
export function powersLost(from: StaffRole, to: StaffRole): string[] {
  return POWERS.filter(({ roles }) => roles.includes(from) && !roles.includes(to)).map(
    ({ label }) => label,
  );
}
