import type { Database } from '../../main/db/database';
import { GroupMembershipEntity, StudentEntity } from '../../main/db/entities';

/**
 * Puts pupils in SIECLE groups as an import would (issue 16 §1): the memberships the grades,
 * rolls and rosters read, and the `groups` text kept beside them. Replaces their groups.
 */
export async function setGroups(
  db: Database,
  studentIds: readonly number[],
  codes: readonly string[],
): Promise<void> {
  await db.transaction(async (m) => {
    for (const studentId of studentIds) {
      const student = await m.getRepository(StudentEntity).findOneByOrFail({ id: studentId });
      await m.getRepository(StudentEntity).update(studentId, { groups: codes.join(',') });
      await m.getRepository(GroupMembershipEntity).delete({ studentId });
      for (const groupCode of codes) {
        await m
          .getRepository(GroupMembershipEntity)
          .insert({ schoolId: student.schoolId, studentId, groupCode });
      }
    }
  });
}
