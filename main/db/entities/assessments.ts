import { EntitySchema } from 'typeorm';
import { bool, instant, int, isoDate, pk, str } from '../columns';

/** A devoir of a teaching service in a period (issue 16 §3). */
export interface AssessmentRow {
  id: number;
  schoolId: number;
  teachingServiceId: number;
  periodId: number;
  label: string;
  day: string;
  scaleHundredths: number;
  coefficientHundredths: number;
  optional: boolean;
  publishesOn: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedBy: number | null;
  updatedAt: string;
  version: number;
}

/** A pupil's mark: points in hundredths, or a special code; neither is a cleared cell. */
export interface MarkRow {
  id: number;
  schoolId: number;
  assessmentId: number;
  studentId: number;
  points: number | null;
  special: string | null;
  updatedBy: number | null;
  updatedAt: string;
  /** When a value was typed into an empty cell: a preview at an earlier day leaves it out. */
  enteredAt: string | null;
  modifiedAfterPublicationAt: string | null;
  version: number;
}

export const AssessmentEntity = new EntitySchema<AssessmentRow>({
  name: 'Assessment',
  tableName: 'assessment',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    teachingServiceId: int('teaching_service_id'),
    periodId: int('period_id'),
    label: str('label', 100),
    day: isoDate('day'),
    scaleHundredths: int('scale_hundredths'),
    coefficientHundredths: int('coefficient_hundredths'),
    optional: bool('optional'),
    publishesOn: isoDate('publishes_on', true),
    createdBy: int('created_by', true),
    createdAt: instant('created_at'),
    updatedBy: int('updated_by', true),
    updatedAt: instant('updated_at'),
    version: int('version'),
  },
});

export const MarkEntity = new EntitySchema<MarkRow>({
  name: 'Mark',
  tableName: 'mark',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    assessmentId: int('assessment_id'),
    studentId: int('student_id'),
    points: int('points', true),
    special: str('special', 4, true),
    updatedBy: int('updated_by', true),
    updatedAt: instant('updated_at'),
    enteredAt: instant('entered_at', true),
    modifiedAfterPublicationAt: instant('modified_after_publication_at', true),
    version: int('version'),
  },
});

export const ASSESSMENT_ENTITIES = [AssessmentEntity, MarkEntity];
