import { EntitySchema } from 'typeorm';
import { instant, int, longText, pk, str } from '../columns';
import type {
  InfoSheetChangeStatus,
  InfoSheetField,
  InfoSheetRequestStatus,
} from '../../../shared/domain/infoSheet/fields';

export interface InfoSheetRequestRow {
  id: number;
  schoolId: number;
  studentId: number;
  /** null: the pupil's own record. */
  guardianId: number | null;
  accountId: number | null;
  status: InfoSheetRequestStatus;
  openKey: string | null;
  /** Checked in the UPDATE's WHERE clause: of two reviews at once, one wins. */
  version: number;
  submittedAt: string;
  updatedAt: string;
  reviewedBy: number | null;
  reviewedAt: string | null;
  comment: string;
}

export interface InfoSheetChangeRow {
  id: number;
  requestId: number;
  field: InfoSheetField;
  oldValue: string;
  newValue: string;
  status: InfoSheetChangeStatus;
  comment: string;
  exportId: number | null;
}

export interface InfoSheetExportRow {
  id: number;
  schoolId: number;
  number: number;
  fileName: string;
  changeCount: number;
  /** The zip, base64. */
  content: string;
  staffUserId: number | null;
  createdAt: string;
}

export const InfoSheetRequestEntity = new EntitySchema<InfoSheetRequestRow>({
  name: 'InfoSheetRequest',
  tableName: 'info_sheet_request',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    studentId: int('student_id'),
    guardianId: int('guardian_id', true),
    accountId: int('account_id', true),
    status: str('status', 10),
    openKey: str('open_key', 40, true),
    version: int('version'),
    submittedAt: instant('submitted_at'),
    updatedAt: instant('updated_at'),
    reviewedBy: int('reviewed_by', true),
    reviewedAt: instant('reviewed_at', true),
    comment: longText('comment'),
  },
});

export const InfoSheetChangeEntity = new EntitySchema<InfoSheetChangeRow>({
  name: 'InfoSheetChange',
  tableName: 'info_sheet_change',
  columns: {
    id: pk(),
    requestId: int('request_id'),
    field: str('field', 40),
    oldValue: str('old_value', 300),
    newValue: str('new_value', 300),
    status: str('status', 10),
    comment: longText('comment'),
    exportId: int('export_id', true),
  },
});

export const InfoSheetExportEntity = new EntitySchema<InfoSheetExportRow>({
  name: 'InfoSheetExport',
  tableName: 'info_sheet_export',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    number: int('number'),
    fileName: str('file_name', 80),
    changeCount: int('change_count'),
    content: longText('content'),
    staffUserId: int('staff_user_id', true),
    createdAt: instant('created_at'),
  },
});

export const INFO_SHEET_ENTITIES = [
  InfoSheetRequestEntity,
  InfoSheetChangeEntity,
  InfoSheetExportEntity,
];
