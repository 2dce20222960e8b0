import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Issue 17 §3: the CPE records « signalé à la DSDEN le … » for a pupil of the L131-8 watch,
 * once a pupil and month (recording it again corrects the day).
 */
export class AbsenteeismReports1764720000000 implements MigrationInterface {
  name = 'AbsenteeismReports1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'absenteeism_report',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'school_id', type: 'integer' },
          { name: 'student_id', type: 'integer' },
          // 'YYYY-MM': the calendar month of the watch.
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'reported_on', type: 'varchar', length: '10' },
          { name: 'recorded_by', type: 'integer', isNullable: true },
          { name: 'recorded_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['school_id'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['student_id'],
            referencedTableName: 'student',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['recorded_by'],
            referencedTableName: 'staff_user',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'ux_absenteeism_report',
            columnNames: ['school_id', 'student_id', 'month'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('absenteeism_report');
  }
}
