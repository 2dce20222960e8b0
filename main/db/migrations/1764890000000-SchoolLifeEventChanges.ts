import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Issue 17 §5: the end-of-year purge erases only what the school's last archive shows as it
 * is. An event records when it was last changed (motif, processing, justification, « famille
 * avisée », publication, a roll's correction), so the purge can refuse an event changed after
 * that archive. Null: not changed since it was recorded (or changed before this column).
 */
export class SchoolLifeEventChanges1764890000000 implements MigrationInterface {
  name = 'SchoolLifeEventChanges1764890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'school_life_event',
      new TableColumn({ name: 'updated_at', type: 'varchar', length: '30', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school_life_event', 'updated_at');
  }
}
