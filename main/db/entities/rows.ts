/** Row shapes of the tables, as TypeORM hydrates them. They never leave main/. */
export interface AddressRow {
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface SchoolRow extends AddressRow {
  id: number;
  uai: string;
  name: string;
  phone: string;
  email: string;
  academie: string;
  portalUrl: string;
  welcomeMessage: string;
  familiesMayEmail: boolean;
  gradePublicationMode: string;
  openedServices: string;
  /** Which window of a DL envelope the letters' address shows through. */
  letterWindow: string;
  /** The interface the desktop app's portal listens on (127.0.0.1: this computer only). */
  portalBind: string;
  portalPort: number;
  /** Reverse proxies in front of the portal, comma-separated addresses; '' for none. */
  portalTrustedProxy: string;
  /** « Directeur de la publication » of the portal's « Mentions légales ». */
  publicationDirector: string;
  /** Days after an assessment before its mark reaches the student (« à date »: after the publication day). */
  studentDelayDays: number;
  /** Days after the student before the parents see it. */
  parentDelayDays: number;
  /** The Paris hour from which the family e-mail digest goes (see digestSchedule.ts). */
  digestHour: number;
  createdAt: string;
}

export interface SchoolYearRow {
  id: number;
  schoolId: number;
  label: string;
  startsOn: string;
  endsOn: string;
  isCurrent: boolean;
}

export interface PeriodRow {
  id: number;
  schoolId: number;
  schoolYearId: number;
  code: string;
  label: string;
  startsOn: string;
  endsOn: string;
  /** A level (« 1re ») with periods of its own; '' for the school's. */
  level: string;
  closesOn: string | null;
  publishesOn: string | null;
}

export interface PeriodReopeningRow {
  id: number;
  schoolId: number;
  periodId: number;
  teacherId: number;
  untilOn: string;
  createdAt: string;
}

export interface SubjectCoefficientRow {
  id: number;
  schoolId: number;
  divisionId: number;
  subjectCode: string;
  coefficientHundredths: number;
}

export interface DivisionRow {
  id: number;
  schoolId: number;
  schoolYearId: number;
  code: string;
  label: string;
  level: string;
}

export interface StudentRow extends AddressRow {
  id: number;
  schoolId: number;
  siecleId: string | null;
  ine: string;
  lastName: string;
  firstName: string;
  firstName2: string;
  firstName3: string;
  sex: string;
  birthDate: string | null;
  birthCommune: string;
  birthDepartment: string;
  birthCountry: string;
  divisionId: number | null;
  regime: string;
  /** SIECLE CODE_REGIME, '' when entered by hand. */
  regimeCode: string;
  mefCode: string;
  /**
   * SIECLE's groups (TYPE_STRUCTURE G) as text, « 4LAT1,AGL2 », kept for display and for the
   * readers that show it; group_membership is the truth the grades, rolls and lists read
   * (issue 16 §1). The import writes both in one transaction.
   */
  groups: string;
  /**
   * SIECLE's CODE_PAYS for an address abroad (« 131 »), as the import brought it; '' for
   * France, for an address typed here, and once a family's accepted country replaces it.
   */
  addressCountryCode: string;
  addressSameAsGuardian1: boolean;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  leftOn: string | null;
  searchLast: string;
  searchFirst: string;
  createdAt: string;
  updatedAt: string;
}

export interface GuardianRow extends AddressRow {
  id: number;
  schoolId: number;
  siecleId: string | null;
  civility: string;
  lastName: string;
  firstName: string;
  profession: string;
  professionCode: string;
  /**
   * SIECLE's CODE_PAYS for an address abroad (« 131 »), as the import brought it; '' for
   * France, for an address typed here, and once a family's accepted country replaces it.
   */
  addressCountryCode: string;
  sharesAddress: boolean;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  acceptsSms: boolean;
  email: string;
  searchLast: string;
  searchFirst: string;
  createdAt: string;
  updatedAt: string;
}

export interface StudentGuardianRow {
  id: number;
  schoolId: number;
  studentId: number;
  guardianId: number;
  relationship: string;
  legalRank: number | null;
  responsibilityLevel: number;
}

export interface StaffUserRow {
  id: number;
  schoolId: number;
  login: string;
  displayName: string;
  role: string;
  passwordHash: string;
  mustChangePassword: boolean;
  active: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface StaffSessionRow {
  id: number;
  tokenHash: string;
  staffUserId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface AuditLogRow {
  id: number;
  schoolId: number | null;
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  details: string;
}

export interface NomenclatureLabelRow {
  id: number;
  schoolId: number;
  list: string;
  code: string;
  label: string;
}
