import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
  ...(isNullable ? {} : { default: "''" }),
});
const fk = (column: string, table: string) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/**
 * Issue 16 §2: grading periods per level (a level's own trimestres or semestres, '' for the
 * school's), the day each period's mark entry closes and, in the « à date » mode, the day
 * its marks are published; direction's reopenings of a closed period for one teacher; the
 * school's student-before-parent delays; subject coefficients per division (default 1).
 */
export class GradingPeriods1764400000000 implements MigrationInterface {
  name = 'GradingPeriods1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('period', [
      new TableColumn({ name: 'level', type: 'varchar', length: '10', default: "''" }),
      new TableColumn({ name: 'closes_on', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'publishes_on', type: 'varchar', length: '10', isNullable: true }),
    ]);
    await q.dropIndex('period', 'ux_period_code');
    await q.createIndex(
      'period',
      new TableIndex({
        name: 'ux_period_level_code',
        columnNames: ['school_year_id', 'level', 'code'],
        isUnique: true,
      }),
    );
    await q.createTable(
      new Table({
        name: 'period_reopening',
        columns: [
          id(),
          int('school_id'),
          int('period_id'),
          int('teacher_id'),
          // Last day the teacher may enter marks, included (Paris calendar).
          str('until_on', 10),
          str('created_at', 30),
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          fk('period_id', 'period'),
          fk('teacher_id', 'staff_user'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_period_reopening',
            columnNames: ['period_id', 'teacher_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.addColumns('school', [
      new TableColumn({ name: 'student_delay_days', type: 'integer', default: 0 }),
      new TableColumn({ name: 'parent_delay_days', type: 'integer', default: 0 }),
    ]);
    await q.createTable(
      new Table({
        name: 'subject_coefficient',
        columns: [
          id(),
          int('school_id'),
          int('division_id'),
          // The ministry's code matière (SIECLE and STS-Web share it): no key to a subject
          // table, so that a coefficient survives a new import of the teaching services.
          str('subject_code', 20),
          // Hundredths (1.5 → 150): exact, as the averages need.
          { name: 'coefficient_hundredths', type: 'integer', default: 100 },
        ],
        foreignKeys: [fk('school_id', 'school'), fk('division_id', 'division')],
        indices: [
          new TableIndex({
            name: 'ux_subject_coefficient',
            columnNames: ['division_id', 'subject_code'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('subject_coefficient');
    await q.dropColumns('school', ['student_delay_days', 'parent_delay_days']);
    await q.dropTable('period_reopening');
    await q.dropIndex('period', 'ux_period_level_code');
    await q.createIndex(
      'period',
      new TableIndex({
        name: 'ux_period_code',
        columnNames: ['school_year_id', 'code'],
        isUnique: true,
      }),
    );
    await q.dropColumns('period', ['level', 'closes_on', 'publishes_on']);
  }
}
