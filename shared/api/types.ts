import type { StaffRole } from '../domain/roles';
import type { GradePublicationMode, Level, Regime, ServiceKey } from '../domain/school';
import type { RelationshipCode, ResponsibilityLevel } from '../domain/relationship';

/** Dates are 'YYYY-MM-DD'; instants are ISO 8601 strings. */
export type IsoDate = string;
export type IsoInstant = string;

export interface SchoolRef {
  id: number;
  uai: string;
  name: string;
}

export interface StaffSession {
  userId: number;
  login: string;
  displayName: string;
  role: StaffRole;
  mustChangePassword: boolean;
  school: SchoolRef;
}

export interface LoginResult {
  session: StaffSession;
  /** Handed to the transport (cookie or IPC); the renderer never sees it in web mode. */
  token: string;
}

export interface SetupStatus {
  hasSchool: boolean;
}

export interface SetupResult {
  school: SchoolRef;
  directionLogin: string;
  /** Shown once, then only its hash is kept. */
  directionPassword: string;
}

export interface Address {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface SchoolSettings {
  uai: string;
  name: string;
  address: Address;
  phone: string;
  email: string;
  academie: string;
  portalUrl: string;
  welcomeMessage: string;
  familiesMayEmail: boolean;
  gradePublicationMode: GradePublicationMode;
  openedServices: ServiceKey[];
}

export interface SchoolYearInfo {
  label: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  periods: { code: string; label: string; startsOn: IsoDate; endsOn: IsoDate }[];
}

export interface DivisionSummary {
  id: number;
  code: string;
  label: string;
  level: Level;
  studentCount: number;
}

export interface StudentListItem {
  id: number;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: IsoDate | null;
  divisionId: number | null;
  divisionCode: string | null;
  leftOn: IsoDate | null;
}

export interface StudentSearchResult {
  items: StudentListItem[];
  /** True when more rows matched than were returned. */
  truncated: boolean;
}

export interface GuardianLink {
  guardianId: number;
  civility: string;
  lastName: string;
  firstName: string;
  relationship: RelationshipCode;
  /** From the school's SIECLE nomenclature when imported, else Pupitre's own label. */
  relationshipLabel: string;
  legalRank: 1 | 2 | null;
  responsibilityLevel: ResponsibilityLevel;
  email: string;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
}

export interface StudentDetail extends StudentListItem {
  firstName2: string;
  firstName3: string;
  sex: 'M' | 'F';
  birthCommune: string;
  birthDepartment: string;
  birthCountry: string;
  regime: Regime;
  /** From the school's SIECLE nomenclature when imported, else Pupitre's own label. */
  regimeLabel: string;
  address: Address;
  addressSameAsGuardian1: boolean;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  /** Empty for roles that may not see guardians' contact details (teachers). */
  guardians: GuardianLink[];
  guardiansHidden: boolean;
  /** Address, phones and e-mail blanked for roles that may not see them (teachers). */
  contactHidden: boolean;
}

export interface GuardianChild {
  studentId: number;
  lastName: string;
  firstName: string;
  divisionCode: string | null;
  relationship: RelationshipCode;
  /** From the school's SIECLE nomenclature when imported, else Pupitre's own label. */
  relationshipLabel: string;
  legalRank: 1 | 2 | null;
  responsibilityLevel: ResponsibilityLevel;
  leftOn: IsoDate | null;
}

export interface GuardianDetail {
  id: number;
  civility: string;
  lastName: string;
  firstName: string;
  profession: string;
  address: Address;
  sharesAddress: boolean;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  acceptsSms: boolean;
  email: string;
  children: GuardianChild[];
}

export interface DashboardSummary {
  schoolName: string;
  schoolYear: string | null;
  studentCount: number;
  divisionCount: number;
  guardianCount: number;
  guardiansWithoutEmail: number;
  studentsWithoutDivision: number;
}

export interface StaffUserSummary {
  id: number;
  login: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  lastLoginAt: IsoInstant | null;
}

export interface NewPasswordResult {
  user: StaffUserSummary;
  /** Shown once to the direction, who hands it over; only its hash is kept. */
  temporaryPassword: string;
}

export interface AuditEntry {
  id: number;
  at: IsoInstant;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `beforeId` to get the next page; null at the end. */
  nextBeforeId: number | null;
}

/** A file handed to the import, stored server-side until the preview is applied or cancelled. */
export interface ImportUpload {
  uploadId: string;
  fileName: string;
  bytes: number;
}

export type ImportFileKind = 'eleves' | 'responsables' | 'nomenclature';

export interface ImportFileSummary {
  fileName: string;
  kind: ImportFileKind;
  kindLabel: string;
  uaj: string;
  schoolYear: number | null;
  exportDate: IsoDate | null;
  records: number;
}

/** One line of the preview: who, and what changes for them. */
export interface ImportLine {
  /** SIECLE key (ELEVE_ID / PERSONNE_ID), for lists and tests. */
  key: string;
  /** The person, e.g. "DUPONT Léa (4B)". */
  label: string;
  /** What changes, e.g. "4B → 4C" or "Téléphone portable : 06… → 07…". */
  detail: string;
}

export interface ImportProblem {
  /** Blocking problems prevent applying; the others are warnings. */
  blocking: boolean;
  fileName: string | null;
  line: number | null;
  message: string;
}

export interface ImportPreview {
  previewId: string;
  files: ImportFileSummary[];
  problems: ImportProblem[];
  canApply: boolean;
  /** True when applying would change nothing: the database is already up to date. */
  unchanged: boolean;
  students: {
    added: ImportLine[];
    left: ImportLine[];
    unplaced: ImportLine[];
    moved: ImportLine[];
    changed: ImportLine[];
    unchangedCount: number;
  };
  guardians: {
    added: ImportLine[];
    changed: ImportLine[];
    removed: ImportLine[];
    sharedBySiblings: ImportLine[];
  };
  links: { added: ImportLine[]; changed: ImportLine[]; removed: ImportLine[] };
  divisions: { added: string[] };
  labels: { added: number; changed: number };
}

export interface ImportResult {
  counts: Record<string, number>;
}
