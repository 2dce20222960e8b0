import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * When a mark was entered (issue 16 §6): the staff « Aperçu du portail » at a past date shows
 * the notes page as the family read it that day, so a mark typed later must not appear in it;
 * `updated_at` moves with every correction and cannot say. Marks already there take their
 * last change as their entry (the closest the database knows).
 */
export class MarkEnteredAt1764700000000 implements MigrationInterface {
  name = 'MarkEnteredAt1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'mark',
      new TableColumn({ name: 'entered_at', type: 'varchar', length: '30', isNullable: true }),
    );
    await q.query('UPDATE mark SET entered_at = updated_at');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('mark', 'entered_at');
  }
}
