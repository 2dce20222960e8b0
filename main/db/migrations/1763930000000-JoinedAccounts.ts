import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableIndex } from 'typeorm';

/**
 * A compte joint is shown on the surviving account's pages (issue 13): the accounts merged
 * into it are found by `merged_into_id`, on the portal's read path, without a table scan.
 */
export class JoinedAccounts1763930000000 implements MigrationInterface {
  name = 'JoinedAccounts1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'family_account',
      new TableIndex({ name: 'ix_family_account_merged_into', columnNames: ['merged_into_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('family_account', 'ix_family_account_merged_into');
  }
}
