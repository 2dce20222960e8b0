import { EntitySchema } from 'typeorm';
import { int, pk, str } from '../columns';

/** A pupil's SIECLE group (STRUCTURE of TYPE_STRUCTURE G), one row per pupil and group. */
export interface GroupMembershipRow {
  id: number;
  schoolId: number;
  studentId: number;
  groupCode: string;
}

export const GroupMembershipEntity = new EntitySchema<GroupMembershipRow>({
  name: 'GroupMembership',
  tableName: 'group_membership',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    studentId: int('student_id'),
    groupCode: str('group_code', 30),
  },
});
