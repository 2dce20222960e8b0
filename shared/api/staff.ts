import type { z } from 'zod';
import type { StaffRole } from '../domain/roles';
import {
  AuditListInput,
  ByIdInput,
  ChangePasswordInput,
  CreateUserInput,
  Empty,
  LoginInput,
  SchoolSettingsInput,
  SetupInput,
  StudentSearchInput,
  UpdateUserInput,
  ImportUploadInput,
  ImportPreviewInput,
  PreviewIdInput,
} from './schemas';
import type {
  AuditPage,
  DashboardSummary,
  ImportPreview,
  ImportResult,
  ImportUpload,
  DivisionSummary,
  GuardianDetail,
  LoginResult,
  NewPasswordResult,
  SchoolSettings,
  SchoolYearInfo,
  SetupResult,
  SetupStatus,
  StaffSession,
  StaffUserSummary,
  StudentDetail,
  StudentSearchResult,
} from './types';

/** 'public' calls need no session (login, first start); all others name the roles allowed. */
export type Access = 'public' | readonly StaffRole[];

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Phantom: carries the output type only. */
  output: O;
}

const out = <T>() => undefined as unknown as T;

const ALL_STAFF = ['direction', 'secretariat', 'cpe', 'teacher'] as const;
const OFFICE = ['direction', 'secretariat', 'cpe'] as const;
const DIRECTION = ['direction'] as const;
const IMPORTERS = ['direction', 'secretariat'] as const;

/**
 * The staff API: one declaration per call, bound to IPC (main/app) and to
 * POST /api/:name (main/http) by the same dispatcher.
 */
export const staffCalls = {
  'setup.status': { input: Empty, access: 'public', output: out<SetupStatus>() },
  'setup.createSchool': { input: SetupInput, access: 'public', output: out<SetupResult>() },
  'session.login': { input: LoginInput, access: 'public', output: out<LoginResult>() },
  'session.me': { input: Empty, access: ALL_STAFF, output: out<StaffSession>() },
  'session.logout': { input: Empty, access: ALL_STAFF, output: out<null>() },
  'session.changePassword': {
    input: ChangePasswordInput,
    access: ALL_STAFF,
    output: out<null>(),
  },
  'dashboard.summary': { input: Empty, access: ALL_STAFF, output: out<DashboardSummary>() },
  'school.get': { input: Empty, access: ALL_STAFF, output: out<SchoolSettings>() },
  'school.year': { input: Empty, access: ALL_STAFF, output: out<SchoolYearInfo | null>() },
  'settings.update': {
    input: SchoolSettingsInput,
    access: DIRECTION,
    output: out<SchoolSettings>(),
  },
  'divisions.list': { input: Empty, access: ALL_STAFF, output: out<DivisionSummary[]>() },
  'students.search': {
    input: StudentSearchInput,
    access: ALL_STAFF,
    output: out<StudentSearchResult>(),
  },
  'students.get': { input: ByIdInput, access: ALL_STAFF, output: out<StudentDetail>() },
  'guardians.get': { input: ByIdInput, access: OFFICE, output: out<GuardianDetail>() },
  'users.list': { input: Empty, access: DIRECTION, output: out<StaffUserSummary[]>() },
  'users.create': { input: CreateUserInput, access: DIRECTION, output: out<NewPasswordResult>() },
  'users.update': { input: UpdateUserInput, access: DIRECTION, output: out<StaffUserSummary>() },
  'users.resetPassword': {
    input: ByIdInput,
    access: DIRECTION,
    output: out<NewPasswordResult>(),
  },
  'audit.list': { input: AuditListInput, access: DIRECTION, output: out<AuditPage>() },
  /** Desktop only: the file's bytes over IPC. Web mode posts the file to /upload/import. */
  'import.upload': { input: ImportUploadInput, access: IMPORTERS, output: out<ImportUpload>() },
  'import.preview': {
    input: ImportPreviewInput,
    access: IMPORTERS,
    output: out<ImportPreview>(),
  },
  'import.apply': { input: PreviewIdInput, access: IMPORTERS, output: out<ImportResult>() },
  'import.cancel': { input: PreviewIdInput, access: IMPORTERS, output: out<null>() },
} as const satisfies Record<string, CallSpec>;

export type StaffCalls = typeof staffCalls;
export type StaffCallName = keyof StaffCalls;
/** What the caller passes (defaults may be left out). */
export type StaffInput<K extends StaffCallName> = z.input<StaffCalls[K]['input']>;
/** What the handler receives, defaults applied. */
export type StaffParsedInput<K extends StaffCallName> = z.output<StaffCalls[K]['input']>;
export type StaffOutput<K extends StaffCallName> = StaffCalls[K]['output'];

export const STAFF_CALL_NAMES = Object.keys(staffCalls) as StaffCallName[];

export function isStaffCallName(name: string): name is StaffCallName {
  return Object.prototype.hasOwnProperty.call(staffCalls, name);
}

export function roleMayCall(name: StaffCallName, role: StaffRole | null): boolean {
  const access: Access = staffCalls[name].access;
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
