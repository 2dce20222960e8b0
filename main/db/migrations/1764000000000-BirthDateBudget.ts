import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Issue 14: wrong dates of birth typed against an account since its last letter (5 void the
 * letter; only a new letter resets them), and the other account's `password_version` proved
 * for a regroupement (the merge refuses it once it has moved).
 */
export class BirthDateBudget1764000000000 implements MigrationInterface {
  name = 'BirthDateBudget1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'family_account',
      new TableColumn({
        name: 'birth_date_misses',
        type: 'integer',
        isNullable: false,
        default: 0,
      }),
    );
    await q.addColumn(
      'portal_session',
      new TableColumn({ name: 'pending_merge_version', type: 'integer', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('portal_session', 'pending_merge_version');
    await q.dropColumn('family_account', 'birth_date_misses');
  }
}
