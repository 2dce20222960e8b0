import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

// Local helpers, as in every migration: a shipped migration never changes.
const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const int = (name: string, isNullable = false, value?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable,
  ...(value === undefined ? {} : { default: value }),
});
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
  ...(isNullable ? {} : { default: "''" }),
});
const bool = (name: string, value: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: value ? 'true' : 'false',
});
const fk = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });

/**
 * Family accounts (SPEC §4): one per legal guardian person and one per student, the
 * children each covers, the one-use links e-mailed to families, the PDF batches of
 * notification letters, and the last run of the daily jobs (expiry catches up after a
 * closed app). The school chooses the envelope window of its letters.
 */
export class FamilyAccounts1763870000000 implements MigrationInterface {
  name = 'FamilyAccounts1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'family_account',
        columns: [
          id(),
          int('school_id'),
          str('kind', 10),
          str('login', 80),
          str('password_hash', 200, true),
          int('password_version', false, 0),
          str('state', 24),
          str('closed_reason', 20, true),
          str('letter_date', 10, true),
          str('expires_on', 10, true),
          str('email', 254),
          bool('email_confirmed', false),
          bool('no_email', false),
          int('guardian_id', true),
          int('student_id', true),
          str('display_name', 200),
          // Folded « nom prénom identifiant », for the staff's search.
          str('search_name', 300),
          // A regroupement closes this account into another: its children go there.
          int('merged_into_id', true),
          str('last_login_at', 30, true),
          str('activated_at', 30, true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [
          fk('school_id', 'school', 'CASCADE'),
          fk('guardian_id', 'guardian', 'SET NULL'),
          fk('student_id', 'student', 'SET NULL'),
        ],
        indices: [
          // Identifiants are unique in the whole database: several schools may share one.
          new TableIndex({
            name: 'ux_family_account_login',
            columnNames: ['login'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ux_family_account_guardian',
            columnNames: ['guardian_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ux_family_account_student',
            columnNames: ['student_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_family_account_state', columnNames: ['school_id', 'state'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'account_student',
        columns: [
          id(),
          int('account_id'),
          int('student_id'),
          // 'siecle': from the guardian's links (or the student's own account); 'merge': a
          // regroupement brought it, and an import does not take it away.
          str('source', 10),
          str('created_at', 30),
        ],
        foreignKeys: [
          fk('account_id', 'family_account', 'CASCADE'),
          fk('student_id', 'student', 'CASCADE'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_account_student',
            columnNames: ['account_id', 'student_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_account_student_student', columnNames: ['student_id'] }),
        ],
      }),
    );

    // One-use links e-mailed to a family (address confirmation, password reset): only the
    // SHA-256 of the token is kept.
    await q.createTable(
      new Table({
        name: 'account_token',
        columns: [
          id(),
          int('account_id'),
          str('purpose', 20),
          str('token_hash', 64),
          str('email', 254),
          str('created_at', 30),
          str('expires_at', 30),
          str('used_at', 30, true),
        ],
        foreignKeys: [fk('account_id', 'family_account', 'CASCADE')],
        indices: [
          new TableIndex({
            name: 'ux_account_token_hash',
            columnNames: ['token_hash'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'letter_batch',
        columns: [
          id(),
          int('school_id'),
          int('staff_user_id', true),
          str('label', 200),
          int('account_count', false, 0),
          int('page_count', false, 0),
          str('file_name', 100),
          str('created_at', 30),
          str('expires_at', 30),
        ],
        foreignKeys: [fk('school_id', 'school', 'CASCADE')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'scheduled_job',
        columns: [
          id(),
          str('name', 40),
          str('last_run_on', 10, true),
          str('last_run_at', 30, true),
        ],
        indices: [
          new TableIndex({ name: 'ux_scheduled_job', columnNames: ['name'], isUnique: true }),
        ],
      }),
    );

    await q.addColumn(
      'school',
      new TableColumn({ name: 'letter_window', type: 'varchar', length: '5', default: "'left'" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school', 'letter_window');
    for (const table of [
      'scheduled_job',
      'letter_batch',
      'account_token',
      'account_student',
      'family_account',
    ]) {
      await q.dropTable(table);
    }
  }
}
