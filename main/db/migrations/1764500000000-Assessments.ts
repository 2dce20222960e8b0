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
const fk = (
  column: string,
  table: string,
  onDelete: 'CASCADE' | 'SET NULL' | 'NO ACTION' = 'CASCADE',
) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });

/**
 * Issue 16 §3, the marks grid: assessments (devoirs) of a teaching service in a period, and
 * their marks. Marks, scales and coefficients are integer hundredths (12,5 is 1250): exact on
 * SQLite and PostgreSQL alike. Each row carries a version for the grid's conditional writes.
 */
export class Assessments1764500000000 implements MigrationInterface {
  name = 'Assessments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'assessment',
        columns: [
          id(),
          int('school_id'),
          int('teaching_service_id'),
          int('period_id'),
          str('label', 100),
          // The Paris day of the assessment, 'YYYY-MM-DD'.
          str('day', 10),
          { name: 'scale_hundredths', type: 'integer', default: 2000 },
          { name: 'coefficient_hundredths', type: 'integer', default: 100 },
          { name: 'optional', type: 'boolean', default: 'false' },
          // The teacher's own publication day: replaces the school's.
          str('publishes_on', 10, true),
          int('created_by', true),
          str('created_at', 30),
          int('updated_by', true),
          str('updated_at', 30),
          { name: 'version', type: 'integer', default: 1 },
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          // No cascade: removing a service or a period must never take its marks with it.
          fk('teaching_service_id', 'teaching_service', 'NO ACTION'),
          fk('period_id', 'period', 'NO ACTION'),
          fk('created_by', 'staff_user', 'SET NULL'),
          fk('updated_by', 'staff_user', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_assessment_service_period',
            columnNames: ['teaching_service_id', 'period_id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mark',
        columns: [
          id(),
          int('school_id'),
          int('assessment_id'),
          int('student_id'),
          // Exactly one of points (hundredths) and special ('abs', 'disp', 'nn'); neither is
          // a cell cleared (kept, so that its version and a change after publication remain).
          int('points', true),
          str('special', 4, true),
          int('updated_by', true),
          str('updated_at', 30),
          // Set when the mark changed or was cleared after families could see it: the notes
          // page says « modifiée le … ».
          str('modified_after_publication_at', 30, true),
          { name: 'version', type: 'integer', default: 1 },
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          fk('assessment_id', 'assessment'),
          fk('student_id', 'student'),
          fk('updated_by', 'staff_user', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_mark_assessment_student',
            columnNames: ['assessment_id', 'student_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_mark_student', columnNames: ['student_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mark');
    await q.dropTable('assessment');
  }
}
