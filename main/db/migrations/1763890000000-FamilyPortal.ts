import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
  ...(isNullable ? {} : { default: "''" }),
});
const accountKey = (table: string) =>
  new TableForeignKey({
    name: `fk_${table}_account`,
    columnNames: ['account_id'],
    referencedTableName: 'family_account',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/**
 * The family portal: its sessions and the browsers a family has already logged in from live
 * in the database (several portal processes can serve one PostgreSQL database), the « cet
 * enfant n'est pas le mien » reports wait there for the school, and a password-reset request
 * keeps the reference number the family was shown.
 */
export class FamilyPortal1763890000000 implements MigrationInterface {
  name = 'FamilyPortal1763890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'portal_session',
        columns: [
          id(),
          str('token_hash', 64),
          { name: 'account_id', type: 'integer' },
          str('created_at', 30),
          str('last_seen_at', 30),
          { name: 'pending_merge_id', type: 'integer', isNullable: true },
          str('pending_merge_at', 30, true),
        ],
        foreignKeys: [accountKey('portal_session')],
        indices: [
          new TableIndex({
            name: 'ux_portal_session_token',
            columnNames: ['token_hash'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_portal_session_account', columnNames: ['account_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'portal_device',
        columns: [
          id(),
          str('token_hash', 64),
          { name: 'account_id', type: 'integer' },
          str('created_at', 30),
        ],
        foreignKeys: [accountKey('portal_device')],
        indices: [
          new TableIndex({
            name: 'ux_portal_device_token',
            columnNames: ['token_hash'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_portal_device_account', columnNames: ['account_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'child_report',
        columns: [
          id(),
          { name: 'school_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'student_id', type: 'integer' },
          str('comment', 500),
          str('created_at', 30),
          str('handled_at', 30, true),
          { name: 'handled_by', type: 'integer', isNullable: true },
        ],
        foreignKeys: [
          accountKey('child_report'),
          new TableForeignKey({
            name: 'fk_child_report_school',
            columnNames: ['school_id'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'ix_child_report_school',
            columnNames: ['school_id', 'handled_at'],
          }),
        ],
      }),
    );
    await q.addColumn('account_token', new TableColumn(str('reference', 20)));
    // « Dernière connexion le … » (seed 004) names the connection before this one.
    await q.addColumn('family_account', new TableColumn(str('previous_login_at', 30, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('family_account', 'previous_login_at');
    await q.dropColumn('account_token', 'reference');
    await q.dropTable('child_report');
    await q.dropTable('portal_device');
    await q.dropTable('portal_session');
  }
}
