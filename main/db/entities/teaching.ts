import { EntitySchema } from 'typeorm';
import { instant, int, pk, str } from '../columns';

/** A subject of the school's nomenclature (SIECLE/STS MATIERE), by its six-digit code. */
export interface SubjectRow {
  id: number;
  schoolId: number;
  code: string;
  managementCode: string;
  shortLabel: string;
  longLabel: string;
}

/** The STS-Web INDIVIDU@ID of a staff user: a re-import finds the teacher by it. */
export interface TeacherStsIdRow {
  id: number;
  schoolId: number;
  staffUserId: number;
  stsId: string;
}

export interface TeachingServiceRow {
  id: number;
  schoolId: number;
  subjectId: number;
  /** 'division' or 'group'. */
  structureKind: string;
  structureCode: string;
  /** For a group: the divisions it draws from, comma-separated (STS DIVISIONS_APPARTENANCE). */
  groupDivisions: string;
  staffUserId: number;
  /** 'sts' (a re-import may remove it) or 'manual' (entered by the direction; kept). */
  source: string;
  createdAt: string;
}

export interface MainTeacherRow {
  id: number;
  schoolId: number;
  staffUserId: number;
  divisionCode: string;
}

export const SubjectEntity = new EntitySchema<SubjectRow>({
  name: 'Subject',
  tableName: 'subject',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    code: str('code', 6),
    managementCode: str('management_code', 20),
    shortLabel: str('short_label', 100),
    longLabel: str('long_label', 200),
  },
});

export const TeacherStsIdEntity = new EntitySchema<TeacherStsIdRow>({
  name: 'TeacherStsId',
  tableName: 'teacher_sts_id',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    staffUserId: int('staff_user_id'),
    stsId: str('sts_id', 20),
  },
});

export const TeachingServiceEntity = new EntitySchema<TeachingServiceRow>({
  name: 'TeachingService',
  tableName: 'teaching_service',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    subjectId: int('subject_id'),
    structureKind: str('structure_kind', 10),
    structureCode: str('structure_code', 30),
    groupDivisions: str('group_divisions', 300),
    staffUserId: int('staff_user_id'),
    source: str('source', 10),
    createdAt: instant('created_at'),
  },
});

export const MainTeacherEntity = new EntitySchema<MainTeacherRow>({
  name: 'MainTeacher',
  tableName: 'main_teacher',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    staffUserId: int('staff_user_id'),
    divisionCode: str('division_code', 30),
  },
});

export const TEACHING_ENTITIES = [
  SubjectEntity,
  TeacherStsIdEntity,
  TeachingServiceEntity,
  MainTeacherEntity,
];
