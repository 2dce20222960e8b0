import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const int = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable,
});
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
  ...(isNullable ? {} : { default: "''" }),
});
const text = (name: string): TableColumnOptions => ({ name, type: 'text', default: "''" });
const fk = (column: string, table: string, onDelete = 'CASCADE') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });

/**
 * Issue 18, fiche de renseignements: a family's change request per record (the pupil's, or
 * one guardian's, seen through one pupil's fiche), its changes field by field with the
 * staff's decision, and the exports back to SIECLE (« import privé ») with their NUM_ENVOI.
 */
export class InfoSheets1764740000000 implements MigrationInterface {
  name = 'InfoSheets1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'info_sheet_export',
        columns: [
          id(),
          int('school_id'),
          // NUM_ENVOI: counts each school's exports, never reused.
          int('number'),
          str('file_name', 80),
          int('change_count'),
          // The zip itself, base64 (a few kilobytes): downloaded again from any workstation.
          text('content'),
          int('staff_user_id', true),
          str('created_at', 30),
        ],
        foreignKeys: [fk('school_id', 'school'), fk('staff_user_id', 'staff_user', 'SET NULL')],
        indices: [
          new TableIndex({
            name: 'ux_info_sheet_export_number',
            columnNames: ['school_id', 'number'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'info_sheet_request',
        columns: [
          id(),
          int('school_id'),
          // The pupil whose fiche the family opened: a guardian's lien de parenté is per pupil.
          int('student_id'),
          // NULL: the pupil's own record; else the guardian record being changed.
          int('guardian_id', true),
          int('account_id', true),
          str('status', 10),
          // 'student:<id>' or 'guardian:<id>' while pending, NULL after: one waiting request
          // per record on both engines (NULLs never collide in a unique index).
          str('open_key', 40, true),
          { name: 'version', type: 'integer', default: 1 },
          str('submitted_at', 30),
          str('updated_at', 30),
          int('reviewed_by', true),
          str('reviewed_at', 30, true),
          text('comment'),
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          fk('student_id', 'student'),
          fk('guardian_id', 'guardian'),
          fk('account_id', 'family_account', 'SET NULL'),
          fk('reviewed_by', 'staff_user', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_info_sheet_request_open',
            columnNames: ['open_key'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ix_info_sheet_request_queue',
            columnNames: ['school_id', 'status', 'submitted_at'],
          }),
          new TableIndex({
            name: 'ix_info_sheet_request_student',
            columnNames: ['student_id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'info_sheet_change',
        columns: [
          id(),
          int('request_id'),
          str('field', 40),
          str('old_value', 300),
          str('new_value', 300),
          str('status', 10),
          text('comment'),
          int('export_id', true),
        ],
        foreignKeys: [
          fk('request_id', 'info_sheet_request'),
          fk('export_id', 'info_sheet_export', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_info_sheet_change_field',
            columnNames: ['request_id', 'field'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ix_info_sheet_change_export',
            columnNames: ['status', 'export_id'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('info_sheet_change');
    await q.dropTable('info_sheet_request');
    await q.dropTable('info_sheet_export');
  }
}
