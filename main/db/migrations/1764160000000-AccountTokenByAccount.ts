import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableIndex } from 'typeorm';

/**
 * Issue 15 §2: every home page asks whether an address is waiting for its confirmation link,
 * and every remedy voids an account's links: both look account tokens up by account, which
 * read the whole table (a link a family ever asked for stays there).
 */
export class AccountTokenByAccount1764160000000 implements MigrationInterface {
  name = 'AccountTokenByAccount1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'account_token',
      new TableIndex({ name: 'ix_account_token_account', columnNames: ['account_id', 'purpose'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('account_token', 'ix_account_token_account');
  }
}
