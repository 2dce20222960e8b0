import { EntitySchema } from 'typeorm';
import { bool, instant, int, isoDate, longText, pk, str } from '../columns';

import type { AccountKind, AccountState, ClosedReason } from '../../../shared/domain/accounts';

export interface FamilyAccountRow {
  id: number;
  schoolId: number;
  kind: AccountKind;
  login: string;
  passwordHash: string | null;
  /** Goes up with every new password: a letter batch commits only if it has not moved. */
  passwordVersion: number;
  /** Wrong dates of birth since the last letter (issue 14): at BIRTH_DATE_BUDGET the letter is void. */
  birthDateMisses: number;
  state: AccountState;
  closedReason: ClosedReason | null;
  letterDate: string | null;
  expiresOn: string | null;
  email: string;
  emailConfirmed: boolean;
  noEmail: boolean;
  guardianId: number | null;
  studentId: number | null;
  displayName: string;
  searchName: string;
  mergedIntoId: number | null;
  lastLoginAt: string | null;
  /** The login before the last one: what the family reads as « Dernière connexion ». */
  previousLoginAt: string | null;
  activatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountStudentRow {
  id: number;
  accountId: number;
  studentId: number;
  source: 'siecle' | 'merge';
  createdAt: string;
}

export interface AccountTokenRow {
  id: number;
  accountId: number;
  purpose: 'confirm_email' | 'reset_password';
  tokenHash: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** The « Demande n° » a password-reset request showed; '' otherwise. */
  reference: string;
}

export interface LetterBatchRow {
  id: number;
  schoolId: number;
  staffUserId: number | null;
  label: string;
  accountCount: number;
  pageCount: number;
  fileName: string;
  createdAt: string;
  expiresAt: string;
  /** A batch split by division: its parts (LetterBatchPart[]) as JSON; '' for one PDF. */
  parts: string;
}

export interface ScheduledJobRow {
  id: number;
  name: string;
  lastRunOn: string | null;
  lastRunAt: string | null;
}

export const FamilyAccountEntity = new EntitySchema<FamilyAccountRow>({
  name: 'FamilyAccount',
  tableName: 'family_account',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    kind: str('kind', 10),
    login: str('login', 80),
    passwordHash: str('password_hash', 200, true),
    passwordVersion: int('password_version'),
    birthDateMisses: int('birth_date_misses'),
    state: str('state', 24),
    closedReason: str('closed_reason', 20, true),
    letterDate: isoDate('letter_date', true),
    expiresOn: isoDate('expires_on', true),
    email: str('email', 254),
    emailConfirmed: bool('email_confirmed'),
    noEmail: bool('no_email'),
    guardianId: int('guardian_id', true),
    studentId: int('student_id', true),
    displayName: str('display_name', 200),
    searchName: str('search_name', 300),
    mergedIntoId: int('merged_into_id', true),
    lastLoginAt: instant('last_login_at', true),
    previousLoginAt: instant('previous_login_at', true),
    activatedAt: instant('activated_at', true),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
});

export const AccountStudentEntity = new EntitySchema<AccountStudentRow>({
  name: 'AccountStudent',
  tableName: 'account_student',
  columns: {
    id: pk(),
    accountId: int('account_id'),
    studentId: int('student_id'),
    source: str('source', 10),
    createdAt: instant('created_at'),
  },
});

export const AccountTokenEntity = new EntitySchema<AccountTokenRow>({
  name: 'AccountToken',
  tableName: 'account_token',
  columns: {
    id: pk(),
    accountId: int('account_id'),
    purpose: str('purpose', 20),
    tokenHash: str('token_hash', 64),
    email: str('email', 254),
    createdAt: instant('created_at'),
    expiresAt: instant('expires_at'),
    usedAt: instant('used_at', true),
    reference: str('reference', 20),
  },
});

export const LetterBatchEntity = new EntitySchema<LetterBatchRow>({
  name: 'LetterBatch',
  tableName: 'letter_batch',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    staffUserId: int('staff_user_id', true),
    label: str('label', 200),
    accountCount: int('account_count'),
    pageCount: int('page_count'),
    fileName: str('file_name', 100),
    createdAt: instant('created_at'),
    expiresAt: instant('expires_at'),
    parts: { ...longText('parts'), default: '' },
  },
});

export const ScheduledJobEntity = new EntitySchema<ScheduledJobRow>({
  name: 'ScheduledJob',
  tableName: 'scheduled_job',
  columns: {
    id: pk(),
    name: str('name', 40),
    lastRunOn: isoDate('last_run_on', true),
    lastRunAt: instant('last_run_at', true),
  },
});

export const ACCOUNT_ENTITIES = [
  FamilyAccountEntity,
  AccountStudentEntity,
  AccountTokenEntity,
  LetterBatchEntity,
  ScheduledJobEntity,
];
