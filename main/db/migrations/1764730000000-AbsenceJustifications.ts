import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

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
const fk = (column: string, table: string, onDelete = 'CASCADE') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });

/**
 * Issue 17 §5: a guardian justifies an absence online (a motif « ouvert aux familles » and a
 * comment); the CPE accepts or refuses it. One row a request, kept after the decision so that
 * the family sees the outcome and the CPE's comment; the event itself takes the motif only
 * when the CPE accepts.
 */
export class AbsenceJustifications1764730000000 implements MigrationInterface {
  name = 'AbsenceJustifications1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'absence_justification',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          int('school_id'),
          int('event_id'),
          int('student_id'),
          int('account_id', true),
          int('motif_id', true),
          { name: 'comment', type: 'text', default: "''" },
          // pending | accepted | refused
          str('status', 10),
          str('submitted_at', 30),
          str('decided_at', 30, true),
          int('decided_by', true),
          { name: 'decision_comment', type: 'text', default: "''" },
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          fk('event_id', 'school_life_event'),
          fk('student_id', 'student'),
          fk('account_id', 'family_account', 'SET NULL'),
          fk('motif_id', 'motif', 'SET NULL'),
          fk('decided_by', 'staff_user', 'SET NULL'),
        ],
        indices: [
          new TableIndex({ name: 'ix_absence_justification_event', columnNames: ['event_id'] }),
          new TableIndex({
            name: 'ix_absence_justification_queue',
            columnNames: ['school_id', 'status', 'submitted_at'],
          }),
        ],
      }),
    );
    // The home tile reads the school's periods holding today: by school, never by a scan.
    await q.createIndex(
      'period',
      new TableIndex({ name: 'ix_period_school', columnNames: ['school_id', 'starts_on'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('period', 'ix_period_school');
    await q.dropTable('absence_justification');
  }
}
