import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const fk = (column: string, table: string) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });
const id = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment' as const,
};

/**
 * Issue 17 §5: the e-mail digest a family opts into. One row an account that ever chose
 * (`since_at`: what is newer than this is « new »; `last_sent_on`: the Paris day of the last
 * digest, at most one a day). Each digest carries its own unsubscribe link, kept hashed; the
 * hour the school sends them is a school setting (17 h by default).
 */
export class FamilyDigest1764800000000 implements MigrationInterface {
  name = 'FamilyDigest1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'family_digest',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'enabled', type: 'boolean', default: false },
          { name: 'since_at', type: 'varchar', length: '30' },
          { name: 'last_sent_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [fk('account_id', 'family_account')],
        indices: [new TableIndex({ columnNames: ['account_id'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'digest_unsubscribe_token',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'expires_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [fk('account_id', 'family_account')],
        indices: [
          new TableIndex({ columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ columnNames: ['account_id'] }),
        ],
      }),
    );
    await q.addColumn(
      'mail_outbox',
      new TableColumn({ name: 'headers', type: 'text', isNullable: true }),
    );
    await q.addColumn(
      'school',
      new TableColumn({ name: 'digest_hour', type: 'integer', default: 17 }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school', 'digest_hour');
    await q.dropColumn('mail_outbox', 'headers');
    await q.dropTable('digest_unsubscribe_token');
    await q.dropTable('family_digest');
  }
}
