import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableIndex } from 'typeorm';

/**
 * Issue 15 §3, an académie on one PostgreSQL. Without these, PostgreSQL read the whole
 * académie's rows to find one school's or one account's:
 * - a school's guardian links, read by school by the accounts' sync after each import and
 *   for every school at each start and each night;
 * - an account's e-mail confirmation links, read on every page of the portal (« confirmez
 *   votre adresse ») and never deleted, so the table grows with every family of the académie.
 */
export class AcademieIndexes1764100000000 implements MigrationInterface {
  name = 'AcademieIndexes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'student_guardian',
      new TableIndex({ name: 'ix_student_guardian_school', columnNames: ['school_id'] }),
    );
    await q.createIndex(
      'account_token',
      new TableIndex({ name: 'ix_account_token_account', columnNames: ['account_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('account_token', 'ix_account_token_account');
    await q.dropIndex('student_guardian', 'ix_student_guardian_school');
  }
}
