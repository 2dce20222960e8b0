import { EntitySchema } from 'typeorm';
import { instant, int, longText, pk, str } from '../columns';

export type JustificationStatus = 'pending' | 'accepted' | 'refused';

export interface AbsenceJustificationRow {
  id: number;
  schoolId: number;
  eventId: number;
  studentId: number;
  accountId: number | null;
  motifId: number | null;
  comment: string;
  status: JustificationStatus;
  submittedAt: string;
  decidedAt: string | null;
  decidedBy: number | null;
  decisionComment: string;
}

export const AbsenceJustificationEntity = new EntitySchema<AbsenceJustificationRow>({
  name: 'AbsenceJustification',
  tableName: 'absence_justification',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    eventId: int('event_id'),
    studentId: int('student_id'),
    accountId: int('account_id', true),
    motifId: int('motif_id', true),
    comment: longText('comment'),
    status: str('status', 10),
    submittedAt: instant('submitted_at'),
    decidedAt: instant('decided_at', true),
    decidedBy: int('decided_by', true),
    decisionComment: longText('decision_comment'),
  },
});

export const JUSTIFICATION_ENTITIES = [AbsenceJustificationEntity];
