import { EntitySchema } from 'typeorm';
import { instant, int, isoDate, pk, str } from '../columns';
import type { PeriodReopeningRow, SubjectCoefficientRow } from './rows';

export const PeriodReopeningEntity = new EntitySchema<PeriodReopeningRow>({
  name: 'PeriodReopening',
  tableName: 'period_reopening',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    periodId: int('period_id'),
    teacherId: int('teacher_id'),
    untilOn: isoDate('until_on'),
    createdAt: instant('created_at'),
  },
});

export const SubjectCoefficientEntity = new EntitySchema<SubjectCoefficientRow>({
  name: 'SubjectCoefficient',
  tableName: 'subject_coefficient',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    divisionId: int('division_id'),
    subjectCode: str('subject_code', 20),
    coefficientHundredths: { ...int('coefficient_hundredths'), default: 100 },
  },
});

export const GRADING_ENTITIES = [PeriodReopeningEntity, SubjectCoefficientEntity];
