import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';
import { DEFAULT_MOTIFS } from '../../../shared/domain/vieScolaire/defaultMotifs';

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
const bool = (name: string, value: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: value ? 'true' : 'false',
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
 * Issue 17 §1–§3, vie scolaire: each school's motifs (« légitime », « ouvert aux familles »,
 * « confidentiel »), seeded with the five of L131-8 and the usual others; the events
 * (absences, retards, punitions, sanctions…) with a start and an end, never a count of
 * half-days (derived); the half-day settings (midday boundary, holidays).
 */
export class SchoolLife1764600000000 implements MigrationInterface {
  name = 'SchoolLife1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'motif',
        columns: [
          id(),
          int('school_id'),
          str('label', 120),
          bool('legitimate', false),
          bool('open_to_families', false),
          bool('confidential', false),
          bool('active', true),
        ],
        foreignKeys: [fk('school_id', 'school')],
        indices: [
          new TableIndex({
            name: 'ux_motif_label',
            columnNames: ['school_id', 'label'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'school_life_event',
        columns: [
          id(),
          int('school_id'),
          int('student_id'),
          str('kind', 20),
          // Instants, ISO 8601 UTC: the half-days are derived from them, never stored.
          str('starts_at', 30),
          str('ends_at', 30),
          int('minutes', true),
          int('motif_id', true),
          bool('justified', false),
          bool('publishable_online', false),
          str('family_notified_at', 30, true),
          str('family_notified_by', 20, true),
          str('sanction_kind', 30, true),
          bool('suspended', false),
          { name: 'comment', type: 'text', default: "''" },
          // The roll that recorded it: saving that roll again corrects its rows.
          str('roll_key', 120, true),
          int('recorded_by', true),
          str('recorded_at', 30),
          bool('processed', false),
          { name: 'version', type: 'integer', default: 1 },
        ],
        foreignKeys: [
          fk('school_id', 'school'),
          fk('student_id', 'student'),
          fk('motif_id', 'motif', 'SET NULL'),
          fk('recorded_by', 'staff_user', 'SET NULL'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_school_life_event_student',
            columnNames: ['student_id', 'starts_at'],
          }),
          new TableIndex({
            name: 'ix_school_life_event_queue',
            columnNames: ['school_id', 'processed', 'starts_at'],
          }),
          // NULLs differ on both engines: only the roll's rows are kept one per pupil.
          new TableIndex({
            name: 'ux_school_life_event_roll',
            columnNames: ['roll_key', 'student_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'school_life_setting',
        columns: [
          id(),
          int('school_id'),
          str('midday_boundary', 5),
          // JSON: [{ from, to }] Paris days, holidays and closures.
          { name: 'closed_periods', type: 'text', default: "'[]'" },
        ],
        foreignKeys: [fk('school_id', 'school')],
        indices: [
          new TableIndex({
            name: 'ux_school_life_setting',
            columnNames: ['school_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    const schools: { id: number }[] = await q.query('SELECT id FROM school');
    for (const school of schools) {
      for (const motif of DEFAULT_MOTIFS) {
        // Raw SQL: the entity may have moved on by the time this migration runs.
        const [sql, parameters] = q.connection.driver.escapeQueryWithParameters(
          `INSERT INTO motif (school_id, label, legitimate, open_to_families, confidential, active)
           VALUES (:schoolId, :label, :legitimate, :open, :confidential, TRUE)`,
          {
            schoolId: Number(school.id),
            label: motif.label,
            // 1 and 0: better-sqlite3 binds no booleans, PostgreSQL reads '1' as true.
            legitimate: Number(motif.legitimate),
            open: Number(motif.openToFamilies),
            confidential: Number(motif.confidential),
          },
        );
        await q.query(sql, parameters);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('school_life_setting');
    await q.dropTable('school_life_event');
    await q.dropTable('motif');
  }
}
