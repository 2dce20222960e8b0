import { EntitySchema } from 'typeorm';
import { instant, int, pk, str } from '../columns';

export interface PortalSessionRow {
  id: number;
  tokenHash: string;
  accountId: number;
  createdAt: string;
  lastSeenAt: string;
  /** An account the family proved it holds, waiting for the regroupement's confirmation. */
  pendingMergeId: number | null;
  pendingMergeAt: string | null;
  /** The other account's `password_version` when proved: the merge refuses it once moved. */
  pendingMergeVersion: number | null;
  /** The account's `password_version` when the session opened: once it moves, the session ends. */
  accountVersion: number;
}

/** A browser the family has logged in from: a lock set off by strangers does not apply to it. */
export interface PortalDeviceRow {
  id: number;
  tokenHash: string;
  accountId: number;
  createdAt: string;
}

/** « Cet enfant n'est pas le mien », waiting for the school. */
export interface ChildReportRow {
  id: number;
  schoolId: number;
  accountId: number;
  studentId: number;
  comment: string;
  createdAt: string;
  handledAt: string | null;
  handledBy: number | null;
}

export const PortalSessionEntity = new EntitySchema<PortalSessionRow>({
  name: 'PortalSession',
  tableName: 'portal_session',
  columns: {
    id: pk(),
    tokenHash: str('token_hash', 64),
    accountId: int('account_id'),
    createdAt: instant('created_at'),
    lastSeenAt: instant('last_seen_at'),
    pendingMergeId: int('pending_merge_id', true),
    pendingMergeAt: instant('pending_merge_at', true),
    pendingMergeVersion: int('pending_merge_version', true),
    accountVersion: int('account_version'),
  },
});

export const PortalDeviceEntity = new EntitySchema<PortalDeviceRow>({
  name: 'PortalDevice',
  tableName: 'portal_device',
  columns: {
    id: pk(),
    tokenHash: str('token_hash', 64),
    accountId: int('account_id'),
    createdAt: instant('created_at'),
  },
});

export const ChildReportEntity = new EntitySchema<ChildReportRow>({
  name: 'ChildReport',
  tableName: 'child_report',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    accountId: int('account_id'),
    studentId: int('student_id'),
    comment: str('comment', 500),
    createdAt: instant('created_at'),
    handledAt: instant('handled_at', true),
    handledBy: int('handled_by', true),
  },
});

export const PORTAL_ENTITIES = [PortalSessionEntity, PortalDeviceEntity, ChildReportEntity];
