import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableIndex } from 'typeorm';

/**
 * Issue 15 §3, an académie on one PostgreSQL. Without this, PostgreSQL read the whole
 * académie's rows to find one school's:
 * a school's guardian links, read by school by the accounts' sync after each import and
 * for every school at each start and each night.
 * (An account's links got theirs, `ix_account_token_account`, in AccountTokenByAccount.)
 */
export class AcademieIndexes1764100000000 implements MigrationInterface {
  name = 'AcademieIndexes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'student_guardian',
      new TableIndex({ name: 'ix_student_guardian_school', columnNames: ['school_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('student_guardian', 'ix_student_guardian_school');
  }
}
