import { EntitySchema } from 'typeorm';
import { bool, instant, int, isoDate, longText, pk, str } from '../columns';

export interface MotifRow {
  id: number;
  schoolId: number;
  label: string;
  legitimate: boolean;
  openToFamilies: boolean;
  confidential: boolean;
  active: boolean;
}

export interface SchoolLifeEventRow {
  id: number;
  schoolId: number;
  studentId: number;
  kind: string;
  startsAt: string;
  endsAt: string;
  minutes: number | null;
  motifId: number | null;
  justified: boolean;
  publishableOnline: boolean;
  familyNotifiedAt: string | null;
  familyNotifiedBy: string | null;
  sanctionKind: string | null;
  suspended: boolean;
  /** R511-13-1: the last day a sursis may be revoked ('YYYY-MM-DD'), null without one. */
  suspendedUntil: string | null;
  comment: string;
  rollKey: string | null;
  recordedBy: number | null;
  recordedAt: string;
  /**
   * When a staff call last changed it (ISO instant), null if never since it was recorded: the
   * end-of-year purge refuses an event changed after the school's last archive.
   */
  updatedAt: string | null;
  processed: boolean;
  version: number;
}

export interface SchoolLifeSettingRow {
  id: number;
  schoolId: number;
  middayBoundary: string;
  closedPeriods: string;
  /** School years of vie scolaire kept before the end-of-year purge (1: the current one). */
  retentionYears: number;
}

export const MotifEntity = new EntitySchema<MotifRow>({
  name: 'Motif',
  tableName: 'motif',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    label: str('label', 120),
    legitimate: bool('legitimate'),
    openToFamilies: bool('open_to_families'),
    confidential: bool('confidential'),
    active: bool('active'),
  },
});

export const SchoolLifeEventEntity = new EntitySchema<SchoolLifeEventRow>({
  name: 'SchoolLifeEvent',
  tableName: 'school_life_event',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    studentId: int('student_id'),
    kind: str('kind', 20),
    startsAt: instant('starts_at'),
    endsAt: instant('ends_at'),
    minutes: int('minutes', true),
    motifId: int('motif_id', true),
    justified: bool('justified'),
    publishableOnline: bool('publishable_online'),
    familyNotifiedAt: instant('family_notified_at', true),
    familyNotifiedBy: str('family_notified_by', 20, true),
    sanctionKind: str('sanction_kind', 30, true),
    suspended: bool('suspended'),
    suspendedUntil: isoDate('suspended_until', true),
    comment: longText('comment'),
    rollKey: str('roll_key', 120, true),
    recordedBy: int('recorded_by', true),
    recordedAt: instant('recorded_at'),
    updatedAt: instant('updated_at', true),
    processed: bool('processed'),
    version: int('version'),
  },
});

export const SchoolLifeSettingEntity = new EntitySchema<SchoolLifeSettingRow>({
  name: 'SchoolLifeSetting',
  tableName: 'school_life_setting',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    middayBoundary: str('midday_boundary', 5),
    closedPeriods: longText('closed_periods'),
    retentionYears: { ...int('retention_years'), default: 1 },
  },
});

export interface AbsenteeismReportRow {
  id: number;
  schoolId: number;
  studentId: number;
  month: string;
  reportedOn: string;
  recordedBy: number | null;
  recordedAt: string;
}

export const AbsenteeismReportEntity = new EntitySchema<AbsenteeismReportRow>({
  name: 'AbsenteeismReport',
  tableName: 'absenteeism_report',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    studentId: int('student_id'),
    month: str('month', 7),
    reportedOn: isoDate('reported_on'),
    recordedBy: int('recorded_by', true),
    recordedAt: instant('recorded_at'),
  },
});

export const SCHOOL_LIFE_ENTITIES = [
  MotifEntity,
  SchoolLifeEventEntity,
  SchoolLifeSettingEntity,
  AbsenteeismReportEntity,
];
