import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

// Local helpers, as in the Initial migration: a shipped migration never changes.
const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const str = (name: string, length: number): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  default: "''",
});
const fk = (column: string, table: string) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/**
 * Issue 16 §1, « who teaches what »: the school's subjects (SIECLE/STS six-digit codes), the
 * STS-Web id of each teacher (kept apart from staff_user so that a re-import matches by id),
 * teaching services (a subject, a division or a group, a teacher) and professeurs principaux.
 * Divisions and groups are kept by code, as STS names them: a service may arrive before the
 * SIECLE import that creates its division.
 */
export class TeachingServices1764300000000 implements MigrationInterface {
  name = 'TeachingServices1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'subject',
        columns: [
          id(),
          int('school_id'),
          str('code', 6),
          str('management_code', 20),
          str('short_label', 100),
          str('long_label', 200),
        ],
        foreignKeys: [fk('school_id', 'school')],
        indices: [
          new TableIndex({
            name: 'ux_subject_code',
            columnNames: ['school_id', 'code'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'teacher_sts_id',
        columns: [id(), int('school_id'), int('staff_user_id'), str('sts_id', 20)],
        foreignKeys: [fk('school_id', 'school'), fk('staff_user_id', 'staff_user')],
        indices: [
          new TableIndex({
            name: 'ux_teacher_sts_id',
            columnNames: ['school_id', 'sts_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ux_teacher_sts_id_user',
            columnNames: ['staff_user_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'teaching_service',
        columns: [
          id(),
          int('school_id'),
          int('subject_id'),
          str('structure_kind', 10),
          str('structure_code', 30),
          str('group_divisions', 300),
          int('staff_user_id'),
          str('source', 10),
          str('created_at', 30),
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          fk('subject_id', 'subject'),
          fk('staff_user_id', 'staff_user'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_teaching_service',
            columnNames: [
              'school_id',
              'subject_id',
              'structure_kind',
              'structure_code',
              'staff_user_id',
            ],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_teaching_service_teacher', columnNames: ['staff_user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'main_teacher',
        columns: [id(), int('school_id'), int('staff_user_id'), str('division_code', 30)],
        foreignKeys: [fk('school_id', 'school'), fk('staff_user_id', 'staff_user')],
        indices: [
          new TableIndex({
            name: 'ux_main_teacher',
            columnNames: ['school_id', 'division_code', 'staff_user_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_main_teacher_user', columnNames: ['staff_user_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('main_teacher');
    await q.dropTable('teaching_service');
    await q.dropTable('teacher_sts_id');
    await q.dropTable('subject');
  }
}
