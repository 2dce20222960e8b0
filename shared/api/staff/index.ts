import type { CallInput, CallOutput, Calls, ParsedInput } from '../contract';
import { isCallName } from '../contract';
import { allowedWithTemporaryPassword } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';
import { accountCalls } from './accounts';
import { auditCalls } from './audit';
import { familyPortalCalls } from './familyPortal';
import { gradeCalls } from './grades';
import { importCalls } from './import';
import { justificationCalls } from './justifications';
import { infoSheetCalls } from './infoSheets';
import { letterCalls } from './letters';
import { mailCalls } from './mail';
import { periodCalls } from './periods';
import { pupilCalls } from './pupils';
import { rosterCalls } from './rosters';
import { schoolCalls } from './school';
import { schoolLifeCalls } from './schoolLife';
import { schoolLifeArchiveCalls } from './schoolLifeArchive';
import { sessionCalls } from './session';
import { setupCalls } from './setup';
import { teachingCalls } from './teaching';
import { userCalls } from './users';

export * from './accounts';
export * from './audit';
export * from './familyPortal';
export * from './grades';
export * from './import';
export * from './justifications';
export * from './infoSheets';
export * from './letters';
export * from './mail';
export * from './periods';
export * from './pupils';
export * from './rosters';
export * from './school';
export * from './schoolLife';
export * from './schoolLifeArchive';
export * from './session';
export * from './setup';
export * from './teaching';
export * from './users';
export type { Address, IsoDate, IsoInstant, SchoolRef } from '../fields';

/**
 * The staff API, one file a domain: bound to IPC (main/app) and to POST /api/:name
 * (main/http) by the same dispatcher.
 */
export const staffCalls = {
  ...setupCalls,
  ...sessionCalls,
  ...schoolCalls,
  ...pupilCalls,
  ...rosterCalls,
  ...userCalls,
  ...auditCalls,
  ...importCalls,
  ...accountCalls,
  ...familyPortalCalls,
  ...letterCalls,
  ...mailCalls,
  ...teachingCalls,
  ...periodCalls,
  ...gradeCalls,
  ...schoolLifeCalls,
  ...schoolLifeArchiveCalls,
  ...justificationCalls,
  ...infoSheetCalls,
} as const satisfies Calls<StaffRole>;

export type StaffCalls = typeof staffCalls;
export type StaffCallName = keyof StaffCalls;
/** What the caller passes (defaults may be left out). */
export type StaffInput<K extends StaffCallName> = CallInput<StaffCalls, K>;
/** What the handler receives, defaults applied. */
export type StaffParsedInput<K extends StaffCallName> = ParsedInput<StaffCalls, K>;
export type StaffOutput<K extends StaffCallName> = CallOutput<StaffCalls, K>;

export const STAFF_CALL_NAMES = Object.keys(staffCalls) as StaffCallName[];

export function isStaffCallName(name: string): name is StaffCallName {
  return isCallName(staffCalls, name);
}

/** What the window shows or hides: the same rule the dispatcher applies. */
export function roleMayCall(
  name: StaffCallName,
  role: StaffRole | null,
  mustChangePassword = false,
): boolean {
  const access = staffCalls[name].access;
  if (access === 'public') return true;
  if (role === null) return false;
  if (mustChangePassword && !allowedWithTemporaryPassword(name)) return false;
  return (access as readonly StaffRole[]).includes(role);
}
