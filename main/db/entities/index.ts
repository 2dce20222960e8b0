import { EntitySchema } from 'typeorm';
import { addressColumns, bool, instant, int, isoDate, longText, pk, str } from '../columns';
import type {
  AuditLogRow,
  NomenclatureLabelRow,
  DivisionRow,
  GuardianRow,
  PeriodRow,
  SchoolRow,
  SchoolYearRow,
  StaffSessionRow,
  StaffUserRow,
  StudentGuardianRow,
  StudentRow,
} from './rows';
import { ACCOUNT_ENTITIES } from './accounts';
import { LoginThrottleEntity } from './throttle';
import { SiecleExportMarkEntity } from './importMarks';
import { MAIL_ENTITIES } from './mail';
import { PORTAL_ENTITIES } from './portal';
import { TEACHING_ENTITIES } from './teaching';
import { GRADING_ENTITIES } from './grading';
import { ASSESSMENT_ENTITIES } from './assessments';
import { SCHOOL_LIFE_ENTITIES } from './schoolLife';
import { JUSTIFICATION_ENTITIES } from './justifications';
import { INFO_SHEET_ENTITIES } from './infoSheets';
import { GroupMembershipEntity } from './groupMemberships';
import { DIGEST_ENTITIES } from './digest';
import { DEFAULT_DIGEST_HOUR } from '../../../shared/domain/digest/digestSchedule';

// EntitySchema rather than decorators: plain objects, no reflect-metadata, and every
// column's SQL type stated (see columns.ts). The tables themselves are made by migrations.

export const SchoolEntity = new EntitySchema<SchoolRow>({
  name: 'School',
  tableName: 'school',
  columns: {
    id: pk(),
    uai: str('uai', 8),
    name: str('name', 200),
    ...addressColumns('address_'),
    phone: str('phone', 30),
    email: str('email', 254),
    academie: str('academie', 100),
    portalUrl: str('portal_url', 300),
    welcomeMessage: longText('welcome_message'),
    familiesMayEmail: bool('families_may_email'),
    gradePublicationMode: str('grade_publication_mode', 20),
    openedServices: str('opened_services', 300),
    // Defaults as in the migration: an insert that leaves them out gets them.
    portalBind: { ...str('portal_bind', 45), default: '127.0.0.1' },
    portalPort: { ...int('portal_port'), default: 3211 },
    portalTrustedProxy: { ...str('portal_trusted_proxy', 200), default: '' },
    publicationDirector: { ...str('publication_director', 200), default: '' },
    studentDelayDays: { ...int('student_delay_days'), default: 0 },
    parentDelayDays: { ...int('parent_delay_days'), default: 0 },
    digestHour: { ...int('digest_hour'), default: DEFAULT_DIGEST_HOUR },
    letterWindow: str('letter_window', 5),
    createdAt: instant('created_at'),
  },
});

export const SchoolYearEntity = new EntitySchema<SchoolYearRow>({
  name: 'SchoolYear',
  tableName: 'school_year',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    label: str('label', 9),
    startsOn: isoDate('starts_on'),
    endsOn: isoDate('ends_on'),
    isCurrent: bool('is_current'),
  },
});

export const PeriodEntity = new EntitySchema<PeriodRow>({
  name: 'Period',
  tableName: 'period',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    schoolYearId: int('school_year_id'),
    code: str('code', 10),
    label: str('label', 60),
    startsOn: isoDate('starts_on'),
    endsOn: isoDate('ends_on'),
    level: { ...str('level', 10), default: '' },
    closesOn: isoDate('closes_on', true),
    publishesOn: isoDate('publishes_on', true),
  },
});

export const DivisionEntity = new EntitySchema<DivisionRow>({
  name: 'Division',
  tableName: 'division',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    schoolYearId: int('school_year_id'),
    code: str('code', 30),
    label: str('label', 100),
    level: str('level', 10),
  },
});

export const StudentEntity = new EntitySchema<StudentRow>({
  name: 'Student',
  tableName: 'student',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    siecleId: str('siecle_id', 20, true),
    ine: str('ine', 11),
    lastName: str('last_name', 100),
    firstName: str('first_name', 100),
    firstName2: str('first_name2', 100),
    firstName3: str('first_name3', 100),
    sex: str('sex', 1),
    birthDate: isoDate('birth_date', true),
    birthCommune: str('birth_commune', 100),
    birthDepartment: str('birth_department', 3),
    birthCountry: str('birth_country', 100),
    divisionId: int('division_id', true),
    regime: str('regime', 30),
    regimeCode: str('regime_code', 4),
    mefCode: str('mef_code', 11),
    groups: str('groups', 300),
    ...addressColumns('address_'),
    // Set by the SIECLE import only: every other writer leaves it ''.
    addressCountryCode: { ...str('address_country_code', 3), default: '' },
    addressSameAsGuardian1: bool('address_same_as_guardian1'),
    phoneHome: str('phone_home', 30),
    phoneMobile: str('phone_mobile', 30),
    email: str('email', 254),
    leftOn: isoDate('left_on', true),
    searchLast: str('search_last', 100),
    searchFirst: str('search_first', 100),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
});

export const GuardianEntity = new EntitySchema<GuardianRow>({
  name: 'Guardian',
  tableName: 'guardian',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    siecleId: str('siecle_id', 20, true),
    civility: str('civility', 10),
    lastName: str('last_name', 100),
    firstName: str('first_name', 100),
    profession: str('profession', 100),
    professionCode: str('profession_code', 4),
    ...addressColumns('address_'),
    // Set by the SIECLE import only: every other writer leaves it ''.
    addressCountryCode: { ...str('address_country_code', 3), default: '' },
    sharesAddress: bool('shares_address'),
    phoneHome: str('phone_home', 30),
    phoneWork: str('phone_work', 30),
    phoneMobile: str('phone_mobile', 30),
    acceptsSms: bool('accepts_sms'),
    email: str('email', 254),
    searchLast: str('search_last', 100),
    searchFirst: str('search_first', 100),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
});

export const StudentGuardianEntity = new EntitySchema<StudentGuardianRow>({
  name: 'StudentGuardian',
  tableName: 'student_guardian',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    studentId: int('student_id'),
    guardianId: int('guardian_id'),
    relationship: str('relationship', 4),
    legalRank: int('legal_rank', true),
    responsibilityLevel: int('responsibility_level'),
  },
});

export const StaffUserEntity = new EntitySchema<StaffUserRow>({
  name: 'StaffUser',
  tableName: 'staff_user',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    login: str('login', 60),
    displayName: str('display_name', 120),
    role: str('role', 20),
    passwordHash: str('password_hash', 200),
    mustChangePassword: bool('must_change_password'),
    active: bool('active'),
    failedAttempts: int('failed_attempts'),
    lockedUntil: instant('locked_until', true),
    lastLoginAt: instant('last_login_at', true),
    createdAt: instant('created_at'),
  },
});

export const StaffSessionEntity = new EntitySchema<StaffSessionRow>({
  name: 'StaffSession',
  tableName: 'staff_session',
  columns: {
    id: pk(),
    tokenHash: str('token_hash', 64),
    staffUserId: int('staff_user_id'),
    createdAt: instant('created_at'),
    expiresAt: instant('expires_at'),
    lastSeenAt: instant('last_seen_at'),
  },
});

export const AuditLogEntity = new EntitySchema<AuditLogRow>({
  name: 'AuditLog',
  tableName: 'audit_log',
  columns: {
    id: pk(),
    schoolId: int('school_id', true),
    at: instant('at'),
    actorId: int('actor_id', true),
    actorLabel: str('actor_label', 200),
    action: str('action', 60),
    targetType: str('target_type', 40),
    targetId: str('target_id', 40),
    targetLabel: str('target_label', 200),
    details: longText('details'),
  },
});

export const NomenclatureLabelEntity = new EntitySchema<NomenclatureLabelRow>({
  name: 'NomenclatureLabel',
  tableName: 'nomenclature_label',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    list: str('list', 40),
    code: str('code', 20),
    label: str('label', 200),
  },
});

export * from './accounts';
export * from './throttle';
export * from './importMarks';
export * from './mail';
export * from './teaching';
export * from './grading';
export * from './assessments';
export * from './schoolLife';
export * from './justifications';
export * from './infoSheets';
export * from './groupMemberships';
export * from './digest';

export const ENTITIES = [
  ...ACCOUNT_ENTITIES,
  ...MAIL_ENTITIES,
  ...PORTAL_ENTITIES,
  ...TEACHING_ENTITIES,
  ...GRADING_ENTITIES,
  ...ASSESSMENT_ENTITIES,
  ...SCHOOL_LIFE_ENTITIES,
  ...JUSTIFICATION_ENTITIES,
  ...INFO_SHEET_ENTITIES,
  GroupMembershipEntity,
  ...DIGEST_ENTITIES,
  LoginThrottleEntity,
  SiecleExportMarkEntity,
  NomenclatureLabelEntity,
  SchoolEntity,
  SchoolYearEntity,
  PeriodEntity,
  DivisionEntity,
  StudentEntity,
  GuardianEntity,
  StudentGuardianEntity,
  StaffUserEntity,
  StaffSessionEntity,
  AuditLogEntity,
];
