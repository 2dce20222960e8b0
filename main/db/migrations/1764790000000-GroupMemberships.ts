import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

/** Rows written per INSERT while filling the table: well under SQLite's bound parameters. */
const CHUNK = 200;

/**
 * Issue 16 §1 « Groups are real »: a pupil's SIECLE groups (STRUCTURE of TYPE_STRUCTURE G:
 * LAT5, an option, a half class) become one row per pupil and group, the membership the
 * grades, rolls and rosters read. `student.groups` stays as the text the import shows and
 * the portal and report cards already read; the import keeps both in step in one
 * transaction. Filled here from that column so that nothing is lost before the next import.
 */
export class GroupMemberships1764790000000 implements MigrationInterface {
  name = 'GroupMemberships1764790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'group_membership',
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
          // As long as teaching_service.structure_code, which a group service is matched on.
          { name: 'group_code', type: 'varchar', length: '30' },
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
        ],
        indices: [
          new TableIndex({
            name: 'ix_group_membership_group',
            columnNames: ['school_id', 'group_code'],
          }),
          new TableIndex({ name: 'ix_group_membership_student', columnNames: ['student_id'] }),
          new TableIndex({
            name: 'ux_group_membership',
            columnNames: ['student_id', 'group_code'],
            isUnique: true,
          }),
        ],
      }),
    );
    const students: { id: number | string; school_id: number | string; groups: string }[] =
      await q.query(`SELECT id, school_id, groups FROM student WHERE groups <> ''`);
    const rows = students.flatMap((s) =>
      [...new Set(s.groups.split(',').map((code) => code.trim()))]
        .filter((code) => code !== '' && code.length <= 30)
        .map((code) => ({
          school_id: Number(s.school_id),
          student_id: Number(s.id),
          group_code: code,
        })),
    );
    for (let i = 0; i < rows.length; i += CHUNK) {
      await q.manager
        .createQueryBuilder(q)
        .insert()
        .into('group_membership', ['school_id', 'student_id', 'group_code'])
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('group_membership');
  }
}
